import { text } from '@sopline/graph';
import { defineManifest } from '@sopline/node-sdk';
import { z } from 'zod';
import { EXIT_REASONS, exitReasonLabel } from './reasons.ts';

export { EXIT_REASONS, exitReasonLabel } from './reasons.ts';
export type { ExitReason } from './reasons.ts';

export const ExitConfig = z.object({
  /**
   * The code recorded on the enrollment: one of EXIT_REASONS (the form offers them by label), or the
   * operator's own words. Any string stays valid, so journeys saved before the list keep working.
   */
  reason: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .default('completed')
    .meta({
      label: text('结束原因', 'Exit reason'),
      help: text('记录在客户的旅程记录上，按路径统计。列表里没有时选「其他…」自己填写。', 'Recorded on the customer’s run and counted per path. Not in the list? Choose “Other…”.'),
      choices: EXIT_REASONS.map((r) => ({ value: r.code, label: r.label })),
      other: true,
    }),
});
export type ExitConfig = z.output<typeof ExitConfig>;

export const manifest = defineManifest({
  type: 'exit',
  version: 1,
  category: 'exit',
  title: text('结束', 'Exit'),
  description: text('客户在此离开旅程，并记录离开原因，便于统计各条路径的结果。', 'The customer leaves the journey here; the reason is recorded so each path’s outcome can be counted.'),
  icon: 'door-exit',
  aliases: ['end', 'finish', 'stop', 'goal', 'done', '结束', '退出', '终点', '完成'],
  config: ExitConfig,
  summary: (config, lang) => {
    if (config.reason === 'completed') return lang === 'en' ? 'Exit' : '结束';
    return lang === 'en' ? `Exit: ${exitReasonLabel(config.reason, lang)}` : `结束：${exitReasonLabel(config.reason, lang)}`;
  },
  ports: () => [],
});
