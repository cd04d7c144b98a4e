import { matchesEvent, text } from '@sopline/graph';
import { defineTrigger } from '@sopline/node-sdk';
import { z } from 'zod';

export const CustomerCreatedConfig = z.object({
  /** Only customers from this source channel (the event's `payload.source`, e.g. 'wecom', 'shop'). */
  source: z.string().trim().min(1).max(64).optional(),
});
export type CustomerCreatedConfig = z.output<typeof CustomerCreatedConfig>;

export const triggerCustomerCreated = defineTrigger({
  type: 'trigger-customer-created',
  version: 1,
  title: text('新客户加入', 'Customer created'),
  description: text(
    '有新客户进入系统时（如添加企业微信、在店铺注册）开始旅程，可只接收某个来源渠道的客户。常用于发送欢迎语。',
    'Starts the journey when a new customer arrives (a new WeCom contact, a shop sign-up), optionally only from one source channel. Typically used for a welcome message.',
  ),
  icon: 'user-plus',
  aliases: ['new customer', 'signup', 'welcome', 'onboarding', 'contact added', '新客', '新用户', '加好友', '欢迎', '注册'],
  events: ['customer.created'],
  config: CustomerCreatedConfig,
  matches: (event, config) =>
    matchesEvent(event, { kind: 'customer.created' }) && (config.source === undefined || event.payload.source === config.source),
  summary: (config, lang) => {
    if (config.source === undefined) return lang === 'en' ? 'Customer created' : '新客户加入';
    return lang === 'en' ? `Customer created from ${config.source}` : `新客户加入（来源：${config.source}）`;
  },
});

export default triggerCustomerCreated;
