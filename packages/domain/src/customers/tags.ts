import type { Db } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { DomainError, errors } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';
import { ownerScope } from '../users/viewer.ts';
import { visibleCustomer } from './access.ts';

export type TagSummary = { id: string; name: string; customers: number; createdAt: string };

const nameTaken = (name: string) => new DomainError('tag.name-taken', text(`已有名为「${name}」的标签`, `A tag named "${name}" already exists`), [], { field: 'name' });
const inUse = (journeys: string[]) =>
  new DomainError(
    'tag.in-use',
    text(`旅程仍在使用此标签：${journeys.join('、')}。请先修改这些旅程，或确认后强制执行`, `Journeys still use this tag: ${journeys.join(', ')}. Change them first, or confirm to go ahead anyway`),
    [],
    { journeys },
  );

/** The workspace's tags with customer counts (a sales rep counts only their own customers). */
export async function listTags(deps: { db: Db }, viewer: Viewer, input: { q?: string; limit: number; offset: number }): Promise<{ items: TagSummary[]; total: number }> {
  const { rows, total } = await repos(deps.db).tags.listWithCounts(viewer.workspaceId, { ...input, ownerId: ownerScope(viewer) });
  return { items: rows.map((t) => ({ id: t.id, name: t.name, customers: t.customers, createdAt: t.created_at })), total };
}

/**
 * Adds tags inside the caller's transaction, storing a tag.added event for each tag the customer
 * did not have yet — exactly what event ingest stores — so the dispatcher starts tag-triggered
 * journeys and wakes customers waiting for the tag.
 */
export async function addTagsIn(db: Db, viewer: Viewer, customerId: string, tags: string[]): Promise<string[]> {
  const r = repos(db);
  const added = await r.tags.add(viewer.workspaceId, customerId, tags);
  const at = nowIso();
  for (const tag of added) {
    await r.events.insert({ workspaceId: viewer.workspaceId, customerId, kind: 'tag.added', payload: { tag, source: 'user', userId: viewer.userId }, occurredAt: at });
  }
  return added;
}

export async function addCustomerTags(deps: { db: Db }, viewer: Viewer, input: { customerId: string; tags: string[] }): Promise<{ added: string[]; tags: string[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const customer = await visibleCustomer(trx, viewer, input.customerId);
    const added = await addTagsIn(trx, viewer, customer.id, input.tags);
    return { added, tags: await repos(trx).tags.ofCustomer(customer.id) };
  });
}

/** Removes tags inside the caller's transaction, storing a tag.removed event for each tag the customer actually had. */
export async function removeTagsIn(db: Db, viewer: Viewer, customerId: string, tags: string[]): Promise<string[]> {
  const r = repos(db);
  const removed = await r.tags.remove(viewer.workspaceId, customerId, tags);
  const at = nowIso();
  for (const tag of removed) {
    await r.events.insert({ workspaceId: viewer.workspaceId, customerId, kind: 'tag.removed', payload: { tag, source: 'user', userId: viewer.userId }, occurredAt: at });
  }
  return removed;
}

/** Removes tags, storing a tag.removed event for each tag the customer actually had. */
export async function removeCustomerTags(deps: { db: Db }, viewer: Viewer, input: { customerId: string; tags: string[] }): Promise<{ removed: string[]; tags: string[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const customer = await visibleCustomer(trx, viewer, input.customerId);
    const removed = await removeTagsIn(trx, viewer, customer.id, input.tags);
    return { removed, tags: await repos(trx).tags.ofCustomer(customer.id) };
  });
}

/** True when any node config or the settings (goal) of the graph holds `name` as a value. */
export function graphMentions(graph: unknown, name: string): boolean {
  const mentions = (value: unknown): boolean => {
    if (value === name) return true;
    if (Array.isArray(value)) return value.some(mentions);
    if (value !== null && typeof value === 'object') return Object.values(value).some(mentions);
    return false;
  };
  if (graph === null || typeof graph !== 'object') return false;
  const g = graph as { nodes?: unknown; settings?: unknown };
  const nodes = Array.isArray(g.nodes) ? g.nodes : [];
  return nodes.some((n) => n !== null && typeof n === 'object' && mentions((n as { config?: unknown }).config)) || mentions(g.settings);
}

/** Names of the workspace's journeys (draft or live version) whose nodes or goal use the tag. */
async function journeysUsing(db: Db, workspaceId: string, name: string): Promise<string[]> {
  const journeys = await repos(db).tags.journeyGraphs(workspaceId);
  return journeys.filter((j) => j.graphs.some((g) => graphMentions(g, name))).map((j) => j.name);
}

async function tagOf(db: Db, viewer: Viewer, tagId: string) {
  const tag = await repos(db).tags.get(viewer.workspaceId, tagId);
  if (!tag) throw errors.notFound('标签 / tag', tagId);
  return tag;
}

/**
 * Renames a tag on every customer at once. Journeys match tags by name, so a tag a journey uses is
 * refused unless `force` (the operator then edits those journeys).
 */
export async function renameTag(deps: { db: Db }, viewer: Viewer, input: { tagId: string; name: string; force?: boolean }): Promise<TagSummary> {
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const tag = await tagOf(trx, viewer, input.tagId);
    if (tag.name !== input.name) {
      if (await r.tags.byName(viewer.workspaceId, input.name)) throw nameTaken(input.name);
      if (!input.force) {
        const used = await journeysUsing(trx, viewer.workspaceId, tag.name);
        if (used.length > 0) throw inUse(used);
      }
      await r.tags.rename(viewer.workspaceId, tag.id, input.name);
    }
    return { id: tag.id, name: input.name, customers: await r.tags.customerCount(tag.id), createdAt: tag.created_at };
  });
}

/**
 * Deletes a tag and takes it off every customer. This is housekeeping, not customer behaviour: no
 * tag.removed events are recorded. A tag a journey uses is refused unless `force`.
 */
export async function deleteTag(deps: { db: Db }, viewer: Viewer, input: { tagId: string; force?: boolean }): Promise<{ removedFrom: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const tag = await tagOf(trx, viewer, input.tagId);
    if (!input.force) {
      const used = await journeysUsing(trx, viewer.workspaceId, tag.name);
      if (used.length > 0) throw inUse(used);
    }
    const removedFrom = (await repos(trx).tags.delete(viewer.workspaceId, tag.id)) ?? 0;
    return { removedFrom };
  });
}
