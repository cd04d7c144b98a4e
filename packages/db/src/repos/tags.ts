import type { Kysely, Selectable } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, TagTable } from '../schema.ts';
import { containsText } from './text-match.ts';

export type TagRow = Selectable<TagTable>;

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
    /** Tag names of each customer, sorted; customers without tags are absent from the map. */
    async ofCustomers(workspaceId: string, customerIds: string[]): Promise<Map<string, string[]>> {
      const result = new Map<string, string[]>();
      if (customerIds.length === 0) return result;
      const rows = await db
        .selectFrom('customer_tags')
        .innerJoin('tags', 'tags.id', 'customer_tags.tag_id')
        .select(['customer_tags.customer_id', 'tags.name'])
        .where('tags.workspace_id', '=', workspaceId)
        .where('customer_tags.customer_id', 'in', customerIds)
        .orderBy('tags.name')
        .execute();
      for (const row of rows) result.set(row.customer_id, [...(result.get(row.customer_id) ?? []), row.name]);
      return result;
    },
    /** The workspace's tags by name with how many customers carry each (only `ownerId`'s customers when given). */
    async listWithCounts(workspaceId: string, input: { q?: string; ownerId?: string; limit: number; offset: number }): Promise<{ rows: Array<TagRow & { customers: number }>; total: number }> {
      let q = db.selectFrom('tags').where('tags.workspace_id', '=', workspaceId);
      if (input.q) q = q.where(containsText('tags.name', input.q));
      const ownerId = input.ownerId;
      const rows = await q
        .selectAll('tags')
        .select((eb) => {
          let count = eb
            .selectFrom('customer_tags')
            .innerJoin('customers', 'customers.id', 'customer_tags.customer_id')
            .select((c) => c.fn.countAll<number>().as('n'))
            .whereRef('customer_tags.tag_id', '=', 'tags.id');
          if (ownerId) count = count.where('customers.owner_id', '=', ownerId);
          return count.as('customers');
        })
        .orderBy('tags.name')
        .limit(input.limit)
        .offset(input.offset)
        .execute();
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows: rows.map((r) => ({ ...r, customers: Number(r.customers ?? 0) })), total: Number(total.n) };
    },
    async customerCount(tagId: string): Promise<number> {
      const row = await db.selectFrom('customer_tags').select((eb) => eb.fn.countAll<number>().as('n')).where('tag_id', '=', tagId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    get(workspaceId: string, id: string): Promise<TagRow | undefined> {
      return db.selectFrom('tags').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    byName(workspaceId: string, name: string): Promise<TagRow | undefined> {
      return db.selectFrom('tags').selectAll().where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirst();
    },
    async rename(workspaceId: string, id: string, name: string): Promise<boolean> {
      const result = await db.updateTable('tags').set({ name }).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Deletes the tag and takes it off every customer; returns how many customers had it. */
    async delete(workspaceId: string, id: string): Promise<number | undefined> {
      const tag = await db.selectFrom('tags').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      if (!tag) return undefined;
      const removed = await db.deleteFrom('customer_tags').where('tag_id', '=', tag.id).executeTakeFirst();
      await db.deleteFrom('tags').where('id', '=', tag.id).execute();
      return Number(removed.numDeletedRows);
    },
    /** Draft and live graphs of the workspace's journeys that are not archived: where tag names are used. */
    async journeyGraphs(workspaceId: string): Promise<Array<{ id: string; name: string; graphs: unknown[] }>> {
      const rows = await db
        .selectFrom('journeys')
        .leftJoin('journey_versions', 'journey_versions.id', 'journeys.live_version_id')
        .select(['journeys.id', 'journeys.name', 'journeys.draft_graph', 'journey_versions.graph as live_graph'])
        .where('journeys.workspace_id', '=', workspaceId)
        .where('journeys.status', '!=', 'archived')
        .orderBy('journeys.name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, graphs: [r.draft_graph, r.live_graph].filter((g): g is string => g !== null).map((g) => JSON.parse(g) as unknown) }));
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
