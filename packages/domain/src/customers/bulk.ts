import type { CustomerFilterInput, Db } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { startBulkEnrol } from '../enrollments/bulk.ts';
import { DomainError, errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { isManager, ownerScope } from '../users/viewer.ts';
import { assignOwnerIn } from './edit.ts';
import { addTagsIn, removeTagsIn } from './tags.ts';

/** Customers picked one by one: at most this many per call. */
export const MAX_BULK_IDS = 1000;
/** "All matching the filter": at most this many; more must be narrowed down first. */
export const MAX_BULK_MATCHING = 5000;

/** The list's filters, as customers.search takes them (a sales rep's own customers only, whatever they say). */
export type BulkFilter = Omit<CustomerFilterInput, 'workspaceId' | 'visibleOwnerId'>;
/** Which customers: the ones picked, or every one the filter matches. */
export type BulkTarget = { customerIds: string[] } | { filter: BulkFilter };

const tooMany = (matching: number) =>
  new DomainError(
    'customer.bulk-too-many',
    text(`筛选结果超过 ${MAX_BULK_MATCHING} 位客户，请缩小筛选范围后再批量操作`, `More than ${MAX_BULK_MATCHING} customers match: narrow the filter before acting on all of them`),
    [],
    { field: 'filter', limit: MAX_BULK_MATCHING, matching },
  );

/**
 * The ids a bulk action works on, each visible to the viewer (their workspace; for a rep, their own).
 * An id that is not is refused as "not found" — from another workspace it reveals nothing — and the
 * whole action with it, before anything is written.
 */
async function targetIds(db: Db, viewer: Viewer, target: BulkTarget): Promise<string[]> {
  const views = repos(db).customerViews;
  if ('filter' in target) {
    const ids = await views.matchingIds({ ...target.filter, workspaceId: viewer.workspaceId, visibleOwnerId: ownerScope(viewer) }, MAX_BULK_MATCHING + 1);
    if (ids.length > MAX_BULK_MATCHING) throw tooMany(ids.length);
    return ids;
  }
  const ids = [...new Set(target.customerIds)];
  const visible = await views.visibleIds(viewer.workspaceId, ids, ownerScope(viewer));
  const missing = ids.find((id) => !visible.has(id));
  if (missing !== undefined) throw errors.notFound('客户 / customer', missing);
  return ids;
}

/** What a bulk action did: the customers it was asked about, and how many of them it changed. */
export type BulkResult = { customers: number; changed: number };

/** Adds tags to every customer of the target in one transaction (tag.added events, as one by one). */
export function bulkAddTags(deps: { db: Db }, viewer: Viewer, input: { target: BulkTarget; tags: string[] }): Promise<BulkResult> {
  return deps.db.transaction().execute(async (trx) => {
    const ids = await targetIds(trx, viewer, input.target);
    let changed = 0;
    for (const id of ids) if ((await addTagsIn(trx, viewer, id, input.tags)).length > 0) changed += 1;
    return { customers: ids.length, changed };
  });
}

/** Removes tags from every customer of the target in one transaction (tag.removed events for tags they had). */
export function bulkRemoveTags(deps: { db: Db }, viewer: Viewer, input: { target: BulkTarget; tags: string[] }): Promise<BulkResult> {
  return deps.db.transaction().execute(async (trx) => {
    const ids = await targetIds(trx, viewer, input.target);
    let changed = 0;
    for (const id of ids) if ((await removeTagsIn(trx, viewer, id, input.tags)).length > 0) changed += 1;
    return { customers: ids.length, changed };
  });
}

/** Gives every customer of the target to one active user (null: nobody), with their open tasks unless told not to; managers only. */
export function bulkAssignOwner(deps: { db: Db }, viewer: Viewer, input: { target: BulkTarget; ownerId: string | null; moveOpenTasks: boolean }): Promise<BulkResult & { tasksMoved: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const ids = await targetIds(trx, viewer, input.target);
    const { changed, tasksMoved } = await assignOwnerIn(trx, viewer, ids, input.ownerId, input.moveOpenTasks);
    return { customers: ids.length, changed, tasksMoved };
  });
}

/**
 * Enrols every customer of the target into a live journey as a background job (the engine is outside
 * the database, so this cannot be one transaction): the ids are checked first, all or none, and the job
 * row holds them, so it resumes where it was if its process dies. Progress: enrollments.bulkJob.
 */
export async function bulkEnrol(deps: DomainDeps, viewer: Viewer, input: { target: BulkTarget; journeyId: string }): Promise<{ jobId: string; customers: number }> {
  if (!isManager(viewer)) throw new DomainError('forbidden', text('只有运营和管理员可以把客户加入旅程', 'Only ops managers and admins can enrol customers in journeys'));
  const ids = await targetIds(deps.db, viewer, input.target);
  const { job, finished } = await startBulkEnrol(deps, { workspaceId: viewer.workspaceId, journeyId: input.journeyId, customerIds: ids, userId: viewer.userId });
  // The job records its own outcome (and never rejects); the caller polls it.
  void finished;
  return { jobId: job.id, customers: ids.length };
}
