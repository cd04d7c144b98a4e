import type { Kysely } from 'kysely';
import { nowIso } from '../ids.ts';
import type { Database, EnrollmentRow, EnrollmentStatus } from '../schema.ts';
import { OPEN_STATUSES } from './enrollments.ts';

export type EnrollmentListRow = EnrollmentRow & { customer_name: string };
export type EnrollmentFilter = { journeyId: string; nodeId?: string; status?: EnrollmentStatus | 'open' };
export type MigrationCandidate = Pick<EnrollmentRow, 'id' | 'version_id' | 'cursor_node_id' | 'status' | 'step_seq' | 'wait_on_timeout' | 'wait_on_event'>;

/** The operator-facing reads and moves of enrollments (the engine's own live in enrollments.ts). */
export function enrollmentAdmin(db: Kysely<Database>) {
  const filtered = (workspaceId: string, f: EnrollmentFilter) => {
    let q = db.selectFrom('enrollments as e').where('e.workspace_id', '=', workspaceId).where('e.journey_id', '=', f.journeyId);
    // A failed step's enrollment belongs to the node that failed (where the canvas counts it).
    if (f.nodeId !== undefined) q = f.status === 'failed' ? q.where('e.failed_node_id', '=', f.nodeId) : q.where('e.cursor_node_id', '=', f.nodeId);
    if (f.status === 'open') q = q.where('e.status', 'in', OPEN_STATUSES);
    else if (f.status !== undefined) q = q.where('e.status', '=', f.status);
    return q;
  };
  return {
    getInWorkspace(workspaceId: string, id: string): Promise<EnrollmentRow | undefined> {
      return db.selectFrom('enrollments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    /** One page of a journey's enrollments, newest first, with the customer's name and the total. */
    async page(workspaceId: string, f: EnrollmentFilter, page: { offset: number; limit: number }): Promise<{ rows: EnrollmentListRow[]; total: number }> {
      const rows = await filtered(workspaceId, f)
        .innerJoin('customers as c', 'c.id', 'e.customer_id')
        .selectAll('e')
        .select('c.name as customer_name')
        .orderBy('e.started_at', 'desc')
        .orderBy('e.id')
        .offset(page.offset)
        .limit(page.limit)
        .execute();
      const total = await filtered(workspaceId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows, total: Number(total.n) };
    },
    /** Open enrollments of these versions, in id order from `afterId`: migration walks them in chunks. */
    openOfVersions(workspaceId: string, journeyId: string, versionIds: string[], afterId: string, limit: number): Promise<MigrationCandidate[]> {
      if (versionIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('enrollments')
        .select(['id', 'version_id', 'cursor_node_id', 'status', 'step_seq', 'wait_on_timeout', 'wait_on_event'])
        .where('workspace_id', '=', workspaceId)
        .where('journey_id', '=', journeyId)
        .where('version_id', 'in', versionIds)
        .where('status', 'in', OPEN_STATUSES)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
    },
    /**
     * Moves an open enrollment to another version and node, only if no run of steps committed since
     * it was read (`step_seq` unchanged). step_seq itself is NOT bumped: the waiting workflow's next
     * runSteps must still match, so it resumes (timer or event) from the new node without losing the
     * event that woke it.
     */
    async moveToVersion(id: string, expectedSeq: number, to: { versionId: string; cursorNodeId: string | null }): Promise<boolean> {
      const result = await db
        .updateTable('enrollments')
        .set({ version_id: to.versionId, cursor_node_id: to.cursorNodeId, updated_at: nowIso() })
        .where('id', '=', id)
        .where('step_seq', '=', expectedSeq)
        .where('status', 'in', OPEN_STATUSES)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
