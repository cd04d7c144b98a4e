import { text } from '@sopline/graph';
import { defineManifest, OUT } from '@sopline/node-sdk';
import { z } from 'zod';
import { stageLabel } from './stages.ts';

export { B2B_STAGES, RETAIL_STAGES, STAGE_SETS, stageLabel } from './stages.ts';
export type { Stage } from './stages.ts';

/** A stage is a slug, so a workspace can add its own next to the standard sets. */
export const StageSlug = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and -');

export const SetStageConfig = z.object({ stage: StageSlug.meta({ label: text('阶段', 'Stage') }) });
export type SetStageConfig = z.output<typeof SetStageConfig>;

export const manifest = defineManifest({
  type: 'set-stage',
  version: 1,
  category: 'action',
  title: text('设置阶段', 'Set stage'),
  description: text(
    '把客户移到指定的生命周期阶段（如 未付费 → 已付费 → 复购 → KOC 推荐官），用于阶段漏斗和转化统计。',
    'Moves the customer to a lifecycle stage (such as unpaid → paid → repeat buyer → advocate), which feeds the stage funnel and conversion reports.',
  ),
  icon: 'flag',
  aliases: ['stage', 'lifecycle', 'funnel', 'status', 'convert', '阶段', '生命周期', '漏斗', '转化', '状态'],
  config: SetStageConfig,
  summary: (config, lang, names) => {
    const stage = names?.stage(config.stage, lang) ?? stageLabel(config.stage, lang);
    return lang === 'en' ? `Set stage: ${stage}` : `设为阶段：${stage}`;
  },
  ports: () => [OUT],
  reads: (config) => [{ kind: 'stage', code: config.stage, path: ['stage'] }],
});
