import { text } from '@sopline/graph';
import { defineTriggerManifest } from '@sopline/node-sdk';
import { z } from 'zod';

export const ContactLostConfig = z.object({
  /** customer: they deleted the rep (del_follow_user); rep: the rep deleted them; any: either. */
  by: z
    .enum(['any', 'customer', 'rep'])
    .default('customer')
    .meta({ label: text('由谁删除', 'Who ended it'), values: { any: text('任一方删除', 'Either way'), customer: text('客户删除了销售', 'The customer deleted the rep'), rep: text('销售删除了客户', 'The rep deleted the customer') } }),
});
export type ContactLostConfig = z.output<typeof ContactLostConfig>;

export const manifest = defineTriggerManifest({
  type: 'trigger-contact-lost',
  version: 1,
  title: text('企微好友流失', 'WeCom contact lost'),
  description: text(
    '客户在企业微信里删除了销售（或销售删除了客户）时开始旅程，例如通过短信或电话挽回。由企业微信回调触发。',
    'Starts the journey when a customer deletes their rep in WeCom (or the rep deletes them) — for example, to win them back by SMS or a call. Fired by WeCom’s callbacks.',
  ),
  icon: 'user-minus',
  aliases: ['wecom', 'deleted', 'lost', 'churn', 'unfriend', '企业微信', '企微', '删除好友', '流失', '删好友', '挽回'],
  events: ['contact.lost'],
  config: ContactLostConfig,
  summary: (config, lang) => {
    if (lang === 'en') return config.by === 'rep' ? 'The rep deleted the customer in WeCom' : config.by === 'any' ? 'A WeCom contact was lost' : 'The customer deleted their rep in WeCom';
    return config.by === 'rep' ? '销售在企业微信删除了客户' : config.by === 'any' ? '企业微信好友关系解除' : '客户在企业微信删除了销售';
  },
});
