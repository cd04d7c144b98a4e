import { text } from '@sopline/graph';
import type { Lang, PortSpec } from '@sopline/graph';
import { defineManifest } from '@sopline/node-sdk';
import { z } from 'zod';

export const YES: PortSpec = { id: 'yes', label: text('是', 'Yes') };
export const NO: PortSpec = { id: 'no', label: text('否', 'No') };

export const BranchTagConfig = z.object({
  tags: z.array(z.string().trim().min(1).max(64)).min(1).max(20).meta({ label: text('标签', 'Tags') }),
  /** any: the test holds for at least one tag; all: for every tag. */
  match: z.enum(['any', 'all']).default('any').meta({ label: text('匹配方式', 'Match'), values: { any: text('任一标签', 'Any of them'), all: text('全部标签', 'All of them') } }),
  /** has: the customer carries the tag; lacks: the customer does not. */
  mode: z.enum(['has', 'lacks']).default('has').meta({ label: text('方式', 'Mode'), values: { has: text('有', 'Has'), lacks: text('没有', 'Lacks') } }),
});
export type BranchTagConfig = z.output<typeof BranchTagConfig>;

function summary(config: BranchTagConfig, lang: Lang): string {
  const en = lang === 'en';
  const tags = config.tags.join(en ? ', ' : '、');
  const has = config.mode === 'has';
  if (config.tags.length === 1) return en ? `${has ? 'Has' : 'Lacks'} tag ${tags}?` : `${has ? '有' : '没有'}标签 ${tags}？`;
  if (en) return `${has ? 'Has' : 'Lacks'} ${config.match === 'all' ? 'all' : 'any'} of ${tags}?`;
  if (has) return config.match === 'all' ? `同时有标签 ${tags}？` : `有 ${tags} 任一标签？`;
  return config.match === 'all' ? `${tags} 标签都没有？` : `缺少 ${tags} 中任一标签？`;
}

export const manifest = defineManifest({
  type: 'branch-tag',
  version: 1,
  category: 'condition',
  title: text('按标签分支', 'Branch on tag'),
  description: text(
    '根据客户是否带有指定标签分成两路：满足条件走「是」，否则走「否」。可选任一或全部、有或没有。',
    'Splits customers by their tags: those who meet the condition go to "Yes", the rest to "No". Choose any or all, has or lacks.',
  ),
  icon: 'git-branch',
  aliases: ['if', 'condition', 'split', 'segment', 'tag', 'label', '条件', '判断', '分流', '标签', '分群'],
  config: BranchTagConfig,
  summary,
  ports: () => [YES, NO],
});
