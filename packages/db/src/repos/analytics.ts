import type { Kysely } from 'kysely';
import type { Database, EnrollmentStatus, JourneyRow, TaskRow } from '../schema.ts';

type Count<K extends string, V = string | null> = Record<K, V> & { n: number };
const counted = <R extends { n: unknown }>(rows: R[]): Array<Omit<R, 'n'> & { n: number }> => rows.map((r) => ({ ...r, n: Number(r.n) }));

export type StageChange = { customer_id: string; from: string | null; to: string | null; occurred_at: string };
export type TaskForStats = Pick<TaskRow, 'owner_id' | 'status' | 'due_at' | 'completed_at'>;

const stageOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Read-only aggregates behind the dashboards. Every query is scoped to one workspace. */
export function analyticsRepo(db: Kysely<Database>) {
  return {
    /** Distinct customers who visited each node of a version. */
    async enteredByNode(workspaceId: string, versionId: string): Promise<Array<Count<'node_id', string>>> {
      const rows = await db
        .selectFrom('enrollment_steps as s')
        .innerJoin('enrollments as e', 'e.id', 's.enrollment_id')
        .select((eb) => ['s.node_id', eb.fn.count('e.customer_id').distinct().as('n')])
        .where('s.workspace_id', '=', workspaceId)
        .where('s.version_id', '=', versionId)
        .groupBy('s.node_id')
        .execute();
      return counted(rows);
    },
    /** Enrollments of a version by where they stand, for open ('waiting') or ended runs. */
    async enrollmentsByCursor(workspaceId: string, versionId: string, which: 'waiting' | 'ended'): Promise<Array<Count<'cursor_node_id'>>> {
      let q = db
        .selectFrom('enrollments')
        .select((eb) => ['cursor_node_id', eb.fn.countAll().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('version_id', '=', versionId)
        .where('cursor_node_id', 'is not', null);
      // A failed step's enrollment has not left: it waits for an operator at the node that failed (counted there as failed).
      q =
        which === 'waiting'
          ? q.where('status', '=', 'waiting')
          : q.where((eb) => eb.or([eb('status', 'in', ['completed', 'exited', 'cancelled']), eb.and([eb('status', '=', 'failed'), eb('failed_node_id', 'is', null)])]));
      return counted(await q.groupBy('cursor_node_id').execute());
    },
    /** Enrollments of a version stopped by a failed step, per node where it failed. */
    async failedByNode(workspaceId: string, versionId: string): Promise<Array<Count<'failed_node_id'>>> {
      const rows = await db
        .selectFrom('enrollments')
        .select((eb) => ['failed_node_id', eb.fn.countAll().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('version_id', '=', versionId)
        .where('status', '=', 'failed')
        .where('failed_node_id', 'is not', null)
        .groupBy('failed_node_id')
        .execute();
      return counted(rows);
    },
    async customersByStage(workspaceId: string): Promise<Array<Count<'stage'>>> {
      const rows = await db.selectFrom('customers').select((eb) => ['stage', eb.fn.countAll().as('n')]).where('workspace_id', '=', workspaceId).groupBy('stage').execute();
      return counted(rows);
    },
    /** stage.changed events at or after `fromIso` of customers that existed before `toIso`, oldest first. */
    async stageChangesSince(workspaceId: string, fromIso: string, toIso: string): Promise<StageChange[]> {
      const rows = await db
        .selectFrom('events as ev')
        .innerJoin('customers as c', 'c.id', 'ev.customer_id')
        .select(['ev.customer_id', 'ev.payload', 'ev.occurred_at'])
        .where('ev.workspace_id', '=', workspaceId)
        .where('ev.kind', '=', 'stage.changed')
        .where('ev.occurred_at', '>=', fromIso)
        .where('c.created_at', '<', toIso)
        .orderBy('ev.occurred_at')
        .orderBy('ev.seq')
        .execute();
      return rows.map((r) => {
        const p = JSON.parse(r.payload) as Record<string, unknown>;
        return { customer_id: r.customer_id, from: stageOf(p.from), to: stageOf(p.to), occurred_at: r.occurred_at };
      });
    },
    /** Customers existing before `toIso` whose stage has not changed since `fromIso`, by stage. */
    async unchangedByStage(workspaceId: string, fromIso: string, toIso: string): Promise<Array<Count<'stage'>>> {
      const rows = await db
        .selectFrom('customers as c')
        .select((eb) => ['c.stage', eb.fn.countAll().as('n')])
        .where('c.workspace_id', '=', workspaceId)
        .where('c.created_at', '<', toIso)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('events as ev').select('ev.id').whereRef('ev.customer_id', '=', 'c.id').where('ev.kind', '=', 'stage.changed').where('ev.occurred_at', '>=', fromIso))),
        )
        .groupBy('c.stage')
        .execute();
      return counted(rows);
    },
    tasksDue(workspaceId: string, fromIso: string, toIso: string): Promise<TaskForStats[]> {
      return db
        .selectFrom('tasks')
        .select(['owner_id', 'status', 'due_at', 'completed_at'])
        .where('workspace_id', '=', workspaceId)
        .where('due_at', '>=', fromIso)
        .where('due_at', '<', toIso)
        .execute();
    },
    async overdueByOwner(workspaceId: string, nowIsoValue: string): Promise<Array<Count<'owner_id'>>> {
      const rows = await db
        .selectFrom('tasks')
        .select((eb) => ['owner_id', eb.fn.countAll().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'open')
        .where('due_at', '<', nowIsoValue)
        .groupBy('owner_id')
        .execute();
      return counted(rows);
    },
    /** Open tasks due before `beforeIso`, per owner: how many, and the oldest due time. */
    async overdueSummary(workspaceId: string, beforeIso: string): Promise<Array<Count<'owner_id'> & { oldest_due_at: string }>> {
      const rows = await db
        .selectFrom('tasks')
        .select((eb) => ['owner_id', eb.fn.countAll().as('n'), eb.fn.min('due_at').as('oldest_due_at')])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'open')
        .where('due_at', '<', beforeIso)
        .groupBy('owner_id')
        .execute();
      return rows.map((r) => ({ owner_id: r.owner_id, n: Number(r.n), oldest_due_at: String(r.oldest_due_at) }));
    },
    /** Enrollments that started in [from, to), by journey, status and exit reason. */
    /** The period's enrollments by journey and how they stand; `stopped`: a failed step holds them for an operator. */
    async enrollmentOutcomes(workspaceId: string, fromIso: string, toIso: string): Promise<Array<Count<'journey_id', string> & { status: EnrollmentStatus; exit_reason: string | null; stopped: boolean }>> {
      const rows = await db
        .selectFrom('enrollments')
        .select((eb) => ['journey_id', 'status', 'exit_reason', eb.case().when('failed_node_id', 'is not', null).then(1).else(0).end().as('stopped'), eb.fn.countAll().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('started_at', '>=', fromIso)
        .where('started_at', '<', toIso)
        .groupBy(['journey_id', 'status', 'exit_reason', 'stopped'])
        .execute();
      return counted(rows).map((r) => ({ ...r, stopped: Number(r.stopped) === 1 }));
    },
    /** Distinct customers ever enrolled in a version, however far their first run got. */
    async enrolledCustomers(workspaceId: string, versionId: string): Promise<number> {
      const row = await db
        .selectFrom('enrollments')
        .select((eb) => eb.fn.count('customer_id').distinct().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('version_id', '=', versionId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    /** Journeys that were ever published (drafts never had anyone in them). */
    journeysPublished(workspaceId: string): Promise<Array<{ id: string; name: string; status: JourneyRow['status']; live_version_id: string | null }>> {
      return db
        .selectFrom('journeys')
        .select(['id', 'name', 'status', 'live_version_id'])
        .where('workspace_id', '=', workspaceId)
        .where('live_version_id', 'is not', null)
        .orderBy('name')
        .execute();
    },
    /** Distinct customers carrying any of the tags (matched by exact name). */
    async customersWithAnyTag(workspaceId: string, tagNames: readonly string[]): Promise<number> {
      if (tagNames.length === 0) return 0;
      const row = await db
        .selectFrom('customer_tags as ct')
        .innerJoin('tags as t', 't.id', 'ct.tag_id')
        .select((eb) => eb.fn.count('ct.customer_id').distinct().as('n'))
        .where('t.workspace_id', '=', workspaceId)
        .where('t.name', 'in', [...tagNames])
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
