import { text } from '@sopline/graph';
import type { Lang, PortSpec } from '@sopline/graph';
import { defineManifest } from '@sopline/node-sdk';
import { z } from 'zod';

export const YES: PortSpec = { id: 'yes', label: text('是', 'Yes') };
export const NO: PortSpec = { id: 'no', label: text('否', 'No') };

export const BranchPurchaseConfig = z.object({
  /** Only purchases in the last N days count; unset counts the whole history. */
  withinDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .meta({ label: text('最近天数', 'Within the last (days)'), help: text('留空表示统计全部购买记录。', 'Leave empty to count the whole purchase history.') }),
  minAmount: z.number().nonnegative().max(1e12).optional().meta({ label: text('最低金额（元）', 'Minimum amount (¥)') }),
  product: z.string().trim().min(1).max(200).optional().meta({ label: text('商品', 'Product') }),
  category: z.string().trim().min(1).max(200).optional().meta({ label: text('品类', 'Category') }),
  minCount: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1)
    .meta({ label: text('至少购买次数', 'At least (purchases)'), help: text('满足条件的购买至少要有几次。', 'How many matching purchases the customer needs.') }),
});
export type BranchPurchaseConfig = z.output<typeof BranchPurchaseConfig>;

function summary(c: BranchPurchaseConfig, lang: Lang): string {
  const many = c.minCount > 1;
  if (lang === 'en') {
    const what = [c.product, c.category !== undefined ? `from ${c.category}` : undefined].filter(Boolean).join(' ');
    const amount = c.minAmount !== undefined ? ` (amount ≥ ¥${c.minAmount})` : '';
    const within = c.withinDays !== undefined ? ` in the last ${c.withinDays} days` : '';
    if (!what && !amount && !within && !many) return 'Has purchased?';
    return `Bought${what ? ` ${what}` : ''}${amount}${many ? ` at least ${c.minCount} times` : ''}${within}?`;
  }
  const what = c.product !== undefined ? `「${c.product}」` : c.category !== undefined ? `「${c.category}」类商品` : '';
  const kind = c.product !== undefined && c.category !== undefined ? `（${c.category}）` : '';
  const amount = c.minAmount !== undefined ? `（金额 ≥ ¥${c.minAmount}）` : '';
  const within = c.withinDays !== undefined ? `近 ${c.withinDays} 天` : '';
  if (!what && !amount && !within && !many) return '有购买记录？';
  return `${within}${many ? '购买' : '购买过'}${what}${kind}${amount}${many ? `至少 ${c.minCount} 次` : ''}？`;
}

export const manifest = defineManifest({
  type: 'branch-purchase',
  version: 1,
  category: 'condition',
  title: text('按购买分支', 'Branch on purchase'),
  description: text(
    '根据客户的购买记录分成两路：可限定最近几天、单笔金额、商品或品类，以及至少购买几次。满足走「是」，否则走「否」。',
    'Splits customers by what they bought: limit to the last N days, a minimum amount, a product or category, and how many purchases. Those who qualify go to "Yes", the rest to "No".',
  ),
  icon: 'receipt',
  aliases: ['if', 'condition', 'order', 'bought', 'repurchase', 'spend', '条件', '判断', '订单', '复购', '消费', '下单'],
  config: BranchPurchaseConfig,
  summary,
  ports: () => [YES, NO],
});
