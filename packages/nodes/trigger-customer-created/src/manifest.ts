import { text } from '@sopline/graph';
import { defineTriggerManifest } from '@sopline/node-sdk';
import { z } from 'zod';

/**
 * Where a new customer comes from, as `customer.created` records it (`payload.source`): Sopline's own
 * ways in, by name. A channel code records its own source (抖音, 门店 …), typed as "other".
 */
export const CUSTOMER_SOURCES = [
  { value: 'wecom', label: text('添加企业微信好友', 'Added on WeCom') },
  { value: 'api', label: text('商城或 CRM 接口', 'Shop or CRM (API)') },
  { value: 'import', label: text('表格导入', 'Spreadsheet import') },
  { value: 'user', label: text('在 Sopline 中手动创建', 'Created by hand in Sopline') },
  { value: 'event', label: text('随事件自动创建（如首次下单）', 'Created by an event (e.g. a first order)') },
] as const;

export function sourceLabel(source: string, lang: 'zh-CN' | 'en'): string {
  return CUSTOMER_SOURCES.find((s) => s.value === source)?.label[lang] ?? source;
}

export const CustomerCreatedConfig = z.object({
  /** Only customers from this source (the event's `payload.source`): one of CUSTOMER_SOURCES or a channel code's own. */
  source: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .meta({
      label: text('来源渠道', 'Source channel'),
      help: text('只接收从该渠道来的客户；留空表示全部。', 'Only customers who arrived this way. Leave empty for all.'),
      choices: CUSTOMER_SOURCES.map((s) => ({ value: s.value, label: s.label })),
      other: true,
    }),
});
export type CustomerCreatedConfig = z.output<typeof CustomerCreatedConfig>;

export const manifest = defineTriggerManifest({
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
  summary: (config, lang) => {
    if (config.source === undefined) return lang === 'en' ? 'Customer created' : '新客户加入';
    return lang === 'en' ? `Customer created (${sourceLabel(config.source, lang)})` : `新客户加入（来源：${sourceLabel(config.source, lang)}）`;
  },
});
