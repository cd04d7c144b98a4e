import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import waitForEvent from './index.ts';

describe('wait-for-event', () => {
  it('waits for the event until the timeout, with one exit for each', async () => {
    const { result, effects } = await runNode(waitForEvent, { event: { kind: 'purchase', product: '面霜' }, timeout: { amount: 7, unit: 'days' } }, { now: '2026-03-02T02:00:00.000Z' });
    expect(result).toEqual({
      wait: { until: new Date('2026-03-09T02:00:00.000Z'), onTimeout: 'timeout', event: { kind: 'purchase', product: '面霜' }, onEvent: 'matched' },
    });
    expect(effects.tasks).toEqual([]);
  });

  it('converts every timeout unit', async () => {
    const expected = { minutes: '2026-03-02T02:30:00.000Z', hours: '2026-03-03T08:00:00.000Z', weeks: '2026-05-25T02:00:00.000Z' };
    for (const [unit, amount] of [['minutes', 30], ['hours', 30], ['weeks', 12]] as const) {
      const { result } = await runNode(waitForEvent, { timeout: { amount, unit } }, { now: '2026-03-02T02:00:00.000Z' });
      expect('wait' in result && result.wait.until?.toISOString()).toBe(expected[unit]);
    }
  });

  it('defaults to a purchase within 7 days', () => {
    expect(waitForEvent.config.parse({})).toEqual({ event: { kind: 'purchase' }, timeout: { amount: 7, unit: 'days' } });
  });

  it('has the matched and timeout ports', () => {
    expect(waitForEvent.ports(waitForEvent.config.parse({})).map((p) => p.id)).toEqual(['matched', 'timeout']);
  });

  it('rejects unknown kinds, empty filters and unbounded timeouts', () => {
    for (const bad of [{ event: { kind: 'visit' } }, { event: { kind: 'tag.added', tag: '' } }, { timeout: { amount: 0 } }, { timeout: { amount: 3651 } }, { timeout: { amount: 2, unit: 'years' } }]) {
      expect(waitForEvent.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('summarises the event, its filter and the timeout', () => {
    const plain = waitForEvent.config.parse({});
    expect(waitForEvent.summary(plain, 'zh-CN')).toBe('等待购买，最长 7 天');
    expect(waitForEvent.summary(plain, 'en')).toBe('Wait for a purchase, up to 7 days');
    const tagged = waitForEvent.config.parse({ event: { kind: 'tag.added', tag: 'VIP' }, timeout: { amount: 1, unit: 'weeks' } });
    expect(waitForEvent.summary(tagged, 'zh-CN')).toBe('等待添加标签 VIP，最长 1 周');
    expect(waitForEvent.summary(tagged, 'en')).toBe('Wait for tag VIP to be added, up to 1 week');
    const bought = waitForEvent.config.parse({ event: { kind: 'purchase', product: '面霜', minAmount: 100 }, timeout: { amount: 3, unit: 'days' } });
    expect(waitForEvent.summary(bought, 'zh-CN')).toBe('等待购买（商品 面霜，金额 ≥ ¥100），最长 3 天');
    expect(waitForEvent.summary(bought, 'en')).toBe('Wait for a purchase (product 面霜, amount ≥ ¥100), up to 3 days');
    const staged = waitForEvent.config.parse({ event: { kind: 'stage.changed', stage: 'paid' }, timeout: { amount: 3, unit: 'days' } });
    expect(waitForEvent.summary(staged, 'zh-CN')).toBe('等待阶段变为「paid」，最长 3 天');
    const names = { stage: (code: string, lang: 'zh-CN' | 'en') => (code === 'paid' ? (lang === 'en' ? 'Paid' : '已付费') : undefined), property: () => undefined };
    expect(waitForEvent.summary(staged, 'zh-CN', names)).toBe('等待阶段变为「已付费」，最长 3 天');
    expect(waitForEvent.summary(staged, 'en', names)).toBe('Wait for stage to become Paid, up to 3 days');
  });
});

describe('wait-for-event listens for its event kind', () => {
  it('tells the engine which kind to pass on to a run heading for it', () => {
    const config = waitForEvent.config.parse({ event: { kind: 'reply.logged' } });
    expect(waitForEvent.listensFor?.(config)).toEqual(['reply.logged']);
  });
});
