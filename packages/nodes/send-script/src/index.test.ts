import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import sendScript from './index.ts';

const NOW = '2026-03-02T02:00:00.000Z';
const customer = { name: '王小明', stage: 'paid', tags: ['VIP'], properties: { city: '杭州' } };

describe('send-script', () => {
  it('creates a task for the owner with the variables filled in', async () => {
    const script = '{{customer.name}}您好，我是{{owner.name}}。{{customer.properties.city}}的门店上新了，您上次买的{{lastPurchase.product}}（{{lastPurchase.amount}} 元，{{lastPurchase.date}}）用得怎么样？';
    const { result, effects } = await runNode(sendScript, { script, due: { afterMinutes: 30 }, priority: 'high' }, {
      now: NOW,
      customer,
      purchases: [
        { occurredAt: '2026-02-01T10:00:00.000Z', amount: 99, product: '洗面奶' },
        { occurredAt: '2026-02-20T17:00:00.000Z', amount: 299, product: '面霜' },
      ],
    });
    expect(result).toEqual({ next: 'out' });
    expect(effects.tasks).toEqual([
      {
        title: '发送话术',
        script: '王小明您好，我是李销售。杭州的门店上新了，您上次买的面霜（299 元，2026-02-21）用得怎么样？',
        dueAt: new Date('2026-03-02T02:30:00.000Z'),
        priority: 'high',
      },
    ]);
  });

  it('renders missing values and a missing last purchase as empty', async () => {
    const { effects } = await runNode(sendScript, { title: '回访', script: '[{{customer.stage}}][{{owner.name}}][{{lastPurchase.product}}][{{customer.properties.city}}]' }, {
      customer: { stage: null, owner: null, ownerId: null },
    });
    expect(effects.tasks[0]).toMatchObject({ title: '回访', script: '[][][][]', priority: 'normal', dueAt: new Date(NOW) });
  });

  it('moves on even when the engine suppresses the task', async () => {
    const { result, effects } = await runNode(sendScript, { script: '你好' }, { capReached: true });
    expect(result).toEqual({ next: 'out' });
    expect(effects.tasks).toEqual([]);
  });

  it('validates the script through the node type', () => {
    const config = sendScript.config.parse({ script: '{{customer.nmae}}，{{customer.name' });
    expect(sendScript.validate?.(config).map((p) => p.code).sort()).toEqual(['script.unclosed', 'script.unknown-variable']);
  });

  it('bounds the config', () => {
    for (const bad of [{}, { script: '' }, { script: '   ' }, { script: 'x'.repeat(4001) }, { script: 'hi', title: '' }, { script: 'hi', due: { afterMinutes: -1 } }, { script: 'hi', priority: 'urgent' }]) {
      expect(sendScript.config.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
    expect(sendScript.config.parse({ script: 'hi' })).toEqual({ title: '发送话术', script: 'hi', due: { afterMinutes: 0 }, priority: 'normal' });
  });

  it('summarises with the title and the start of the script', () => {
    const config = sendScript.config.parse({ title: '欢迎语', script: '{{customer.name}}您好，欢迎加入我们的会员群！\n每周三有新品。' });
    // Variables read as what they stand for, never as code on the canvas.
    expect(sendScript.summary(config, 'zh-CN')).toBe('欢迎语：【客户姓名】您好，欢迎加入我们的会员群！ 每周三…');
    expect(sendScript.summary(config, 'en')).toBe('欢迎语: [Customer name]您好，欢迎加入我们…');
    // A property by the workspace's label; one it does not define stays as written (the form flags it).
    const names = { stage: () => undefined, property: (key: string, lang: 'zh-CN' | 'en') => (key === 'city' ? (lang === 'en' ? 'City' : '城市') : undefined) };
    const city = sendScript.config.parse({ title: '同城', script: '{{customer.properties.city}}的朋友，{{customer.properties.shoe}}' });
    expect(sendScript.summary(city, 'zh-CN', names)).toBe('同城：【城市】的朋友，{{customer.prope…');
    expect(sendScript.summary(city, 'en', names)).toBe('同城: [City]的朋友，{{customer.pro…');
    expect(sendScript.summary(sendScript.config.parse({ script: '🎉'.repeat(30) }), 'en')).toBe(`发送话术: ${'🎉'.repeat(24)}…`);
  });
});
