import { defineNode } from '@sopline/node-sdk';
import type { Purchase } from '@sopline/node-sdk';
import type { BranchPurchaseConfig } from './manifest.ts';
import { manifest, NO, YES } from './manifest.ts';

export * from './manifest.ts';

const DAY_MS = 86_400_000;

/**
 * Purchases that satisfy every filter. There is no upper time bound on purpose: a shop's clock may run
 * slightly ahead of the engine's, and the purchase that just woke the customer must count.
 */
export function matchingPurchases(purchases: readonly Purchase[], config: BranchPurchaseConfig, now: Date): Purchase[] {
  const since = config.withinDays === undefined ? -Infinity : now.getTime() - config.withinDays * DAY_MS;
  return purchases.filter(
    (p) =>
      Date.parse(p.occurredAt) >= since &&
      (config.minAmount === undefined || p.amount >= config.minAmount) &&
      (config.product === undefined || p.product === config.product || p.products.includes(config.product)) &&
      (config.category === undefined || p.category === config.category || p.categories.includes(config.category)),
  );
}

export const branchPurchase = defineNode({
  ...manifest,
  async execute(ctx, config) {
    const count = matchingPurchases(await ctx.purchases(), config, ctx.now).length;
    return { next: count >= config.minCount ? YES.id : NO.id };
  },
});

export default branchPurchase;
