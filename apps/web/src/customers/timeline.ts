/** Pure: how each timeline item of a customer reads, in the user's language. */
import type { AppRouter } from '@sopline/api';
import type { Lang } from '@sopline/graph';
import type { inferRouterOutputs } from '@trpc/server';
import { valueLabel } from '../designer/forms/labels.ts';
import { formatMoney } from '../layout/money.ts';

export type Profile = inferRouterOutputs<AppRouter>['customers']['get'];
export type TimelineEntry = Profile['timeline'][number];
export type NodeLabel = NonNullable<Profile['enrollments'][number]['currentNode']>;
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export type Tone = 'event' | 'purchase' | 'tag' | 'stage' | 'reply' | 'task' | 'enter' | 'step' | 'wait' | 'exit' | 'removed';
/** `script`: a script as the rep got it (variables filled in), shown as a quote. */
export type Described = { tone: Tone; title: string; details: string[]; script?: string };

const EVENT_KEYS: Record<string, string> = {
  'customer.created': 'customerCreated',
  'tag.added': 'tagAdded',
  'tag.removed': 'tagRemoved',
  'reply.logged': 'replyLogged',
  'task.completed': 'taskCompleted',
};
/** Payload fields that say who or what made the event, shown as "by …" rather than as data. */
const BOOKKEEPING = new Set(['source', 'userId', 'journeyId', 'taskId', 'wecomUserId', 'repId', 'channel', 'state', 'half', 'by']);
const MAX_VALUE = 80;
const STEP_SCRIPT_CHARS = 30;

/** The first `n` characters (not UTF-16 units), with … when cut. */
const clip = (s: string, n: number) => {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : s;
};

export const stageLabel = (stage: string, lang: Lang) => valueLabel(['stage'], stage, lang);
export const eventKindLabel = (kind: string, lang: Lang) => valueLabel(['kind'], kind, lang);

/** The node's name on the canvas, else its type's title, else its type. */
export function nodeName(node: Pick<NodeLabel, 'label' | 'title' | 'type'>, lang: Lang): string {
  return node.label ?? node.title?.[lang] ?? node.type;
}

/** Where a customer waits: the node's own name, else what it does ("Wait 7 days"), which says more than the type. */
export function placeName(node: Pick<NodeLabel, 'label' | 'title' | 'type' | 'summary'>, lang: Lang): string {
  return node.label ?? node.summary?.[lang] ?? nodeName(node, lang);
}

/** Any JSON value as one short line of text (never markup: React renders it as text). */
export function shortValue(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function money(amount: unknown, lang: Lang): string | undefined {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return undefined;
  return formatMoney(amount, lang);
}

function who(item: Extract<TimelineEntry, { type: 'event' }>, t: Translate): string | undefined {
  if (item.by) return t('customers.timeline.by', { name: item.by.name });
  const source = str(item.payload.source);
  if (source === 'journey') return t('customers.timeline.byJourney');
  return undefined;
}

function dataLines(payload: Record<string, unknown>): string[] {
  return Object.entries(payload)
    .filter(([key]) => !BOOKKEEPING.has(key))
    .slice(0, 6)
    .map(([key, value]) => `${key}: ${shortValue(value)}`);
}

function describeEvent(item: Extract<TimelineEntry, { type: 'event' }>, t: Translate, lang: Lang, taskTitles: ReadonlyMap<string, string>): Described {
  const p = item.payload;
  const by = who(item, t);
  const tail = by ? [by] : [];
  switch (item.kind) {
    case 'customer.created': {
      const source = str(p.source);
      const sources = t('customers.timeline.source', { returnObjects: true }) as unknown as Record<string, string>;
      const via = source ? (sources[source] ?? t('customers.timeline.via', { source })) : undefined;
      return { tone: 'event', title: t('customers.timeline.event.customerCreated'), details: via ? [via] : [] };
    }
    case 'purchase': {
      const items = Array.isArray(p.items) ? p.items.length : 0;
      const line = [str(p.product), str(p.category), money(p.amount, lang), items > 0 ? t('customers.timeline.items', { count: items }) : undefined].filter(Boolean).join(' · ');
      const order = str(p.orderId);
      return { tone: 'purchase', title: t('customers.timeline.event.purchase'), details: [line, order ? `#${order}` : '', ...tail].filter(Boolean) };
    }
    case 'tag.added':
    case 'tag.removed':
      return { tone: 'tag', title: t(`customers.timeline.event.${EVENT_KEYS[item.kind]}`, { tag: shortValue(p.tag ?? '?') }), details: tail };
    case 'stage.changed': {
      const to = stageLabel(str(p.to) ?? str(p.stage) ?? '?', lang);
      const from = str(p.from);
      const title = from ? t('customers.timeline.event.stageChanged', { from: stageLabel(from, lang), to }) : t('customers.timeline.event.stageSet', { to });
      return { tone: 'stage', title, details: tail };
    }
    case 'reply.logged':
    case 'task.completed': {
      const taskTitle = str(p.taskId) ? taskTitles.get(p.taskId as string) : undefined;
      const status = str(p.status);
      const outcome = str(p.outcome);
      const line = [taskTitle, status ? t(`customers.timeline.taskStatus.${status}`) : undefined, outcome ? t(`inbox.outcomes.${outcome}`) : undefined].filter(Boolean).join(' · ');
      return { tone: item.kind === 'reply.logged' ? 'reply' : 'task', title: t(`customers.timeline.event.${EVENT_KEYS[item.kind]}`), details: line ? [line] : [] };
    }
    case 'contact.added':
      return { tone: 'event', title: t('customers.timeline.event.contactAdded'), details: tail };
    case 'contact.lost':
      return { tone: 'removed', title: t(p.by === 'rep' ? 'customers.timeline.event.contactLostByRep' : 'customers.timeline.event.contactLostByCustomer'), details: tail };
    case 'custom': {
      const rest = { ...p };
      delete rest.name;
      return { tone: 'event', title: t('customers.timeline.event.custom', { name: shortValue(p.name ?? '?') }), details: [...dataLines(rest), ...tail] };
    }
    default:
      return { tone: 'event', title: t('customers.timeline.event.other', { kind: eventKindLabel(item.kind, lang) }), details: [...dataLines(p), ...tail] };
  }
}

function describeStep(item: Extract<TimelineEntry, { type: 'step' }>, t: Translate, lang: Lang): Described {
  const node = nodeName(item.node, lang);
  const journey = t('customers.timeline.journey', { name: item.journey.name });
  // A step that created a task reads as the start of the text the rep got (the task beside it shows all
  // of it), not as the node's template.
  const summary = item.script ? clip(item.script.replace(/\s+/g, ' ').trim(), STEP_SCRIPT_CHARS) : item.node.summary?.[lang];
  const withSummary = summary && summary !== node ? [summary, journey] : [journey];
  if (item.outcome === 'wait') {
    const place = placeName(item.node, lang);
    return { tone: 'wait', title: t('customers.timeline.step.waiting', { node: place }), details: summary && summary !== place ? [summary, journey] : [journey] };
  }
  if (item.outcome === 'goal') return { tone: 'exit', title: t('customers.timeline.step.goal'), details: [journey] };
  if (item.outcome === 'loop-guard') return { tone: 'exit', title: t('customers.timeline.step.loopGuard', { node }), details: [journey] };
  if (item.outcome.startsWith('exit:')) return { tone: 'exit', title: t('customers.timeline.step.exit'), details: [journey] };
  if (item.node.category === 'trigger') return { tone: 'enter', title: t('customers.timeline.step.entered'), details: [journey] };
  // A single way on ("Next") says nothing; a branch or a finished wait says which way it went.
  const port = item.outcome === 'out' ? undefined : (item.port?.[lang] ?? item.outcome);
  return { tone: 'step', title: port ? t('customers.timeline.step.took', { node, port }) : t('customers.timeline.step.passed', { node }), details: withSummary };
}

export function describeItem(item: TimelineEntry, t: Translate, lang: Lang, formatWhen: (iso: string) => string, taskTitles: ReadonlyMap<string, string> = new Map()): Described {
  switch (item.type) {
    case 'event':
      return describeEvent(item, t, lang, taskTitles);
    case 'step':
      return describeStep(item, t, lang);
    case 'cancelled':
      return { tone: 'removed', title: t('customers.timeline.cancelled'), details: [t('customers.timeline.journey', { name: item.journey.name })] };
    case 'task': {
      const status = [t(`customers.timeline.taskStatus.${item.status}`), item.outcome ? t(`inbox.outcomes.${item.outcome}`) : undefined].filter(Boolean).join(' · ');
      const line = [status, item.status === 'open' ? t('customers.timeline.due', { when: formatWhen(item.dueAt) }) : undefined, item.owner ? t('customers.timeline.owner', { name: item.owner.name }) : undefined]
        .filter(Boolean)
        .join(' · ');
      return {
        tone: 'task',
        title: t('customers.timeline.task', { title: item.title }),
        details: [line, item.journey ? t('customers.timeline.journey', { name: item.journey.name }) : '', item.note ?? ''].filter(Boolean),
        ...(item.script.trim() ? { script: item.script } : {}),
      };
    }
  }
}

/** Titles of the tasks on the timeline, so a "task closed" event can name its task. */
export function taskTitlesOf(timeline: readonly TimelineEntry[]): Map<string, string> {
  return new Map(timeline.flatMap((i) => (i.type === 'task' ? [[i.id, i.title] as const] : [])));
}
