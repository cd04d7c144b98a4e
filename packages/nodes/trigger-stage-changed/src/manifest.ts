import { text } from '@sopline/graph';
import { defineTriggerManifest } from '@sopline/node-sdk';
import { z } from 'zod';

const Stage = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and -');

export const StageChangedConfig = z.object({
  to: Stage.meta({ label: text('变为阶段', 'New stage') }),
  /** Only when the customer comes from this stage. */
  from: Stage.optional().meta({ label: text('原阶段', 'Previous stage'), help: text('留空表示从任意阶段变化而来。', 'Leave empty for any previous stage.') }),
});
export type StageChangedConfig = z.output<typeof StageChangedConfig>;

export const manifest = defineTriggerManifest({
  type: 'trigger-stage-changed',
  version: 1,
  title: text('阶段变化', 'Stage changed'),
  description: text(
    '客户进入指定生命周期阶段时开始旅程（可限定从哪个阶段而来），例如变为「已付费」后开始使用跟进。',
    'Starts the journey when the customer enters a lifecycle stage (optionally only from a given stage) — for example, a usage follow-up once they become "paid".',
  ),
  icon: 'stairs-up',
  aliases: ['stage', 'lifecycle', 'funnel', 'converted', 'status', '阶段', '生命周期', '转化', '升级', '状态'],
  events: ['stage.changed'],
  reads: (config) => [
    { kind: 'stage' as const, code: config.to, path: ['to'] },
    ...(config.from !== undefined ? [{ kind: 'stage' as const, code: config.from, path: ['from'] }] : []),
  ],
  config: StageChangedConfig,
  summary: (config, lang, names) => {
    const name = (code: string) => names?.stage(code, lang) ?? code;
    if (config.from === undefined) return lang === 'en' ? `Stage changes to ${name(config.to)}` : `阶段变为「${name(config.to)}」`;
    return lang === 'en' ? `Stage changes from ${name(config.from)} to ${name(config.to)}` : `阶段从「${name(config.from)}」变为「${name(config.to)}」`;
  },
});
