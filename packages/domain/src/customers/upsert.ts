import type { Customer, CustomerTable, Db, ExternalIdColumn } from '@sopline/db';
import type { Updateable } from 'kysely';
import { EXTERNAL_ID_COLUMNS, nowIso, repos, retryOnUniqueViolation } from '@sopline/db';
import { containsNul, nestedDeeperThan, nulMessage, tooDeepMessage } from '@sopline/graph';
import { z } from 'zod';
import { createCustomerIn } from '../customers.ts';
import type { ItemError } from '../events/ingest-batch.ts';
import { itemErrors, MAX_PAYLOAD_BYTES } from '../events/ingest-batch.ts';
import type { DomainDeps } from '../ports.ts';
import type { Stage } from '../stages/stages.ts';
import { matchStage, unknownStage, workspaceStages } from '../stages/stages.ts';
import type { CustomerProperty } from '../properties/properties.ts';
import { propertyValueProblems, workspaceProperties } from '../properties/properties.ts';

const externalId = (what: string) => z.string().trim().min(1).max(200).describe(what);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * One customer as a shop or CRM sends it. Matched by any external id; fields sent overwrite the
 * stored ones, fields left out are kept; `tags` are added (never removed); `properties` are merged
 * key by key.
 */
export const CustomerUpsertInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    phone: externalId('Phone number').optional(),
    email: externalId('E-mail address').optional(),
    wechat_openid: externalId('WeChat openid').optional(),
    wechat_unionid: externalId('WeChat unionid').optional(),
    member_id: externalId('Membership number in the shop or CRM').optional(),
    stage: z.string().trim().min(1).max(64).nullable().optional().describe("Lifecycle stage: one of the workspace's stages, by code (paid) or label (已付费 / Paid); stored as the code. null clears it. A change records a stage.changed event"),
    tags: z.array(z.string().trim().min(1).max(64)).max(100).optional().describe('Tags to add; each newly added one records a tag.added event'),
    properties: z
      .record(z.string().min(1).max(100), z.unknown())
      .refine((p) => !nestedDeeperThan(p), { message: `properties are ${tooDeepMessage}`, abort: true })
      .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= MAX_PAYLOAD_BYTES, { message: `properties are larger than ${MAX_PAYLOAD_BYTES / 1024} KB` })
      .optional()
      .describe('Merged into the stored properties key by key'),
    timezone: z.string().min(1).max(64).refine(isTimeZone, { message: 'Not an IANA time zone (e.g. Asia/Shanghai)' }).nullable().optional(),
    ownerEmail: z.email().max(200).nullable().optional().describe('E-mail of the Sopline user who owns the customer; null unassigns'),
  })
  .refine((c) => EXTERNAL_ID_COLUMNS.some((col) => c[col] !== undefined), {
    message: `Name the customer by at least one of: ${EXTERNAL_ID_COLUMNS.join(', ')}`,
  })
  .refine((c) => !containsNul(c), { message: nulMessage });
export type CustomerUpsertInput = z.infer<typeof CustomerUpsertInput>;

/** One member per status, so `if (r.status === 'created') … else if (r.status === 'updated') … else r.errors` narrows. */
export type CustomerUpsertResult =
  | { index: number; status: 'created'; customerId: string }
  | { index: number; status: 'updated'; customerId: string }
  | { index: number; status: 'rejected'; errors: ItemError[] };

/** An item the upsert refuses (its ids point at two customers, an unknown owner or stage): the caller's mistake, per item. */
export class Rejected extends Error {
  readonly errors: ItemError[];
  constructor(errors: ItemError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
  }
}

/** A stage named by code or label becomes its code; one the workspace does not define is refused. */
async function stageCodeOf(db: Db, workspaceId: string, stage: string | null | undefined, known?: readonly Stage[]): Promise<string | null | undefined> {
  if (typeof stage !== 'string') return stage;
  const stages = known ?? (await workspaceStages(db, workspaceId));
  const code = matchStage(stages, stage);
  if (code === null) throw new Rejected([{ path: 'stage', message: unknownStage(stages, stage, 'stage').text.en }]);
  return code;
}

async function ownerIdOf(db: Db, workspaceId: string, email: string | null | undefined): Promise<string | null | undefined> {
  if (email === undefined || email === null) return email;
  const user = (await repos(db).users.byEmail(email)).find((u) => u.workspace_id === workspaceId && u.active);
  if (!user) throw new Rejected([{ path: 'ownerEmail', message: 'No active user with this e-mail in the workspace' }]);
  return user.id;
}

/** The one customer the item's external ids point at; two different customers is the caller's error. */
async function match(db: Db, workspaceId: string, item: CustomerUpsertInput): Promise<Customer | undefined> {
  const r = repos(db).customers;
  let found: Customer | undefined;
  let foundBy: ExternalIdColumn | undefined;
  for (const col of EXTERNAL_ID_COLUMNS) {
    const value = item[col];
    if (value === undefined) continue;
    const c = await r.findByExternalId(workspaceId, { [col]: value });
    if (!c) continue;
    if (found && found.id !== c.id) {
      throw new Rejected([{ path: col, message: `${col} belongs to another customer than ${foundBy}` }]);
    }
    found = c;
    foundBy = col;
  }
  return found;
}

/** Where an upsert comes from: recorded as its events' source; `history` stores them as history (see NewEvent). */
export type UpsertOrigin = { source: 'api' | 'import'; history?: boolean };
const API: UpsertOrigin = { source: 'api' };

async function addTags(db: Db, workspaceId: string, customerId: string, tags: string[] | undefined, at: string, origin: UpsertOrigin): Promise<void> {
  if (!tags?.length) return;
  const r = repos(db);
  for (const tag of await r.tags.add(workspaceId, customerId, tags)) {
    await r.events.insert({ workspaceId, customerId, kind: 'tag.added', payload: { tag, source: origin.source }, occurredAt: at, history: origin.history });
  }
}

/** Creates or updates one customer in one transaction (`db` is the transaction). */
export async function upsertCustomerIn(
  db: Db,
  workspaceId: string,
  input: CustomerUpsertInput,
  /** The workspace's stages, when the caller upserts many customers and has read them once. */
  stages?: readonly Stage[],
  origin: UpsertOrigin = API,
  /** The workspace's properties, read once by a caller upserting many. */
  properties?: readonly CustomerProperty[],
): Promise<{ status: 'created' | 'updated'; customerId: string }> {
  const at = nowIso();
  const item = { ...input, stage: await stageCodeOf(db, workspaceId, input.stage, stages) };
  if (item.properties && Object.keys(item.properties).length > 0) {
    const wrong = propertyValueProblems(properties ?? (await workspaceProperties(db, workspaceId)), item.properties);
    if (wrong.length > 0) throw new Rejected(wrong.map((w) => ({ path: `properties.${w.key}`, message: w.text.en })));
  }
  const ownerId = await ownerIdOf(db, workspaceId, item.ownerEmail);
  const existing = await match(db, workspaceId, item);
  const ids: Partial<Record<ExternalIdColumn, string>> = {};
  for (const col of EXTERNAL_ID_COLUMNS) {
    const value = item[col];
    if (value !== undefined) ids[col] = value;
  }

  if (!existing) {
    const customer = await createCustomerIn(db, {
      workspaceId,
      ...ids,
      name: item.name ?? item.phone ?? item.email ?? item.member_id ?? item.wechat_openid ?? item.wechat_unionid ?? '—',
      ownerId: ownerId ?? null,
      stage: item.stage ?? null,
      timezone: item.timezone ?? null,
      properties: item.properties ?? {},
      source: origin.source,
      ...(origin.history ? { history: true } : {}),
    });
    await addTags(db, workspaceId, customer.id, item.tags, at, origin);
    return { status: 'created', customerId: customer.id };
  }

  const patch: Updateable<CustomerTable> = { ...ids };
  if (item.name !== undefined) patch.name = item.name;
  if (ownerId !== undefined) patch.owner_id = ownerId;
  if (item.timezone !== undefined) patch.timezone = item.timezone;
  if (item.properties !== undefined) patch.properties = JSON.stringify({ ...existing.properties, ...item.properties });
  const stageChanged = item.stage !== undefined && item.stage !== existing.stage;
  if (stageChanged) patch.stage = item.stage;
  if (Object.keys(patch).length > 0) {
    await db
      .updateTable('customers')
      .set({ ...patch, updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', existing.id)
      .execute();
  }
  // A new stage is an event journeys can react to (as when it arrives on /events); a cleared one is not.
  if (stageChanged && typeof item.stage === 'string') {
    const payload: Record<string, unknown> = { to: item.stage, source: origin.source };
    if (existing.stage) payload.from = existing.stage;
    await repos(db).events.insert({ workspaceId, customerId: existing.id, kind: 'stage.changed', payload, occurredAt: at, history: origin.history });
  }
  await addTags(db, workspaceId, existing.id, item.tags, at, origin);
  return { status: 'updated', customerId: existing.id };
}

/**
 * Validates and upserts each item independently, in order, each in its own transaction: a bad item
 * never drops the good ones, and every created or updated customer is committed when this resolves.
 */
export async function upsertCustomers(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; items: unknown[] }): Promise<CustomerUpsertResult[]> {
  const results: CustomerUpsertResult[] = [];
  for (const [index, raw] of input.items.entries()) {
    const parsed = CustomerUpsertInput.safeParse(raw);
    if (!parsed.success) {
      results.push({ index, status: 'rejected', errors: itemErrors(parsed.error) });
      continue;
    }
    try {
      // Two requests creating the same new customer at once (PostgreSQL): the loser retries as an update.
      const done = await retryOnUniqueViolation(() => deps.db.transaction().execute((trx) => upsertCustomerIn(trx, input.workspaceId, parsed.data)));
      results.push(done.status === 'created' ? { index, status: 'created', customerId: done.customerId } : { index, status: 'updated', customerId: done.customerId });
    } catch (err) {
      if (err instanceof Rejected) {
        results.push({ index, status: 'rejected', errors: err.errors });
        continue;
      }
      throw err;
    }
  }
  return results;
}
