import type { Kysely } from 'kysely';
import type { Database, StageRow } from '../schema.ts';

export function stagesRepo(db: Kysely<Database>) {
  return {
    list(workspaceId: string): Promise<StageRow[]> {
      return db.selectFrom('stages').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('code').execute();
    },
    /** Inserts the rows whose code the workspace lacks; existing codes are left as they are. */
    async addMissing(rows: StageRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('stages')
        .values(rows)
        .onConflict((oc) => oc.columns(['workspace_id', 'code']).doNothing())
        .execute();
    },
    /** Replaces the workspace's list as a whole (the caller checks that no code in use disappears). */
    async replace(workspaceId: string, rows: StageRow[]): Promise<void> {
      await db.deleteFrom('stages').where('workspace_id', '=', workspaceId).execute();
      if (rows.length > 0) await db.insertInto('stages').values(rows).execute();
    },
    /** Stage codes carried by the workspace's customers, with how many carry each. */
    async inUse(workspaceId: string): Promise<Array<{ code: string; customers: number }>> {
      const rows = await db
        .selectFrom('customers')
        .select(['stage', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('stage', 'is not', null)
        .groupBy('stage')
        .execute();
      return rows.map((r) => ({ code: r.stage!, customers: Number(r.n) }));
    },
  };
}
