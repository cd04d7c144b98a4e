import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Viewer } from '../users/viewer.ts';
import { ownerScope } from '../users/viewer.ts';

export const CUSTOMER_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

export type CustomerSearchInput = {
  q?: string;
  tags?: string[];
  tagMode?: 'any' | 'all';
  stage?: string | null;
  ownerId?: string | null;
  sort?: (typeof CUSTOMER_SORTS)[number];
  dir?: 'asc' | 'desc';
  limit: number;
  offset: number;
};

export type CustomerListItem = {
  id: string;
  name: string;
  stage: string | null;
  timezone: string | null;
  phone: string | null;
  email: string | null;
  wechatOpenid: string | null;
  wechatUnionid: string | null;
  memberId: string | null;
  owner: { id: string; name: string } | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
};

/** A page of the customers the viewer may see (a sales rep: only their own), with owner names and tags. */
export async function searchCustomers(deps: { db: Db }, viewer: Viewer, input: CustomerSearchInput): Promise<{ items: CustomerListItem[]; total: number }> {
  const r = repos(deps.db);
  const { rows, total } = await r.customerViews.search({
    workspaceId: viewer.workspaceId,
    visibleOwnerId: ownerScope(viewer),
    q: input.q?.trim() || undefined,
    tags: input.tags,
    tagMode: input.tagMode ?? 'any',
    stage: input.stage,
    ownerId: input.ownerId,
    sort: input.sort ?? 'createdAt',
    dir: input.dir ?? (input.sort === 'name' ? 'asc' : 'desc'),
    limit: input.limit,
    offset: input.offset,
  });
  const tags = await r.tags.ofCustomers(viewer.workspaceId, rows.map((c) => c.id));
  const items = rows.map((c) => ({
    id: c.id,
    name: c.name,
    stage: c.stage,
    timezone: c.timezone,
    phone: c.phone,
    email: c.email,
    wechatOpenid: c.wechat_openid,
    wechatUnionid: c.wechat_unionid,
    memberId: c.member_id,
    owner: c.owner_id && c.owner_name !== null ? { id: c.owner_id, name: c.owner_name } : null,
    tags: tags.get(c.id) ?? [],
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  }));
  return { items, total };
}

/** The stages the viewer's customers are in (a sales rep: their own), with counts, most customers first. */
export function customerStages(deps: { db: Db }, viewer: Viewer): Promise<Array<{ stage: string; customers: number }>> {
  return repos(deps.db).customerViews.stages(viewer.workspaceId, ownerScope(viewer));
}
