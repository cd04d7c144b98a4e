import type { Kysely, Updateable } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { newId, nowIso } from '../ids.ts';
import type { Database, EnrollmentRow, EnrollmentStatus, EnrollmentStepRow, EnrollmentTable } from '../schema.ts';
import { enrollmentAdmin } from './enrollment-admin.ts';

export const OPEN_STATUSES: EnrollmentStatus[] = ['active', 'waiting'];

export type NewEnrollment = {
  workspaceId: string;
  journeyId: string;
  versionId: string;
  customerId: string;
  entryKey: string;
  workflowId: string;
  triggerEventId?: string | null;
};

export function enrollmentsRepo(db: Kysely<Database>) {
  return {
    /** Inserts unless this (journey, customer, entry key) exists; returns the row and whether it is new. */
    async insertOnce(input: NewEnrollment): Promise<{ enrollment: EnrollmentRow; created: boolean }> {
      const at = nowIso();
      const row: EnrollmentRow = {
        id: newId(),
        workspace_id: input.workspaceId,
        journey_id: input.journeyId,
        version_id: input.versionId,
        customer_id: input.customerId,
        entry_key: input.entryKey,
        workflow_id: input.workflowId,
        trigger_event_id: input.triggerEventId ?? null,
        status: 'active',
        cursor_node_id: null,
        step_seq: 0,
        visits: 0,
        wait_until: null,
        wait_event_kind: null,
        wait_event_filter: null,
        wait_on_timeout: null,
        wait_on_event: null,
        wait_started_at: null,
        exit_reason: null,
        started_at: at,
        ended_at: null,
        failed_node_id: null,
        failure: null,
        updated_at: at,
      };
      const inserted = await db
        .insertInto('enrollments')
        .values(row)
        .onConflict((oc) => oc.columns(['journey_id', 'customer_id', 'entry_key']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { enrollment: inserted, created: true };
      const existing = await db
        .selectFrom('enrollments')
        .selectAll()
        .where('journey_id', '=', input.journeyId)
        .where('customer_id', '=', input.customerId)
        .where('entry_key', '=', input.entryKey)
        .executeTakeFirstOrThrow();
      return { enrollment: existing, created: false };
    },
    get(id: string): Promise<EnrollmentRow | undefined> {
      return db.selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /**
     * The enrollment, locked until the transaction ends (PostgreSQL `for update`): a second run of
     * steps on it waits here, then reads the moved step_seq and writes nothing. On SQLite, BEGIN
     * IMMEDIATE already serialises every writing transaction.
     */
    getForStep(id: string): Promise<EnrollmentRow | undefined> {
      const q = db.selectFrom('enrollments').selectAll().where('id', '=', id);
      return (dialectOf(db) === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
    },
    /**
     * The compare-and-set that makes steps exactly-once: applies `patch` and bumps step_seq only if
     * nobody has advanced the enrollment since `expectedSeq`. Returns false when the CAS lost.
     */
    async advance(id: string, expectedSeq: number, patch: Updateable<EnrollmentTable>): Promise<boolean> {
      const result = await db
        .updateTable('enrollments')
        .set({ ...patch, step_seq: expectedSeq + 1, updated_at: nowIso() })
        .where('id', '=', id)
        .where('step_seq', '=', expectedSeq)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** All entries of this customer into this journey, newest first. */
    ofJourneyCustomer(journeyId: string, customerId: string): Promise<EnrollmentRow[]> {
      return db.selectFrom('enrollments').selectAll().where('journey_id', '=', journeyId).where('customer_id', '=', customerId).orderBy('started_at', 'desc').execute();
    },
    countEntries(journeyId: string, customerId: string): Promise<number> {
      return db
        .selectFrom('enrollments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('journey_id', '=', journeyId)
        .where('customer_id', '=', customerId)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    },
    openOfCustomer(customerId: string): Promise<EnrollmentRow[]> {
      return db.selectFrom('enrollments').selectAll().where('customer_id', '=', customerId).where('status', 'in', OPEN_STATUSES).execute();
    },
    ofJourney(journeyId: string): Promise<EnrollmentRow[]> {
      return db.selectFrom('enrollments').selectAll().where('journey_id', '=', journeyId).orderBy('started_at').execute();
    },
    async insertStep(step: Omit<EnrollmentStepRow, 'id'>): Promise<void> {
      await db.insertInto('enrollment_steps').values({ id: newId(), ...step }).execute();
    },
    steps(enrollmentId: string): Promise<EnrollmentStepRow[]> {
      return db.selectFrom('enrollment_steps').selectAll().where('enrollment_id', '=', enrollmentId).orderBy('visit').execute();
    },
    ...enrollmentAdmin(db),
  };
}
