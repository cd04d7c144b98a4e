import type { Customer, CustomerPatch, Db, ExternalIdColumn, ExternalIds } from '@sopline/db';
import { EXTERNAL_ID_COLUMNS, nowIso, repos, retryOnUniqueViolation } from '@sopline/db';
import { text } from '@sopline/graph';
import { createCustomerIn } from '../customers.ts';
import { resolveStage } from '../stages/stages.ts';
import { checkPropertyValues } from '../properties/properties.ts';
import { DomainError, errors } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';
import { assignableUser, isManager } from '../users/viewer.ts';
import { visibleCustomer } from './access.ts';
import type { CustomerFields, NewCustomerFields } from './schema.ts';
import { addTagsIn } from './tags.ts';

const ID_LABELS: Record<ExternalIdColumn, [zh: string, en: string]> = {
  phone: ['手机号', 'phone number'],
  email: ['邮箱', 'e-mail'],
  wechat_openid: ['微信 openid', 'WeChat openid'],
  wechat_unionid: ['微信 unionid', 'WeChat unionid'],
  member_id: ['会员号', 'member id'],
};

export const duplicateExternalId = (column: ExternalIdColumn) =>
  new DomainError(
    'customer.duplicate-id',
    text(`本工作区已有客户使用该${ID_LABELS[column][0]}（${column}）`, `Another customer in this workspace already has this ${ID_LABELS[column][1]} (${column})`),
    [],
    { field: column },
  );

const assignForbidden = () =>
  new DomainError('customer.owner-forbidden', text('只有运营和管理员可以分配客户的负责人', 'Only ops managers and admins can assign customers to someone'), [], { field: 'ownerId' });

const notYourCustomer = () => new DomainError('customer.owner-forbidden', text('销售只能创建归属自己的客户', 'Sales reps can only create customers they own themselves'), [], { field: 'ownerId' });

function externalIdsOf(fields: ExternalIds): ExternalIds {
  const ids: ExternalIds = {};
  for (const col of EXTERNAL_ID_COLUMNS) if (fields[col] !== undefined) ids[col] = fields[col];
  return ids;
}

// Two saves of the same id at once can both pass this check (PostgreSQL, READ COMMITTED); the loser's
// insert hits the unique index, and retryOnUniqueViolation runs it again to fail here with the 409.
async function refuseDuplicates(db: Db, workspaceId: string, ids: ExternalIds, exceptId?: string): Promise<void> {
  const taken = await repos(db).customers.externalIdTaken(workspaceId, ids, exceptId);
  if (taken) throw duplicateExternalId(taken.column);
}

/**
 * Creates a customer (recording customer.created), then adds its tags as tag.added events so
 * tag-triggered journeys see them, all in one transaction.
 */
export async function createCustomerAs(deps: { db: Db }, viewer: Viewer, input: NewCustomerFields): Promise<Customer> {
  let ownerId = input.ownerId;
  if (!isManager(viewer)) {
    if (ownerId !== undefined && ownerId !== viewer.userId) throw notYourCustomer();
    ownerId = viewer.userId;
  }
  return retryOnUniqueViolation(() => deps.db.transaction().execute(async (trx) => {
    if (ownerId) await assignableUser(trx, viewer.workspaceId, ownerId);
    const ids = externalIdsOf(input);
    await refuseDuplicates(trx, viewer.workspaceId, ids);
    const stage = input.stage ? await resolveStage(trx, viewer.workspaceId, input.stage) : null;
    await checkPropertyValues(trx, viewer.workspaceId, input.properties);
    const customer = await createCustomerIn(trx, {
      ...ids,
      workspaceId: viewer.workspaceId,
      name: input.name,
      ownerId: ownerId ?? null,
      stage,
      timezone: input.timezone ?? null,
      properties: input.properties ?? {},
      source: 'user',
    });
    if (input.tags?.length) await addTagsIn(trx, viewer, customer.id, input.tags);
    return customer;
  }));
}

/** Changes the fields given; a new stage is recorded as stage.changed, as when it arrives as an event. */
export async function updateCustomer(deps: { db: Db }, viewer: Viewer, input: CustomerFields & { customerId: string }): Promise<Customer> {
  return retryOnUniqueViolation(() => deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const customer = await visibleCustomer(trx, viewer, input.customerId);
    const ids = externalIdsOf(input);
    await refuseDuplicates(trx, viewer.workspaceId, ids, customer.id);
    const patch: CustomerPatch = { ...ids };
    if (input.name !== undefined) patch.name = input.name;
    if (input.timezone !== undefined) patch.timezone = input.timezone;
    if (input.properties !== undefined) {
      await checkPropertyValues(trx, viewer.workspaceId, input.properties);
      patch.properties = input.properties;
    }
    const stage = input.stage ? await resolveStage(trx, viewer.workspaceId, input.stage) : input.stage;
    const stageChanged = stage !== undefined && stage !== customer.stage;
    if (stageChanged) patch.stage = stage;
    await r.customers.update(viewer.workspaceId, customer.id, patch);
    if (stageChanged && stage) {
      const payload: Record<string, unknown> = { to: stage, source: 'user', userId: viewer.userId };
      if (customer.stage) payload.from = customer.stage;
      await r.events.insert({ workspaceId: viewer.workspaceId, customerId: customer.id, kind: 'stage.changed', payload, occurredAt: nowIso() });
    }
    return (await r.customers.get(viewer.workspaceId, customer.id))!;
  }));
}

/**
 * Gives customers to an active user of the workspace (null: nobody). Their open tasks follow them
 * unless `moveOpenTasks` is false. All or nothing: one unknown id changes no customer.
 */
export async function assignOwner(
  deps: { db: Db },
  viewer: Viewer,
  input: { customerIds: string[]; ownerId: string | null; moveOpenTasks?: boolean },
): Promise<{ customers: number; tasksMoved: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const ids = [...new Set(input.customerIds)];
    for (const id of ids) {
      if (!(await r.customers.get(viewer.workspaceId, id))) throw errors.notFound('客户 / customer', id);
    }
    const { tasksMoved } = await assignOwnerIn(trx, viewer, ids, input.ownerId, input.moveOpenTasks !== false);
    return { customers: ids.length, tasksMoved };
  });
}

/**
 * Gives customers already known to be the workspace's to an active user (null: nobody), inside the
 * caller's transaction; only managers assign owners. `changed`: customers whose owner was another.
 */
export async function assignOwnerIn(db: Db, viewer: Viewer, customerIds: readonly string[], ownerId: string | null, moveOpenTasks: boolean): Promise<{ changed: number; tasksMoved: number }> {
  if (!isManager(viewer)) throw assignForbidden();
  const r = repos(db);
  if (ownerId !== null) await assignableUser(db, viewer.workspaceId, ownerId);
  let changed = 0;
  let tasksMoved = 0;
  for (const id of customerIds) {
    const before = await r.customers.get(viewer.workspaceId, id);
    if (before && before.owner_id !== ownerId) changed += 1;
    await r.customers.update(viewer.workspaceId, id, { ownerId });
    if (moveOpenTasks) tasksMoved += await r.tasks.reassignOpenOfCustomer(viewer.workspaceId, id, ownerId);
  }
  return { changed, tasksMoved };
}
