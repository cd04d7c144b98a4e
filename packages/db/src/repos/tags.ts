import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database } from '../schema.ts';

export function tagsRepo(db: Kysely<Database>) {
  async function ensure(workspaceId: string, names: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(names)];
    if (unique.length === 0) return new Map();
    const at = nowIso();
    await db
      .insertInto('tags')
      .values(unique.map((name) => ({ id: newId(), workspace_id: workspaceId, name, created_at: at })))
      .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
      .execute();
    const rows = await db.selectFrom('tags').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('name', 'in', unique).execute();
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  return {
    ensure,
    /** Adds tags; returns the names that were newly added (not already there). */
    async add(workspaceId: string, customerId: string, names: string[]): Promise<string[]> {
      const ids = await ensure(workspaceId, names);
      const before = new Set(await this.ofCustomer(customerId));
      const added = [...ids.keys()].filter((n) => !before.has(n));
      if (added.length === 0) return [];
      const at = nowIso();
      await db
        .insertInto('customer_tags')
        .values(added.map((n) => ({ customer_id: customerId, tag_id: ids.get(n)!, added_at: at })))
        .onConflict((oc) => oc.columns(['customer_id', 'tag_id']).doNothing())
        .execute();
      return added;
    },
    /** Removes tags; returns the names that were actually removed. */
    async remove(workspaceId: string, customerId: string, names: string[]): Promise<string[]> {
      if (names.length === 0) return [];
      const rows = await db
        .selectFrom('customer_tags')
        .innerJoin('tags', 'tags.id', 'customer_tags.tag_id')
        .select(['tags.id', 'tags.name'])
        .where('customer_tags.customer_id', '=', customerId)
        .where('tags.workspace_id', '=', workspaceId)
        .where('tags.name', 'in', names)
        .execute();
      if (rows.length === 0) return [];
      await db.deleteFrom('customer_tags').where('customer_id', '=', customerId).where('tag_id', 'in', rows.map((r) => r.id)).execute();
      return rows.map((r) => r.name);
    },
    async ofCustomer(customerId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('customer_tags')
        .innerJoin('tags', 'tags.id', 'customer_tags.tag_id')
        .select('tags.name')
        .where('customer_tags.customer_id', '=', customerId)
        .orderBy('tags.name')
        .execute();
      return rows.map((r) => r.name);
    },
  };
}
