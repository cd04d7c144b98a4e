import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { nowIso } from '../ids.ts';
import type { Database, JourneyRow } from '../schema.ts';
import { OPEN_STATUSES } from './enrollments.ts';

/**
 * One row of the journeys list: the journey, its live version number, who last edited it, who is in it
 * now, and of the customers who entered in the period, how many reached the goal — the cohort the dashboard's journey card counts too.
 */
export type JourneySummary = Omit<JourneyRow, 'draft_graph'> & {
  live_version: number | null;
  updated_by_name: string | null;
  in_journey: number;
  entered: number;
  reached_goal: number;
  /** Customers stopped by a failed step, waiting for an operator to retry or skip (any version, any time). */
  failed: number;
};

export type VersionSummary = {
  id: string;
  version: number;
  notes: string;
  published_at: string;
  published_by: string | null;
  published_by_name: string | null;
  graph_hash: string;
  graph: string;
};

/** `%` and `_` in a search are literal characters, not wildcards. */
const likePattern = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The operator-facing reads and edits of journeys (the engine needs none of these). */
export function journeyAdmin(db: Kysely<Database>) {
  return {
    /** One query for every row and its numbers (correlated counts, portable to SQLite and PostgreSQL). */
    async list(workspaceId: string, options: { search?: string; includeArchived?: boolean; limit: number; period: { fromIso: string; toIso: string } }): Promise<JourneySummary[]> {
      const { period } = options;
      let q = db
        .selectFrom('journeys as j')
        .leftJoin('journey_versions as v', 'v.id', 'j.live_version_id')
        .leftJoin('users as u', 'u.id', 'j.updated_by')
        .select(['j.id', 'j.workspace_id', 'j.name', 'j.status', 'j.draft_revision', 'j.live_version_id', 'j.created_at', 'j.updated_at', 'j.updated_by', 'v.version as live_version', 'u.name as updated_by_name'])
        .select((eb) =>
          eb
            .selectFrom('enrollments as e')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('e.journey_id', '=', 'j.id')
            .where('e.status', 'in', OPEN_STATUSES)
            .as('in_journey'),
        )
        .select((eb) =>
          eb
            .selectFrom('enrollments as e')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('e.journey_id', '=', 'j.id')
            .where('e.started_at', '>=', period.fromIso)
            .where('e.started_at', '<', period.toIso)
            .as('entered'),
        )
        .select((eb) =>
          eb
            .selectFrom('enrollments as e')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('e.journey_id', '=', 'j.id')
            .where('e.started_at', '>=', period.fromIso)
            .where('e.started_at', '<', period.toIso)
            .where('e.status', '=', 'exited')
            .where('e.exit_reason', '=', 'goal')
            .as('reached_goal'),
        )
        .select((eb) =>
          eb
            .selectFrom('enrollments as e')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('e.journey_id', '=', 'j.id')
            .where('e.status', '=', 'failed')
            .where('e.failed_node_id', 'is not', null)
            .as('failed'),
        )
        .where('j.workspace_id', '=', workspaceId);
      if (!options.includeArchived) q = q.where('j.status', '!=', 'archived');
      if (options.search) q = q.where(sql<boolean>`lower(${sql.ref('j.name')}) like ${likePattern(options.search)} escape '\\'`);
      const rows = await q.orderBy('j.updated_at', 'desc').orderBy('j.id').limit(options.limit).execute();
      return rows.map((r) => ({
        ...r,
        live_version: r.live_version ?? null,
        updated_by_name: r.updated_by_name ?? null,
        in_journey: Number(r.in_journey ?? 0),
        entered: Number(r.entered ?? 0),
        reached_goal: Number(r.reached_goal ?? 0),
        failed: Number(r.failed ?? 0),
      }));
    },
    async rename(workspaceId: string, id: string, name: string, userId: string | null): Promise<boolean> {
      const result = await db.updateTable('journeys').set({ name, updated_at: nowIso(), updated_by: userId }).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Moves the journey to `to` only from one of `from`: a compare-and-set, so two operators cannot race. */
    async transition(workspaceId: string, id: string, from: Array<JourneyRow['status']>, to: JourneyRow['status']): Promise<boolean> {
      const result = await db
        .updateTable('journeys')
        .set({ status: to, updated_at: nowIso() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Who saved the draft last, for a conflict message ("Wang saved revision 7 at 10:02"). */
    async draftEditor(workspaceId: string, id: string): Promise<{ revision: number; updatedAt: string; userId: string | null; userName: string | null } | undefined> {
      const row = await db
        .selectFrom('journeys as j')
        .leftJoin('users as u', 'u.id', 'j.updated_by')
        .select(['j.draft_revision', 'j.updated_at', 'j.updated_by', 'u.name as user_name'])
        .where('j.workspace_id', '=', workspaceId)
        .where('j.id', '=', id)
        .executeTakeFirst();
      return row && { revision: row.draft_revision, updatedAt: row.updated_at, userId: row.updated_by, userName: row.user_name ?? null };
    },
    /** Versions of a journey, newest first, with the publisher's name and the graph (JSON text). */
    async versions(workspaceId: string, journeyId: string): Promise<VersionSummary[]> {
      const rows = await db
        .selectFrom('journey_versions as v')
        .leftJoin('users as u', 'u.id', 'v.published_by')
        .select(['v.id', 'v.version', 'v.notes', 'v.published_at', 'v.published_by', 'u.name as published_by_name', 'v.graph_hash', 'v.graph'])
        .where('v.workspace_id', '=', workspaceId)
        .where('v.journey_id', '=', journeyId)
        .orderBy('v.version', 'desc')
        .execute();
      return rows.map((r) => ({ ...r, published_by_name: r.published_by_name ?? null }));
    },
  };
}
