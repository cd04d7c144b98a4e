import type { ExternalIds, StoredEvent } from '@sopline/db';
import { repos, retryOnUniqueViolation } from '@sopline/db';
import type { EventKind } from '@sopline/graph';
import { createCustomerIn } from '../customers.ts';
import type { DomainDeps } from '../ports.ts';

export type IngestInput = {
  workspaceId: string;
  /** The customer by id, or by any external id (created when unknown). */
  customer: { id: string } | (ExternalIds & { name?: string });
  kind: EventKind;
  payload: Record<string, unknown>;
  occurredAt?: string;
  idempotencyKey?: string;
};

/**
 * Stores one event durably and returns: the caller may answer 2xx once this resolves. Acting on it
 * (starting journeys, waking waiting customers, goals) is the dispatcher's job, so a Temporal outage
 * delays events but never loses them. Tag and stage events also update the customer here.
 * Two deliveries racing to create the same new customer (PostgreSQL): the loser retries and finds it.
 */
export async function ingestEvent(deps: Pick<DomainDeps, 'db'>, input: IngestInput): Promise<{ event: StoredEvent; duplicate: boolean; customerCreated: boolean }> {
  return retryOnUniqueViolation(() => deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    // A replay is answered from the first delivery before anything else, so it cannot create a
    // customer even if its customer reference differs.
    if (input.idempotencyKey) {
      const first = await r.events.byKey(input.workspaceId, input.idempotencyKey);
      if (first) return { event: first, duplicate: true, customerCreated: false };
    }
    let customerCreated = false;
    let customer = 'id' in input.customer ? await r.customers.get(input.workspaceId, input.customer.id) : await r.customers.findByExternalId(input.workspaceId, input.customer);
    if (!customer) {
      if ('id' in input.customer) throw new Error(`customer ${input.customer.id} not found`);
      const ids = input.customer;
      customer = await createCustomerIn(trx, { ...ids, workspaceId: input.workspaceId, name: ids.name ?? ids.phone ?? ids.email ?? ids.member_id ?? '—', source: 'event' });
      customerCreated = true;
    }
    const stored = await r.events.insert({ workspaceId: input.workspaceId, customerId: customer.id, kind: input.kind, payload: input.payload, occurredAt: input.occurredAt, idempotencyKey: input.idempotencyKey });
    if (!stored.duplicate) {
      const tag = typeof input.payload.tag === 'string' ? input.payload.tag : null;
      if (input.kind === 'tag.added' && tag) await r.tags.add(input.workspaceId, customer.id, [tag]);
      if (input.kind === 'tag.removed' && tag) await r.tags.remove(input.workspaceId, customer.id, [tag]);
      if (input.kind === 'stage.changed' && typeof input.payload.to === 'string') await r.customers.setStage(customer.id, input.payload.to);
    }
    return { ...stored, customerCreated };
  }));
}
