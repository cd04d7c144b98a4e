import type { ChannelMessage } from '@sopline/channel-sdk';
import type { DigestTaskRow } from '@sopline/db';
import type { Lang } from '@sopline/graph';

const MAX_GROUPS = 10;
const MAX_NAMES = 5;

export type Composed = { message: ChannelMessage; summary: string };

type Options = { locale: Lang; inboxUrl: string | null; mention: string | null; idempotencyKey: string };

const L = {
  'zh-CN': {
    digestTitle: (repName: string, today: number, overdue: number) => `${repName}，今日任务 ${today} 项${overdue > 0 ? `，另有逾期 ${overdue} 项` : ''}`,
    remindTitle: (repName: string, overdue: number) => `${repName}，你有 ${overdue} 项逾期任务待处理`,
    remindBy: (manager: string) => `${manager} 提醒你尽快跟进以下客户：`,
    today: '今日',
    overdue: '逾期',
    group: (title: string, n: number, names: string, more: number) => `- ${title}（${n}）：${names}${more > 0 ? ` 等 ${n} 位` : ''}`,
    moreGroups: (n: number) => `- 还有 ${n} 类话术`,
    sep: '、',
    open: '打开今日任务',
    testTitle: 'Sopline 测试消息',
    testLine: (workspace: string) => `工作区「${workspace}」的通知渠道设置正确，每日任务提醒会发到这里。`,
  },
  en: {
    digestTitle: (repName: string, today: number, overdue: number) => `${repName}: ${today} task${today === 1 ? '' : 's'} today${overdue > 0 ? `, ${overdue} overdue` : ''}`,
    remindTitle: (repName: string, overdue: number) => `${repName}: ${overdue} overdue task${overdue === 1 ? '' : 's'} to follow up`,
    remindBy: (manager: string) => `${manager} asks you to follow up these customers soon:`,
    today: 'Today',
    overdue: 'Overdue',
    group: (title: string, n: number, names: string, more: number) => `- ${title} (${n}): ${names}${more > 0 ? ` and ${more} more` : ''}`,
    moreGroups: (n: number) => `- ${n} more script${n === 1 ? '' : 's'}`,
    sep: ', ',
    open: "Open today's tasks",
    testTitle: 'Sopline test message',
    testLine: (workspace: string) => `The notification channel of workspace "${workspace}" works: daily task digests will arrive here.`,
  },
} as const;

/** Tasks grouped by their script's title (the send-script step), biggest group first, with customer names. */
function groupLines(tasks: DigestTaskRow[], lang: Lang): string[] {
  const s = L[lang];
  const groups = new Map<string, string[]>();
  for (const t of tasks) groups.set(t.title, [...(groups.get(t.title) ?? []), t.customer_name]);
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const lines = sorted.slice(0, MAX_GROUPS).map(([title, names]) => s.group(title, names.length, names.slice(0, MAX_NAMES).join(s.sep), Math.max(0, names.length - MAX_NAMES)));
  if (sorted.length > MAX_GROUPS) lines.push(s.moreGroups(sorted.length - MAX_GROUPS));
  return lines;
}

const linkOf = (o: Options) => (o.inboxUrl ? { label: L[o.locale].open, url: o.inboxUrl } : null);

/**
 * The daily digest: today's tasks (due within the rep's local day) and the overdue ones (due
 * before it), each grouped by script with customer names. `dayStart` is the start of that day.
 */
export function composeDigest(input: { repName: string; tasks: DigestTaskRow[]; dayStart: string } & Options): Composed {
  const s = L[input.locale];
  const today = input.tasks.filter((t) => t.due_at >= input.dayStart);
  const overdue = input.tasks.filter((t) => t.due_at < input.dayStart);
  const lines: string[] = [];
  if (today.length > 0) lines.push(`**${s.today}**`, ...groupLines(today, input.locale));
  if (overdue.length > 0) lines.push(`**${s.overdue}**`, ...groupLines(overdue, input.locale));
  const title = s.digestTitle(input.repName, today.length, overdue.length);
  return {
    message: { kind: 'digest', title, lines, link: linkOf(input), mentions: input.mention ? [input.mention] : [], locale: input.locale, idempotencyKey: input.idempotencyKey },
    summary: title,
  };
}

/** A manager's nudge: the rep's overdue tasks, grouped by script. */
export function composeOverdueReminder(input: { repName: string; managerName: string; tasks: DigestTaskRow[] } & Options): Composed {
  const s = L[input.locale];
  const title = s.remindTitle(input.repName, input.tasks.length);
  return {
    message: {
      kind: 'remind',
      title,
      lines: [s.remindBy(input.managerName), ...groupLines(input.tasks, input.locale)],
      link: linkOf(input),
      mentions: input.mention ? [input.mention] : [],
      locale: input.locale,
      idempotencyKey: input.idempotencyKey,
    },
    summary: title,
  };
}

export function composeTest(input: { workspaceName: string } & Options): Composed {
  const s = L[input.locale];
  return {
    message: { kind: 'test', title: s.testTitle, lines: [s.testLine(input.workspaceName)], link: linkOf(input), mentions: [], locale: input.locale, idempotencyKey: input.idempotencyKey },
    summary: s.testTitle,
  };
}
