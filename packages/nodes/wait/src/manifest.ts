import { text } from '@sopline/graph';
import type { PortSpec } from '@sopline/graph';
import { defineManifest, OUT } from '@sopline/node-sdk';
import { WaitConfig } from './schema.ts';
import { summarizeWait } from './summary.ts';

export { WaitConfig } from './schema.ts';

/** Taken when the date property is missing, unreadable, or (for a one-off date) already past. */
export const MISSING: PortSpec = { id: 'missing', label: text('无可用日期', 'No upcoming date') };

export const manifest = defineManifest({
  type: 'wait',
  version: 1,
  category: 'wait',
  title: text('等待', 'Wait'),
  description: text(
    '让客户在此停留：等待一段时间、等到每周某天的某个时刻，或等到客户日期属性（如生日）前后几天，均按客户所在时区计算。',
    "Holds the customer here: for a while, until a weekday and time, or until some days before or after a date property such as a birthday — all in the customer's timezone.",
  ),
  icon: 'hourglass',
  aliases: ['delay', 'sleep', 'pause', 'timer', 'birthday', 'schedule', '延时', '延迟', '定时', '生日', '等候'],
  config: WaitConfig,
  summary: summarizeWait,
  ports: (config) => (config.mode === 'date-property' ? [OUT, MISSING] : [OUT]),
  // The date it waits for must be a date property the workspace defines.
  reads: (config) => (config.mode === 'date-property' ? [{ kind: 'property', key: config.property, type: 'date', path: ['property'] }] : []),
});
