import type { EventFilter, EventKind, Lang } from '@sopline/graph';
import type { SummaryNames } from '@sopline/node-sdk';

const KIND: Record<EventKind, [zh: string, en: string]> = {
  'customer.created': ['客户创建', 'the customer to be created'],
  purchase: ['购买', 'a purchase'],
  'tag.added': ['添加标签', 'a tag to be added'],
  'tag.removed': ['移除标签', 'a tag to be removed'],
  'stage.changed': ['阶段变化', 'a stage change'],
  'reply.logged': ['客户回复', 'a reply'],
  'task.completed': ['任务完成', 'a task to be completed'],
  custom: ['自定义事件', 'a custom event'],
  'contact.added': ['加为企微好友', 'the customer to be added on WeCom'],
  'contact.lost': ['企微好友流失', 'the WeCom contact to be lost'],
};

const UNIT = { minutes: ['分钟', 'minute'], hours: ['小时', 'hour'], days: ['天', 'day'], weeks: ['周', 'week'] } as const;

export type Timeout = { amount: number; unit: keyof typeof UNIT };

/** The event in words, folding in the filter field that names it (the tag, the stage, the custom name). */
function what(f: EventFilter, en: boolean, stage: (code: string) => string): { phrase: string; used: keyof EventFilter | null } {
  if ((f.kind === 'tag.added' || f.kind === 'tag.removed') && f.tag !== undefined) {
    const added = f.kind === 'tag.added';
    return { phrase: en ? `tag ${f.tag} to be ${added ? 'added' : 'removed'}` : `${added ? '添加' : '移除'}标签 ${f.tag}`, used: 'tag' };
  }
  if (f.kind === 'stage.changed' && f.stage !== undefined) return { phrase: en ? `stage to become ${stage(f.stage)}` : `阶段变为「${stage(f.stage)}」`, used: 'stage' };
  if (f.kind === 'custom' && f.name !== undefined) return { phrase: en ? `event "${f.name}"` : `事件「${f.name}」`, used: 'name' };
  const [zh, enText] = KIND[f.kind];
  return { phrase: en ? enText : zh, used: null };
}

function details(f: EventFilter, used: keyof EventFilter | null, en: boolean, stage: (code: string) => string): string[] {
  const parts: string[] = [];
  if (f.name !== undefined && used !== 'name') parts.push(en ? `"${f.name}"` : `「${f.name}」`);
  if (f.tag !== undefined && used !== 'tag') parts.push(en ? `tag ${f.tag}` : `标签 ${f.tag}`);
  if (f.stage !== undefined && used !== 'stage') parts.push(en ? `stage ${stage(f.stage)}` : `阶段「${stage(f.stage)}」`);
  if (f.product !== undefined) parts.push(en ? `product ${f.product}` : `商品 ${f.product}`);
  if (f.category !== undefined) parts.push(en ? `category ${f.category}` : `品类 ${f.category}`);
  if (f.minAmount !== undefined) parts.push(en ? `amount ≥ ¥${f.minAmount}` : `金额 ≥ ¥${f.minAmount}`);
  return parts;
}

export function summarizeWaitForEvent(event: EventFilter, timeout: Timeout, lang: Lang, names?: SummaryNames): string {
  const en = lang === 'en';
  const stage = (code: string) => names?.stage(code, lang) ?? code;
  const { phrase, used } = what(event, en, stage);
  const extra = details(event, used, en, stage);
  const [zhUnit, enUnit] = UNIT[timeout.unit];
  if (en) {
    const filter = extra.length > 0 ? ` (${extra.join(', ')})` : '';
    return `Wait for ${phrase}${filter}, up to ${timeout.amount} ${enUnit}${timeout.amount === 1 ? '' : 's'}`;
  }
  const filter = extra.length > 0 ? `（${extra.join('，')}）` : '';
  return `等待${phrase}${filter}，最长 ${timeout.amount} ${zhUnit}`;
}
