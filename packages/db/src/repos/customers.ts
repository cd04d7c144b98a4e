import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { CustomerRow, CustomerUpdate, Database } from '../schema.ts';

export const EXTERNAL_ID_COLUMNS = ['phone', 'email', 'wechat_openid', 'wechat_unionid', 'member_id'] as const;
export type ExternalIdColumn = (typeof EXTERNAL_ID_COLUMNS)[number];
export type ExternalIds = Partial<Record<ExternalIdColumn, string | null>>;

export type NewCustomer = ExternalIds & {
  workspaceId: string;
  name: string;
  ownerId?: string | null;
  stage?: string | null;
  timezone?: string | null;
  properties?: Record<string, unknown>;
  createdAt?: string;
  wecomExternalUserId?: string | null;
  avatarUrl?: string | null;
};

export type Customer = Omit<CustomerRow, 'properties'> & { properties: Record<string, unknown> };

/** Fields a user or an import may change; undefined leaves a field as it is, null clears it. */
export type CustomerPatch = ExternalIds & {
  name?: string;
  stage?: string | null;
  timezone?: string | null;
  properties?: Record<string, unknown>;
  ownerId?: string | null;
};

export type CustomerFilter = { tagsAny?: string[]; stage?: string | null; ownerId?: string | null };

function parseRow(row: CustomerRow): Customer {
  return { ...row, properties: JSON.parse(row.properties) as Record<string, unknown> };
}

export function customersRepo(db: Kysely<Database>) {
  return {
    async create(input: NewCustomer): Promise<Customer> {
      const at = input.createdAt ?? nowIso();
      const row: CustomerRow = {
        id: newId(),
        workspace_id: input.workspaceId,
        name: input.name,
        owner_id: input.ownerId ?? null,
        stage: input.stage ?? null,
        timezone: input.timezone ?? null,
        properties: JSON.stringify(input.properties ?? {}),
        phone: input.phone ?? null,
        email: input.email ?? null,
        wechat_openid: input.wechat_openid ?? null,
        wechat_unionid: input.wechat_unionid ?? null,
        member_id: input.member_id ?? null,
        created_at: at,
        updated_at: at,
        wecom_external_userid: input.wecomExternalUserId ?? null,
        avatar_url: input.avatarUrl ?? null,
      };
      await db.insertInto('customers').values(row).execute();
      return parseRow(row);
    },
    /** The names of several customers of the workspace, by id. */
    async names(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('customers').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    async get(workspaceId: string, id: string): Promise<Customer | undefined> {
      const row = await db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return row && parseRow(row);
    },
    /** The customer any of these external ids points at (first match in column order). */
    async findByExternalId(workspaceId: string, ids: ExternalIds): Promise<Customer | undefined> {
      for (const col of EXTERNAL_ID_COLUMNS) {
        const value = ids[col];
        if (!value) continue;
        const row = await db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId).where(col, '=', value).executeTakeFirst();
        if (row) return parseRow(row);
      }
      return undefined;
    },
    /**
     * The first external id in `ids` that already belongs to another customer of the workspace
     * (other than `exceptId`), with that customer's id.
     */
    async externalIdTaken(workspaceId: string, ids: ExternalIds, exceptId?: string): Promise<{ column: ExternalIdColumn; customerId: string } | undefined> {
      for (const col of EXTERNAL_ID_COLUMNS) {
        const value = ids[col];
        if (!value) continue;
        let q = db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where(col, '=', value);
        if (exceptId) q = q.where('id', '!=', exceptId);
        const row = await q.executeTakeFirst();
        if (row) return { column: col, customerId: row.id };
      }
      return undefined;
    },
    /** Changes the given fields (and updated_at); returns false when the customer is not in the workspace. */
    async update(workspaceId: string, id: string, patch: CustomerPatch): Promise<boolean> {
      const { properties, ownerId, ...rest } = patch;
      const set: CustomerUpdate = { ...rest, updated_at: nowIso() };
      if (properties !== undefined) set.properties = JSON.stringify(properties);
      if (ownerId !== undefined) set.owner_id = ownerId;
      const result = await db.updateTable('customers').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setStage(id: string, stage: string): Promise<void> {
      await db.updateTable('customers').set({ stage, updated_at: nowIso() }).where('id', '=', id).execute();
    },
    async ids(workspaceId: string, filter: CustomerFilter, limit = 100_000): Promise<string[]> {
      let q = db.selectFrom('customers').select('customers.id').where('customers.workspace_id', '=', workspaceId);
      if (filter.stage !== undefined) q = filter.stage === null ? q.where('stage', 'is', null) : q.where('stage', '=', filter.stage);
      if (filter.ownerId !== undefined) q = filter.ownerId === null ? q.where('owner_id', 'is', null) : q.where('owner_id', '=', filter.ownerId);
      if (filter.tagsAny && filter.tagsAny.length > 0) {
        const tagged = db
          .selectFrom('customer_tags')
          .innerJoin('tags', 'tags.id', 'customer_tags.tag_id')
          .select('customer_tags.customer_id')
          .where('tags.workspace_id', '=', workspaceId)
          .where('tags.name', 'in', filter.tagsAny);
        q = q.where('customers.id', 'in', tagged);
      }
      const rows = await q.orderBy('customers.created_at').limit(limit).execute();
      return rows.map((r) => r.id);
    },
  };
}
