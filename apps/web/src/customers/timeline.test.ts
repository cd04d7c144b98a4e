import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { designerStrings } from '../designer/strings.ts';
import { inboxStrings } from '../inbox/strings.ts';
import { customersStrings } from './strings.ts';
import type { NodeLabel, TimelineEntry, Translate } from './timeline.ts';
import { describeItem, nodeName, placeName, shortValue, taskTitlesOf } from './timeline.ts';

const i18n = i18next.createInstance();
await i18n.init({
  resources: Object.fromEntries(
    (['en', 'zh-CN'] as const).map((lang) => [lang, { translation: { customers: customersStrings[lang], inbox: inboxStrings[lang], designer: designerStrings[lang] } }]),
  ),
  lng: 'en',
  interpolation: { escapeValue: false },
});
const tIn = (lang: 'en' | 'zh-CN') => i18n.getFixedT(lang) as unknown as Translate;
const when = (iso: string) => iso.slice(0, 10);
const read = (item: TimelineEntry, lang: 'en' | 'zh-CN' = 'en', titles?: Map<string, string>) => describeItem(item, tIn(lang), lang, when, titles);

const at = '2026-03-02T02:00:00.000Z';
const event = (kind: string, payload: Record<string, unknown>, by: { id: string; name: string } | null = null): TimelineEntry => ({ type: 'event', id: kind, at, kind, payload, by });
const node: NodeLabel = { id: 'n1', type: 'wait', label: '等一天', title: { 'zh-CN': '等待', en: 'Wait' }, category: 'wait', summary: { 'zh-CN': '等待 1 天', en: 'Wait 1 day' } };
const step = (outcome: string, over: Partial<NodeLabel> = {}, port: { 'zh-CN': string; en: string } | null = null): TimelineEntry => ({
  type: 'step',
  id: outcome,
  at,
  enrollmentId: 'e1',
  journey: { id: 'j1', name: 'Welcome' },
  nodeId: 'n1',
  nodeType: over.type ?? node.type,
  node: { ...node, ...over },
  outcome,
  port,
  script: null,
});

describe('customer timeline labels', () => {
  it('reads events in both languages, naming the stage and who did it', () => {
    const by = { id: 'u1', name: '陈运营' };
    expect(read(event('stage.changed', { from: 'unpaid', to: 'paid', source: 'user', userId: 'u1' }, by))).toEqual({ tone: 'stage', title: 'Stage: Unpaid → Paid', details: ['by 陈运营'] });
    expect(read(event('stage.changed', { to: 'paid' }), 'zh-CN').title).toBe('阶段设为 已付费');
    expect(read(event('stage.changed', { to: 'first-visit' })).title).toBe('Stage set to First visit');
    expect(read(event('tag.added', { tag: 'VIP', source: 'journey', journeyId: 'j1' }), 'zh-CN')).toEqual({ tone: 'tag', title: '添加标签：VIP', details: ['由旅程执行'] });
    expect(read(event('tag.removed', { tag: 'VIP' })).title).toBe('Tag removed: VIP');
    expect(read(event('customer.created', { source: 'api' })).details).toEqual(['via the API']);
    expect(read(event('customer.created', { source: '小红书' }), 'zh-CN').details).toEqual(['来源：小红书']);
  });

  it('summarises purchases and closed tasks', () => {
    expect(read(event('purchase', { amount: 299, product: '面霜', orderId: 'A-1' }), 'zh-CN')).toMatchObject({ tone: 'purchase', title: '购买', details: ['面霜 · ¥299.00', '#A-1'] });
    const titles = taskTitlesOf([{ type: 'task', id: 't1', at, title: '问候', script: '', status: 'done', outcome: 'replied', note: null, dueAt: at, completedAt: at, owner: null, journey: null }]);
    expect(read(event('task.completed', { taskId: 't1', status: 'done', outcome: 'replied' }), 'en', titles).details).toEqual(['问候 · Done · Replied']);
    expect(read(event('reply.logged', { taskId: 'gone', status: 'done', outcome: 'replied' }), 'zh-CN')).toMatchObject({ tone: 'reply', title: '客户已回复', details: ['已完成 · 已回复'] });
  });

  it('shows custom and unknown events with their data as short text', () => {
    const custom = read(event('custom', { name: 'webinar', seat: 12, html: '<b>hi</b>', userId: 'x' }));
    expect(custom.title).toBe('Event: webinar');
    expect(custom.details).toEqual(['seat: 12', 'html: <b>hi</b>']);
    expect(read(event('coupon.used', { code: 'X' })).title).toBe('Event: Coupon used');
    expect(shortValue('x'.repeat(200))).toHaveLength(80);
    expect(shortValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('reads journey steps: entering, passing, branching, waiting and leaving', () => {
    const trigger = { type: 'trigger-manual', label: null, category: 'trigger' as const, title: { 'zh-CN': '手动加入', en: 'Manual' }, summary: null };
    expect(read(step('out', trigger))).toEqual({ tone: 'enter', title: 'Entered the journey', details: ['Journey: Welcome'] });
    expect(read(step('wait'), 'zh-CN')).toEqual({ tone: 'wait', title: '等待中：等一天', details: ['等待 1 天', '旅程：Welcome'] });
    // An unnamed wait is named by what it does.
    expect(read(step('wait', { label: null }))).toEqual({ tone: 'wait', title: 'Waiting: Wait 1 day', details: ['Journey: Welcome'] });
    expect(read(step('out')).title).toBe('等一天');
    const branch = { type: 'branch-tag', label: null, category: 'condition' as const, title: { 'zh-CN': '按标签分支', en: 'Branch on tag' }, summary: null };
    expect(read(step('yes', branch, { 'zh-CN': '是', en: 'Yes' })).title).toBe('Branch on tag → Yes');
    expect(read(step('exit:done', { category: 'exit' })).title).toBe('Finished the journey');
    expect(read(step('goal'), 'zh-CN').title).toBe('达成旅程目标，离开旅程');
    expect(read({ type: 'cancelled', id: 'c', at, enrollmentId: 'e1', journey: { id: 'j1', name: 'Welcome' } }).title).toBe('Removed from the journey');
  });

  it('reads tasks with status, outcome, owner and journey', () => {
    const task: TimelineEntry = { type: 'task', id: 't1', at, title: '问候', script: '', status: 'skipped', outcome: 'no-answer', note: '周五再打', dueAt: at, completedAt: at, owner: { id: 'u', name: '李顾问' }, journey: { id: 'j1', name: 'Welcome' } };
    expect(read(task, 'zh-CN')).toEqual({ tone: 'task', title: '待办：问候', details: ['已跳过 · 未回复 · 负责人 李顾问', '旅程：Welcome', '周五再打'] });
    expect(read({ ...task, status: 'open', outcome: null, note: null }).details[0]).toBe('Open · due 2026-03-02 · for 李顾问');
  });

  it('shows a task’s script as the rep got it, and a step that made a task by that text, not its template', () => {
    const task: TimelineEntry = { type: 'task', id: 't1', at, title: '问候', script: '王女士您好，\n面霜到了', status: 'open', outcome: null, note: null, dueAt: at, completedAt: null, owner: null, journey: null };
    expect(read(task, 'zh-CN').script).toBe('王女士您好，\n面霜到了');
    expect(read({ ...task, script: '  ' }).script).toBeUndefined();
    const send = { type: 'send-script', label: null, category: 'action' as const, title: { 'zh-CN': '发送话术', en: 'Send script' }, summary: { 'zh-CN': '问候：{{customer.name}}您好', en: 'Hello: {{customer.name}}' } };
    const made = { ...step('out', send), script: '王女士您好，\n面霜到了' } as TimelineEntry;
    expect(read(made, 'zh-CN').details).toEqual(['王女士您好， 面霜到了', '旅程：Welcome']);
    expect(read(step('out', send), 'zh-CN').details).toEqual(['问候：{{customer.name}}您好', '旅程：Welcome']);
    expect(read({ ...made, script: '很'.repeat(40) } as TimelineEntry).details[0]).toBe(`${'很'.repeat(30)}…`);
  });

  it('names a node by its label, else its type title, else its type; a place to wait by what it does', () => {
    expect(nodeName({ label: null, title: null, type: 'mystery' }, 'en')).toBe('mystery');
    expect(nodeName({ label: null, title: { 'zh-CN': '等待', en: 'Wait' }, type: 'wait' }, 'zh-CN')).toBe('等待');
    expect(placeName({ ...node, label: null }, 'zh-CN')).toBe('等待 1 天');
    expect(placeName({ ...node, label: null, summary: null }, 'en')).toBe('Wait');
  });
});
