import type { CustomerSnapshot, Purchase } from '@sopline/node-sdk';
import { DateTime } from 'luxon';
import { PROPERTY_PREFIX } from './variables.ts';

/** The most recent purchase by `occurredAt`, or null when there is none. */
export function latestPurchase(purchases: readonly Purchase[]): Purchase | null {
  let latest: Purchase | null = null;
  for (const p of purchases) {
    if (Number.isNaN(Date.parse(p.occurredAt))) continue;
    if (!latest || Date.parse(p.occurredAt) > Date.parse(latest.occurredAt)) latest = p;
  }
  return latest;
}

/** The values a script can use, keyed by variable name, for `renderScript`. */
export function scriptValues(customer: CustomerSnapshot, lastPurchase: Purchase | null, timezone: string): Record<string, unknown> {
  const values: Record<string, unknown> = {
    'customer.name': customer.name,
    'customer.stage': customer.stage,
    'customer.tags': customer.tags,
    'owner.name': customer.owner?.name,
  };
  for (const [key, value] of Object.entries(customer.properties)) values[PROPERTY_PREFIX + key] = value;
  if (lastPurchase) {
    const date = DateTime.fromISO(lastPurchase.occurredAt, { zone: timezone });
    values['lastPurchase.product'] = lastPurchase.product ?? lastPurchase.products;
    values['lastPurchase.amount'] = lastPurchase.amount;
    values['lastPurchase.date'] = date.isValid ? date.toFormat('yyyy-MM-dd') : lastPurchase.occurredAt.slice(0, 10);
  }
  return values;
}
