import { DURATION_UNIT_NAMES, DURATION_UNITS, EventFilter, text } from '@sopline/graph';
import type { PortSpec } from '@sopline/graph';
import { defineManifest } from '@sopline/node-sdk';
import { z } from 'zod';
import { summarizeWaitForEvent } from './summary.ts';

export const MATCHED: PortSpec = { id: 'matched', label: text('已发生', 'Happened') };
export const TIMEOUT: PortSpec = { id: 'timeout', label: text('超时未发生', 'Timed out') };

export const WaitForEventConfig = z.object({
  event: EventFilter.default({ kind: 'purchase' }).meta({ label: text('事件', 'Event') }),
  timeout: z
    .object({
      amount: z.number().int().min(1).max(3650).default(7).meta({ label: text('超时时长', 'Time out after') }),
      unit: z.enum(DURATION_UNITS).default('days').meta({ label: text('单位', 'Unit'), values: DURATION_UNIT_NAMES }),
    })
    .default({ amount: 7, unit: 'days' })
    .meta({ label: text('超时', 'Timeout') }),
});
export type WaitForEventConfig = z.output<typeof WaitForEventConfig>;

export const manifest = defineManifest({
  type: 'wait-for-event',
  version: 1,
  category: 'wait',
  title: text('等待事件', 'Wait for event'),
  description: text(
    '等待客户发生某件事（如购买、被打上标签、回复），发生即走「已发生」出口；超过时限仍未发生，走「超时未发生」出口。',
    'Waits until the customer does something (a purchase, a tag, a reply) and leaves through "Happened"; if nothing happens in time, leaves through "Timed out".',
  ),
  icon: 'clock-pause',
  aliases: ['event', 'timeout', 'until', 'listen', 'purchase', 'reply', '事件', '超时', '监听', '等到', '购买'],
  config: WaitForEventConfig,
  summary: (config, lang, names) => summarizeWaitForEvent(config.event, config.timeout, lang, names),
  ports: () => [MATCHED, TIMEOUT],
});
