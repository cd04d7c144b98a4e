import { text } from '@sopline/graph';
import { defineTriggerManifest } from '@sopline/node-sdk';
import { z } from 'zod';

export const PurchaseTriggerConfig = z.object({
  minAmount: z.number().nonnegative().max(1e12).optional().meta({ label: text('最低金额（元）', 'Minimum amount (¥)') }),
  /** Matches the order's product or any of its items. */
  product: z.string().trim().min(1).max(200).optional().meta({ label: text('商品', 'Product') }),
  category: z.string().trim().min(1).max(200).optional().meta({ label: text('品类', 'Category') }),
});
export type PurchaseTriggerConfig = z.output<typeof PurchaseTriggerConfig>;

export const manifest = defineTriggerManifest({
  type: 'trigger-purchase',
  version: 1,
  title: text('客户下单', 'Purchase made'),
  description: text(
    '客户完成购买时开始旅程，可限定最低金额、商品或品类。常用于首单回访、使用跟进和复购推荐。',
    'Starts the journey when the customer buys something, optionally above an amount or for a product or category. Typically used for first-order follow-ups and repeat-purchase offers.',
  ),
  icon: 'shopping-cart',
  aliases: ['order', 'buy', 'paid', 'checkout', 'transaction', '购买', '下单', '订单', '付款', '成交'],
  events: ['purchase'],
  config: PurchaseTriggerConfig,
  summary: (config, lang) => {
    const en = lang === 'en';
    const parts: string[] = [];
    if (config.product !== undefined) parts.push(config.product);
    if (config.category !== undefined) parts.push(en ? `category ${config.category}` : `品类 ${config.category}`);
    if (config.minAmount !== undefined) parts.push(en ? `amount ≥ ¥${config.minAmount}` : `金额 ≥ ¥${config.minAmount}`);
    if (parts.length === 0) return en ? 'Purchase made' : '客户下单';
    return en ? `Purchase made: ${parts.join(', ')}` : `客户下单：${parts.join('，')}`;
  },
});
