import type { Db, ExternalIds } from '@sopline/db';
import { repos } from '@sopline/db';
import { containsNul, nestedDeeperThan, nulMessage, tooDeepMessage } from '@sopline/graph';
import { z } from 'zod';
import type { DomainDeps } from '../ports.ts';
import type { Stage } from '../stages/stages.ts';
import { matchStage, unknownStage, workspaceStages } from '../stages/stages.ts';
import { ingestEvent } from './ingest.ts';

/** Most events (or customers) in one request. */
export const MAX_BATCH = 1000;
/** Largest payload of one event, in bytes of its JSON. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
/** How far in the future `occurredAt` may lie (clock skew between systems), in ms. */
export const MAX_FUTURE_MS = 86_400_000;

/** The event kinds outside systems may send (customer.created and task.completed are Sopline's own). */
export const INGEST_KINDS = ['purchase', 'tag.added', 'tag.removed', 'stage.changed', 'reply.logged', 'custom'] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];

/** One external identifier: trimmed, non-empty. */
const identifier = (what: string) => z.string().trim().min(1).max(200).describe(what);

/** How an outside system names a customer: Sopline's id, or any external id (a new customer is created when none matches). */
export const CustomerRef = z
  .strictObject({
    id: identifier("Sopline's customer id; takes precedence over the external ids").optional(),
    phone: identifier('Phone number').optional(),
    email: identifier('E-mail address').optional(),
    wechat_openid: identifier('WeChat openid').optional(),
    wechat_unionid: identifier('WeChat unionid').optional(),
    member_id: identifier('Membership number in the shop or CRM').optional(),
    name: z.string().trim().min(1).max(200).optional().describe('Name for a customer created by this event (ignored for known customers)'),
  })
  .refine((c) => c.id !== undefined || c.phone !== undefined || c.email !== undefined || c.wechat_openid !== undefined || c.wechat_unionid !== undefined || c.member_id !== undefined, {
    message: 'Name the customer by at least one of: id, phone, email, wechat_openid, wechat_unionid, member_id',
  })
  .describe('The customer, by id or by any external id; unknown external ids create the customer');
export type CustomerRef = z.infer<typeof CustomerRef>;

const label = z.string().trim().min(1).max(200);
const tagName = z.string().trim().min(1).max(64);

/** Kind-specific payloads; extra fields are kept with the event. */
export const PurchasePayload = z.looseObject({
  amount: z.number().nonnegative().max(1e12).describe('Order total'),
  currency: z.string().trim().min(1).max(10).optional().describe('e.g. CNY'),
  product: label.optional(),
  category: label.optional(),
  orderId: label.optional().describe("The shop's order id (a good idempotency key too)"),
  items: z
    .array(
      z.looseObject({
        product: label,
        category: label.optional(),
        quantity: z.number().int().positive().max(1e6).optional(),
        price: z.number().nonnegative().max(1e12).optional(),
      }),
    )
    .max(500)
    .optional(),
});
export const TagPayload = z.looseObject({ tag: tagName });
export const StagePayload = z.looseObject({ to: z.string().trim().min(1).max(64), from: z.string().trim().min(1).max(64).optional() });
export const ReplyPayload = z.looseObject({ text: z.string().max(10_000).optional() });
export const CustomPayload = z.looseObject({ name: z.string().trim().min(1).max(100).describe('The custom event name that triggers and waits match on') });

const occurredAt = z.iso
  .datetime({ offset: true })
  .refine((s) => Date.parse(s) <= Date.now() + MAX_FUTURE_MS, { message: 'occurredAt is more than one day in the future' })
  .describe('When it happened (ISO 8601 with Z or an offset); defaults to the time of receipt');
const idempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .describe('Strongly recommended: a replay with the same key is answered as a duplicate and stores nothing');

function eventOf<K extends IngestKind, P extends z.ZodType<Record<string, unknown>>>(kind: K, payload: P) {
  return z.object({ kind: z.literal(kind), customer: CustomerRef, occurredAt: occurredAt.optional(), idempotencyKey: idempotencyKey.optional(), payload });
}

/** One event as sent by a shop or CRM. */
export const EventInput = z
  .discriminatedUnion(
    'kind',
    [
      eventOf('purchase', PurchasePayload),
      eventOf('tag.added', TagPayload),
      eventOf('tag.removed', TagPayload),
      eventOf('stage.changed', StagePayload),
      eventOf('reply.logged', ReplyPayload),
      eventOf('custom', CustomPayload),
    ],
    { error: (iss) => (iss.code === 'invalid_union' ? `kind must be one of: ${INGEST_KINDS.join(', ')}` : undefined) },
  )
  .superRefine((e, ctx) => {
    if (nestedDeeperThan(e.payload)) {
      ctx.addIssue({ code: 'custom', path: ['payload'], message: `payload is ${tooDeepMessage}` });
      return;
    }
    for (const field of ['customer', 'payload', 'idempotencyKey'] as const) {
      if (containsNul(e[field])) ctx.addIssue({ code: 'custom', path: [field], message: nulMessage });
    }
    if (Buffer.byteLength(JSON.stringify(e.payload)) > MAX_PAYLOAD_BYTES) ctx.addIssue({ code: 'custom', path: ['payload'], message: `payload is larger than ${MAX_PAYLOAD_BYTES / 1024} KB` });
  });
export type EventInput = z.infer<typeof EventInput>;

export type ItemError = { path: string; message: string };

type StoredResult = { index: number; eventId: string; customerId: string; customerCreated: boolean };
/** One member per status, so checks on `status` narrow to the member with `errors` or `eventId`. */
export type EventResult = (StoredResult & { status: 'accepted' }) | (StoredResult & { status: 'duplicate' }) | { index: number; status: 'rejected'; errors: ItemError[] };

/** zod issues as `{ path: 'payload.items.0.price', message }`, relative to the item. */
export function itemErrors(error: z.ZodError): ItemError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function refOf(c: CustomerRef): { id: string } | (ExternalIds & { name?: string }) {
  if (c.id !== undefined) return { id: c.id };
  const { id: _id, ...ids } = c;
  return ids;
}

async function customerExists(db: Db, workspaceId: string, id: string): Promise<boolean> {
  return (await repos(db).customers.get(workspaceId, id)) !== undefined;
}

/**
 * Validates and stores each item independently, in order, each in its own transaction: a bad item
 * never drops the good ones, and every accepted item is committed when this resolves. Items that
 * fail validation write nothing.
 */
export async function ingestBatch(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; items: unknown[] }): Promise<EventResult[]> {
  const results: EventResult[] = [];
  // Read at the first stage event of the batch, once.
  let stages: Stage[] | undefined;
  for (const [index, raw] of input.items.entries()) {
    const parsed = EventInput.safeParse(raw);
    if (!parsed.success) {
      results.push({ index, status: 'rejected', errors: itemErrors(parsed.error) });
      continue;
    }
    const e = parsed.data;
    if (e.kind === 'stage.changed') {
      // Stored as the workspace's codes, whichever name the caller used; a stage nobody defined is refused.
      stages ??= await workspaceStages(deps.db, input.workspaceId);
      const wrong: ItemError[] = [];
      for (const key of ['to', 'from'] as const) {
        const name = e.payload[key];
        if (typeof name !== 'string') continue;
        const code = matchStage(stages, name);
        if (code === null) wrong.push({ path: `payload.${key}`, message: unknownStage(stages, name, `payload.${key}`).text.en });
        else e.payload = { ...e.payload, [key]: code };
      }
      if (wrong.length > 0) {
        results.push({ index, status: 'rejected', errors: wrong });
        continue;
      }
    }
    const customer = refOf(e.customer);
    try {
      const { event, duplicate, customerCreated } = await ingestEvent(deps, {
        workspaceId: input.workspaceId,
        customer,
        kind: e.kind,
        payload: e.payload,
        occurredAt: e.occurredAt === undefined ? undefined : new Date(e.occurredAt).toISOString(),
        idempotencyKey: e.idempotencyKey,
      });
      const stored = { eventId: event.id, customerId: event.customer_id, customerCreated };
      results.push(duplicate ? { index, status: 'duplicate', ...stored } : { index, status: 'accepted', ...stored });
    } catch (err) {
      // The one failure a caller causes past validation: an id that names no customer of this workspace.
      if ('id' in customer && !(await customerExists(deps.db, input.workspaceId, customer.id))) {
        results.push({ index, status: 'rejected', errors: [{ path: 'customer.id', message: 'No customer with this id' }] });
        continue;
      }
      throw err;
    }
  }
  return results;
}
