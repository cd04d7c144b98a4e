import type { Kysely, Selectable } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { ChannelCodeTable, Database } from '../schema.ts';

export type ChannelCodeRow = Selectable<ChannelCodeTable>;
export type ChannelCodeCounts = { added: number; friends: number; converted: number };

export function channelCodesRepo(db: Kysely<Database>) {
  return {
    async create(input: Omit<ChannelCodeRow, 'id' | 'created_at' | 'updated_at' | 'archived_at'>): Promise<ChannelCodeRow> {
      const at = nowIso();
      const row: ChannelCodeRow = { ...input, id: newId(), created_at: at, updated_at: at, archived_at: null };
      await db.insertInto('channel_codes').values(row).execute();
      return row;
    },
    get(workspaceId: string, id: string): Promise<ChannelCodeRow | undefined> {
      return db.selectFrom('channel_codes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    byState(workspaceId: string, state: string): Promise<ChannelCodeRow | undefined> {
      return db.selectFrom('channel_codes').selectAll().where('workspace_id', '=', workspaceId).where('state', '=', state).executeTakeFirst();
    },
    list(workspaceId: string, includeArchived = false): Promise<ChannelCodeRow[]> {
      let q = db.selectFrom('channel_codes').selectAll().where('workspace_id', '=', workspaceId);
      if (!includeArchived) q = q.where('archived_at', 'is', null);
      return q.orderBy('created_at', 'desc').execute();
    },
    async update(workspaceId: string, id: string, patch: Partial<Pick<ChannelCodeRow, 'name' | 'source' | 'user_ids' | 'tags' | 'welcome_script' | 'conversion_stage' | 'archived_at'>>): Promise<void> {
      await db.updateTable('channel_codes').set({ ...patch, updated_at: nowIso() }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
    },
    /**
     * Per state: contacts added through it, those still a contact of some rep, and those whose
     * customer is now at one of `convertedStages` (the chosen stage or a later one).
     */
    async counts(workspaceId: string, states: string[], convertedStages: (state: string) => string[]): Promise<Map<string, ChannelCodeCounts>> {
      const result = new Map<string, ChannelCodeCounts>();
      if (states.length === 0) return result;
      const rows = await db
        .selectFrom('wecom_follows')
        .leftJoin('customers', 'customers.id', 'wecom_follows.customer_id')
        .select(['wecom_follows.state', 'wecom_follows.external_userid', 'wecom_follows.removed_at', 'customers.stage'])
        .where('wecom_follows.workspace_id', '=', workspaceId)
        .where('wecom_follows.state', 'in', states)
        .execute();
      const seen = new Map<string, Map<string, { friend: boolean; stage: string | null }>>();
      for (const row of rows) {
        const byContact = seen.get(row.state!) ?? new Map();
        const before = byContact.get(row.external_userid);
        byContact.set(row.external_userid, { friend: (before?.friend ?? false) || row.removed_at === null, stage: row.stage ?? null });
        seen.set(row.state!, byContact);
      }
      for (const state of states) {
        const contacts = [...(seen.get(state)?.values() ?? [])];
        const converted = new Set(convertedStages(state));
        result.set(state, { added: contacts.length, friends: contacts.filter((c) => c.friend).length, converted: contacts.filter((c) => c.stage !== null && converted.has(c.stage)).length });
      }
      return result;
    },
  };
}
