import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, JourneyRow, JourneyVersionRow } from '../schema.ts';
import { journeyAdmin } from './journey-admin.ts';

export type Journey = Omit<JourneyRow, 'draft_graph'> & { draft_graph: unknown };
export type JourneyVersion = Omit<JourneyVersionRow, 'graph'> & { graph: unknown };

const parseJourney = (row: JourneyRow): Journey => ({ ...row, draft_graph: JSON.parse(row.draft_graph) as unknown });
const parseVersion = (row: JourneyVersionRow): JourneyVersion => ({ ...row, graph: JSON.parse(row.graph) as unknown });

export class RevisionConflictError extends Error {
  readonly currentRevision: number;
  constructor(currentRevision: number) {
    super(`the draft was changed by someone else (now at revision ${currentRevision})`);
    this.name = 'RevisionConflictError';
    this.currentRevision = currentRevision;
  }
}

export function journeysRepo(db: Kysely<Database>) {
  return {
    async create(input: { workspaceId: string; name: string; graph: unknown; userId?: string | null }): Promise<Journey> {
      const at = nowIso();
      const row: JourneyRow = {
        id: newId(),
        workspace_id: input.workspaceId,
        name: input.name,
        status: 'draft',
        draft_graph: JSON.stringify(input.graph),
        draft_revision: 1,
        live_version_id: null,
        created_at: at,
        updated_at: at,
        updated_by: input.userId ?? null,
      };
      await db.insertInto('journeys').values(row).execute();
      return parseJourney(row);
    },
    async get(workspaceId: string, id: string): Promise<Journey | undefined> {
      const row = await db.selectFrom('journeys').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return row && parseJourney(row);
    },
    /** Saves the draft only if nobody saved since `baseRevision`; returns the new revision. */
    async saveDraft(input: { workspaceId: string; id: string; graph: unknown; baseRevision: number; userId?: string | null }): Promise<number> {
      const result = await db
        .updateTable('journeys')
        .set({ draft_graph: JSON.stringify(input.graph), draft_revision: input.baseRevision + 1, updated_at: nowIso(), updated_by: input.userId ?? null })
        .where('workspace_id', '=', input.workspaceId)
        .where('id', '=', input.id)
        .where('draft_revision', '=', input.baseRevision)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return input.baseRevision + 1;
      const current = await db.selectFrom('journeys').select('draft_revision').where('workspace_id', '=', input.workspaceId).where('id', '=', input.id).executeTakeFirst();
      if (!current) throw new Error(`journey ${input.id} not found`);
      throw new RevisionConflictError(current.draft_revision);
    },
    // A paused journey stays paused when a new version is published: publishing is not resuming.
    async setLive(id: string, versionId: string): Promise<void> {
      await db
        .updateTable('journeys')
        .set((eb) => ({ live_version_id: versionId, status: eb.case().when('status', '=', 'paused').then('paused' as const).else('live' as const).end(), updated_at: nowIso() }))
        .where('id', '=', id)
        .execute();
    },
    async setStatus(id: string, status: JourneyRow['status']): Promise<void> {
      await db.updateTable('journeys').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    },
    ...journeyAdmin(db),
  };
}

export function versionsRepo(db: Kysely<Database>) {
  return {
    async insert(input: { workspaceId: string; journeyId: string; graph: unknown; graphHash: string; triggerType: string; notes: string; userId?: string | null }): Promise<JourneyVersion> {
      const last = await db.selectFrom('journey_versions').select((eb) => eb.fn.max('version').as('v')).where('journey_id', '=', input.journeyId).executeTakeFirst();
      const row: JourneyVersionRow = {
        id: newId(),
        workspace_id: input.workspaceId,
        journey_id: input.journeyId,
        version: Number(last?.v ?? 0) + 1,
        graph: JSON.stringify(input.graph),
        graph_hash: input.graphHash,
        trigger_type: input.triggerType,
        notes: input.notes,
        published_at: nowIso(),
        published_by: input.userId ?? null,
      };
      await db.insertInto('journey_versions').values(row).execute();
      return parseVersion(row);
    },
    async get(id: string): Promise<JourneyVersion | undefined> {
      const row = await db.selectFrom('journey_versions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && parseVersion(row);
    },
    async getInWorkspace(workspaceId: string, id: string): Promise<JourneyVersion | undefined> {
      const row = await db.selectFrom('journey_versions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return row && parseVersion(row);
    },
    async list(journeyId: string): Promise<JourneyVersion[]> {
      const rows = await db.selectFrom('journey_versions').selectAll().where('journey_id', '=', journeyId).orderBy('version', 'desc').execute();
      return rows.map(parseVersion);
    },
    /** Several versions of one workspace in one query (any order). */
    async many(workspaceId: string, ids: readonly string[]): Promise<JourneyVersion[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('journey_versions').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', [...ids]).execute();
      return rows.map(parseVersion);
    },
    /** Live versions of live journeys whose trigger is one of `triggerTypes`. */
    /** The live version of every live or paused journey of the workspace, with its journey's name. */
    async liveOf(workspaceId: string): Promise<Array<JourneyVersion & { journeyName: string }>> {
      const rows = await db
        .selectFrom('journey_versions')
        .innerJoin('journeys', 'journeys.live_version_id', 'journey_versions.id')
        .selectAll('journey_versions')
        .select('journeys.name as journey_name')
        .where('journeys.workspace_id', '=', workspaceId)
        .where('journeys.status', 'in', ['live', 'paused'])
        .execute();
      return rows.map(({ journey_name, ...row }) => ({ ...parseVersion(row), journeyName: journey_name }));
    },
    /** Every live version of every workspace, with its journey's and workspace's names (start-up checks). */
    async allLive(): Promise<Array<JourneyVersion & { journey_name: string; workspace_name: string }>> {
      const rows = await db
        .selectFrom('journey_versions')
        .innerJoin('journeys', 'journeys.live_version_id', 'journey_versions.id')
        .innerJoin('workspaces', 'workspaces.id', 'journeys.workspace_id')
        .selectAll('journey_versions')
        .select(['journeys.name as journey_name', 'workspaces.name as workspace_name'])
        .where('journeys.status', '=', 'live')
        .execute();
      return rows.map((row) => ({ ...parseVersion(row), journey_name: row.journey_name, workspace_name: row.workspace_name }));
    },
    async liveByTrigger(workspaceId: string, triggerTypes: string[]): Promise<JourneyVersion[]> {
      if (triggerTypes.length === 0) return [];
      const rows = await db
        .selectFrom('journey_versions')
        .innerJoin('journeys', 'journeys.live_version_id', 'journey_versions.id')
        .selectAll('journey_versions')
        .where('journeys.workspace_id', '=', workspaceId)
        .where('journeys.status', '=', 'live')
        .where('journey_versions.trigger_type', 'in', triggerTypes)
        .execute();
      return rows.map(parseVersion);
    },
  };
}
