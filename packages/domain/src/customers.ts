import type { Customer, Db, ExternalIds } from '@sopline/db';
import { repos } from '@sopline/db';

export type NewCustomerInput = ExternalIds & {
  workspaceId: string;
  name: string;
  ownerId?: string | null;
  stage?: string | null;
  timezone?: string | null;
  properties?: Record<string, unknown>;
  tags?: string[];
  /** e.g. 'wecom', 'shop', 'import': recorded on the customer.created event for trigger filters. */
  source?: string;
  /** When the customer really joined (imports and demo data); now when absent. */
  createdAt?: string;
  /** Its events are history (an import that starts no journeys): see NewEvent.history. */
  history?: boolean;
  wecomExternalUserId?: string | null;
  avatarUrl?: string | null;
  /** More facts for the customer.created event's payload (e.g. the WeCom rep and channel code). */
  createdPayload?: Record<string, unknown>;
};

/** Creates a customer with its tags and records `customer.created` in the same transaction. */
export async function createCustomerIn(db: Db, input: NewCustomerInput): Promise<Customer> {
  const r = repos(db);
  const customer = await r.customers.create(input);
  if (input.tags?.length) await r.tags.add(input.workspaceId, customer.id, input.tags);
  await r.events.insert({
    workspaceId: input.workspaceId,
    customerId: customer.id,
    kind: 'customer.created',
    payload: { ...input.createdPayload, source: input.source ?? 'api' },
    occurredAt: customer.created_at,
    idempotencyKey: `customer.created:${customer.id}`,
    ...(input.history ? { history: true } : {}),
  });
  return customer;
}

export function createCustomer(deps: { db: Db }, input: NewCustomerInput): Promise<Customer> {
  return deps.db.transaction().execute((trx) => createCustomerIn(trx, input));
}
