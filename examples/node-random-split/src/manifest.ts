// What the designer shows: names, icon, ports, summary and the config form, in zh-CN and en. Browser-safe:
// no Node built-ins here (Sopline sends this to the designer as JSON through nodeTypes.list).
import { defineManifest, text } from '@sopline/node-sdk';
import type { Lang, PortSpec } from '@sopline/node-sdk';
import { z } from 'zod';

export const PATH_A: PortSpec = { id: 'a', label: text('A 路', 'Path A') };
export const PATH_B: PortSpec = { id: 'b', label: text('B 路', 'Path B') };

export const RandomSplitConfig = z.object({
  percentA: z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(50)
    .meta({
      label: text('A 路比例（%）', 'Share of path A (%)'),
      help: text('其余客户走 B 路。同一位客户每次都分到同一路。', 'The rest take path B. A customer always lands on the same path.'),
    }),
});
export type RandomSplitConfig = z.output<typeof RandomSplitConfig>;

/** Two arrows parting, drawn with currentColor so it follows the theme. */
export const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="5" cy="12" r="2"/><path d="M7 12h3l4-5h5"/><path d="M10 12l4 5h5"/><path d="M17 5l2 2-2 2"/><path d="M17 15l2 2-2 2"/></svg>';

function summary(config: RandomSplitConfig, lang: Lang): string {
  const b = 100 - config.percentA;
  return lang === 'en' ? `Random: A ${config.percentA}% / B ${b}%` : `随机分流：A 路 ${config.percentA}% / B 路 ${b}%`;
}

export const manifest = defineManifest({
  type: 'random-split',
  version: 1,
  category: 'condition',
  title: text('随机分流', 'Random split'),
  description: text(
    '按设定比例把客户随机分成 A、B 两路，用于试验两套话术；同一位客户每次都分到同一路。',
    'Splits customers at random into paths A and B by the share you set, to try two scripts against each other; a customer always lands on the same path.',
  ),
  icon: ICON,
  aliases: ['random', 'split', 'ab test', 'experiment', '随机', '分流', '实验', 'AB 测试'],
  config: RandomSplitConfig,
  summary,
  summaryTemplate: text('随机分流：A 路 {{percentA}}%', 'Random: A {{percentA}}%'),
  ports: () => [PATH_A, PATH_B],
});
