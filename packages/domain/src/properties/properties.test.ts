import { repos } from '@sopline/db';
import type { JourneyGraphInput } from '@sopline/graph';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journeysReadingProperty } from '../journeys/references.ts';
import { publishJourney } from '../journeys/publish.ts';
import { createJourneyFromTemplate } from '../journeys/templates.ts';
import { createCustomerAs } from '../customers/edit.ts';
import { upsertCustomers } from '../customers/upsert.ts';
import { createFixture, graph } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import type { Viewer } from '../users/viewer.ts';
import { saveProperties, workspaceProperties } from './properties.ts';

let f: Fixture;
let ops: Viewer;
beforeEach(async () => {
  f = await createFixture();
  const user = await repos(f.db).users.create({ workspaceId: f.workspace.id, email: 'ops@example.com', name: '运营', role: 'ops' });
  ops = { workspaceId: f.workspace.id, userId: user.id, role: 'ops' };
});
afterEach(async () => {
  await f.close();
});

/** Publishes a draft as the designer would, returning the problems publishing found (none: published). */
async function publishDraft(g: JourneyGraphInput): Promise<Array<{ code: string; nodeId?: string; path?: unknown[]; en: string }>> {
  const journey = await repos(f.db).journeys.create({ workspaceId: f.workspace.id, name: 'J', graph: g });
  try {
    await publishJourney(f.deps, { workspaceId: f.workspace.id, journeyId: journey.id });
    return [];
  } catch (err) {
    const problems = (err as { problems?: Array<{ code: string; nodeId?: string; path?: unknown[]; message: { en: string } }> }).problems ?? [];
    return problems.map((p) => ({ code: p.code, nodeId: p.nodeId, path: p.path, en: p.message.en }));
  }
}

const waitOn = (property: string) =>
  graph([
    ['start', 'trigger-manual', {}],
    ['wait', 'wait', { mode: 'date-property', property, offsetDays: 0, time: '10:00', yearly: true }],
    ['hello', 'send-script', { title: '问候', script: '{{customer.name}}，{{customer.properties.城市}}天气好吗？' }],
    ['won', 'set-stage', { stage: 'vip' }],
    ['done', 'exit', {}],
  ], [
    ['start', 'out', 'wait'],
    ['wait', 'out', 'hello'],
    ['wait', 'missing', 'done'],
    ['hello', 'out', 'won'],
    ['won', 'out', 'done'],
  ]);

describe('customer properties', () => {
  it('start from birthday and the keys customers already carry, typed from their values', async () => {
    await f.customer({ properties: { 城市: '杭州', 积分: 120, 入会日: '2024-03-01' } });
    await f.customer({ properties: { 城市: '广州', 积分: '80', 入会日: '2025-01-09' } });
    const list = await workspaceProperties(f.db, f.workspace.id);
    expect(list.map((p) => [p.key, p.type, p.builtIn])).toEqual([
      ['birthday', 'date', true],
      ['入会日', 'date', false],
      ['城市', 'text', false],
      ['积分', 'number', false],
    ]);
  });

  it('let a journey be published only when every property and stage it names is defined, with the right type', async () => {
    const problems = await publishDraft(waitOn('城市'));
    expect(problems).toEqual([
      { code: 'property.unknown', nodeId: 'wait', path: ['property'], en: expect.stringContaining('"城市" is not defined') },
      { code: 'property.unknown', nodeId: 'hello', path: ['script'], en: expect.stringContaining('"城市" is not defined') },
      { code: 'stage.unknown', nodeId: 'won', path: ['stage'], en: expect.stringContaining('"vip"') },
    ]);
    await saveProperties(f, ops, [{ key: 'birthday', type: 'date', label: { 'zh-CN': '生日', en: 'Birthday' } }, { key: '城市', type: 'text', label: { 'zh-CN': '城市', en: 'City' } }], async () => []);
    await repos(f.db).stages.addMissing([{ workspace_id: f.workspace.id, code: 'vip', label_zh: '会员', label_en: 'VIP', position: 9, created_at: new Date().toISOString() }]);
    // A date wait needs a date property: 城市 is text.
    expect(await publishDraft(waitOn('城市'))).toEqual([{ code: 'property.type', nodeId: 'wait', path: ['property'], en: expect.stringContaining('needs a date property') }]);
    expect(await publishDraft(waitOn('birthday'))).toEqual([]);
  });

  it('keep birthday, and refuse to drop or retype what a live journey reads', async () => {
    const list = [
      { key: 'birthday', type: 'date' as const, label: { 'zh-CN': '生日', en: 'Birthday' } },
      { key: '城市', type: 'text' as const, label: { 'zh-CN': '城市', en: 'City' } },
    ];
    await saveProperties(f, ops, list, async () => []);
    await repos(f.db).stages.addMissing([{ workspace_id: f.workspace.id, code: 'vip', label_zh: '会员', label_en: 'VIP', position: 9, created_at: new Date().toISOString() }]);
    expect(await publishDraft(waitOn('birthday'))).toEqual([]);
    const readers = (key: string) => journeysReadingProperty(f.deps, f.db, f.workspace.id, key);
    expect(await readers('城市')).toEqual(['J']);
    await expect(saveProperties(f, ops, [list[0]!], readers)).rejects.toMatchObject({ code: 'property.in-use' });
    await expect(saveProperties(f, ops, [list[0]!, { ...list[1]!, type: 'number' }], readers)).rejects.toMatchObject({ code: 'property.in-use' });
    await expect(saveProperties(f, ops, [list[1]!], readers)).rejects.toMatchObject({ code: 'property.built-in' });
    await expect(saveProperties(f, ops, [list[0]!, list[1]!, list[1]!], readers)).rejects.toMatchObject({ code: 'property.duplicate', details: { field: 'properties.2.key' } });
    await expect(saveProperties(f, ops, [list[0]!, { ...list[1]!, key: 'a.b' }], readers)).rejects.toThrow();
    // Relabelling is fine.
    const saved = await saveProperties(f, ops, [list[0]!, { ...list[1]!, label: { 'zh-CN': '所在城市', en: 'Home city' } }], readers);
    expect(saved.map((p) => p.label['zh-CN'])).toEqual(['生日', '所在城市']);
  });

  it('hold values of their type on every API; keys not declared are kept as they come', async () => {
    const results = await upsertCustomers(f, {
      workspaceId: f.workspace.id,
      items: [
        { phone: '13800000001', properties: { birthday: 'tomorrow' } },
        { phone: '13800000002', properties: { birthday: '1990-05-04', 随便: 1 } },
      ],
    });
    expect(results.map((r) => r.status)).toEqual(['rejected', 'created']);
    expect(results[0]).toMatchObject({ errors: [{ path: 'properties.birthday', message: expect.stringContaining('is a date') }] });
    await expect(createCustomerAs(f, ops, { name: '王', phone: '13800000003', properties: { birthday: 5 } })).rejects.toMatchObject({ code: 'property.type', details: { field: 'properties.birthday' } });
  });

  it('come with a template: its stages and its date property join the workspace, so it publishes', async () => {
    const journey = await createJourneyFromTemplate(f.deps, { workspaceId: f.workspace.id, name: 'B2B', templateId: 'b2b-long-cycle', lang: 'zh-CN', userId: null });
    await publishJourney(f.deps, { workspaceId: f.workspace.id, journeyId: journey.id });
    const care = await createJourneyFromTemplate(f.deps, { workspaceId: f.workspace.id, name: '生日', templateId: 'birthday-care', lang: 'zh-CN', params: { property: 'dob' }, userId: null });
    await publishJourney(f.deps, { workspaceId: f.workspace.id, journeyId: care.id });
    expect((await workspaceProperties(f.db, f.workspace.id)).find((p) => p.key === 'dob')).toMatchObject({ type: 'date' });
  });
});
