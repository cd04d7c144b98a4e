import type { Kysely } from 'kysely';
import type { Database, PropertyRow } from '../schema.ts';

export function propertiesRepo(db: Kysely<Database>) {
  return {
    list(workspaceId: string): Promise<PropertyRow[]> {
      return db.selectFrom('properties').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('key').execute();
    },
    /** Inserts the rows whose key the workspace lacks; existing keys are left as they are. */
    async addMissing(rows: PropertyRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('properties')
        .values(rows)
        .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
        .execute();
    },
    /** Replaces the workspace's list as a whole (the caller checks what may go). */
    async replace(workspaceId: string, rows: PropertyRow[]): Promise<void> {
      await db.deleteFrom('properties').where('workspace_id', '=', workspaceId).execute();
      if (rows.length > 0) await db.insertInto('properties').values(rows).execute();
    },
    /** The property keys the workspace's customers carry, with a few of each key's values; read a page of customers at a time. */
    async inUse(workspaceId: string): Promise<Map<string, string[]>> {
      const keys = new Map<string, string[]>();
      for (let after = ''; ; ) {
        const page = await db.selectFrom('customers').select(['id', 'properties']).where('workspace_id', '=', workspaceId).where('id', '>', after).orderBy('id').limit(1000).execute();
        for (const row of page) {
          let props: Record<string, unknown>;
          try {
            props = JSON.parse(row.properties) as Record<string, unknown>;
          } catch {
            continue;
          }
          for (const [key, value] of Object.entries(props)) {
            const seen = keys.get(key) ?? [];
            if (seen.length < 20 && value !== null && value !== undefined) seen.push(String(value));
            keys.set(key, seen);
          }
        }
        if (page.length < 1000) return keys;
        after = page[page.length - 1]!.id;
      }
    },
  };
}
