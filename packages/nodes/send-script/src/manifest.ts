import { LIMITS, text } from '@sopline/graph';
import type { Lang } from '@sopline/graph';
import { defineManifest, NO_NAMES, OUT } from '@sopline/node-sdk';
import type { SummaryNames } from '@sopline/node-sdk';
import { z } from 'zod';
import { parseScript, scriptProblems, scriptVariables } from './template.ts';
import { PROPERTY_PREFIX, SCRIPT_VARIABLES } from './variables.ts';

export { parseScript, renderScript, scriptProblems, scriptVariables } from './template.ts';
export type { ScriptPart } from './template.ts';
export { isKnownVariable, PROPERTY_PREFIX, SCRIPT_VARIABLES, suggestVariable } from './variables.ts';
export type { ScriptVariable } from './variables.ts';
export { latestPurchase, scriptValues } from './values.ts';

export const SendScriptConfig = z.object({
  /** The task's title in the rep's inbox. */
  title: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .default('发送话术')
    .meta({ label: text('待办标题', 'Task title'), help: text('销售在「今日待办」中看到的标题。', 'What the rep sees in today’s tasks.') }),
  script: z
    .string()
    .max(LIMITS.script)
    .regex(/\S/, 'the script is empty')
    .meta({ label: text('话术', 'Script') }),
  due: z
    .object({
      afterMinutes: z
        .number()
        .int()
        .min(0)
        .max(525_600)
        .default(0)
        .meta({ label: text('多少分钟后到期', 'Due after (minutes)'), help: text('0 表示立即到期；仍会遵守免打扰时段。', '0 = due at once. Quiet hours still apply.') }),
    })
    .default({ afterMinutes: 0 })
    .meta({ label: text('截止时间', 'Due') }),
  priority: z
    .enum(['low', 'normal', 'high'])
    .default('normal')
    .meta({ label: text('优先级', 'Priority'), values: { low: text('低', 'Low'), normal: text('普通', 'Normal'), high: text('高', 'High') } }),
});
export type SendScriptConfig = z.output<typeof SendScriptConfig>;

/** A variable as the reader knows it: 【客户姓名】, 【城市】 (the property's label); an unknown one as written. */
function variableName(name: string, lang: Lang, names: SummaryNames): string {
  const known = name.startsWith(PROPERTY_PREFIX) ? names.property(name.slice(PROPERTY_PREFIX.length), lang) : SCRIPT_VARIABLES.find((v) => !v.prefix && v.name === name)?.label[lang];
  if (known === undefined) return `{{${name}}}`;
  return lang === 'en' ? `[${known}]` : `【${known}】`;
}

function summary(config: SendScriptConfig, lang: Lang, names: SummaryNames = NO_NAMES): string {
  const script = parseScript(config.script)
    .map((p) => (p.kind === 'text' ? p.text : p.kind === 'variable' ? variableName(p.name, lang, names) : ''))
    .join('');
  const chars = [...script.replace(/\s+/g, ' ').trim()];
  const snippet = chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : chars.join('');
  return lang === 'en' ? `${config.title}: ${snippet}` : `${config.title}：${snippet}`;
}

export const manifest = defineManifest({
  type: 'send-script',
  version: 1,
  category: 'action',
  title: text('发送话术', 'Send script'),
  description: text(
    '给客户的负责销售生成一条待办：话术中的变量（如 {{customer.name}}）会自动填好，销售一键复制后在自己的聊天工具里发送。',
    "Creates a task for the customer's sales rep with the script's variables (such as {{customer.name}}) filled in; the rep copies it with one click and sends it from their own chat app.",
  ),
  icon: 'message-2',
  aliases: ['message', 'task', 'template', 'reminder', 'follow up', 'wecom', '话术', '消息', '任务', '提醒', '跟进', '回访', '私聊'],
  config: SendScriptConfig,
  summary,
  validate: (config) => scriptProblems(config.script),
  // A property shown in the script must be one the workspace defines (any type).
  reads: (config) =>
    scriptVariables(config.script)
      .filter((name) => name.startsWith(PROPERTY_PREFIX) && name.length > PROPERTY_PREFIX.length)
      .map((name) => ({ kind: 'property' as const, key: name.slice(PROPERTY_PREFIX.length), path: ['script'] })),
  ports: () => [OUT],
});
