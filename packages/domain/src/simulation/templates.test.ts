import type { Lang } from '@sopline/graph';
import { findTemplate, instantiateTemplate } from '@sopline/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, DAY } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import type { HypotheticalCustomer, SimulatedEventInput } from './simulate.ts';
import { simulateJourney } from './simulate.ts';

// 2026-03-02 is a Monday; 02:00 UTC is 10:00 in Shanghai (the fixture workspace's zone).
const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Each template's journey, walked by the engine's own executors for a hypothetical customer. */
describe('the journey templates, simulated', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await createFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  const simulate = (templateId: string, customer: HypotheticalCustomer, options: { lang?: Lang; params?: unknown; events?: SimulatedEventInput[]; horizonDays?: number } = {}) => {
    const built = instantiateTemplate(findTemplate(templateId)!, options.lang ?? 'zh-CN', options.params);
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    return simulateJourney(f.deps, { workspaceId: f.workspace.id, graph: built.graph, customer: { hypothetical: customer }, events: options.events, start: iso(T0), horizonDays: options.horizonDays });
  };
  const path = (r: Awaited<ReturnType<typeof simulate>>) => r.steps.filter((s) => s.outcome !== 'wait').map((s) => `${s.nodeId}:${s.outcome}`);
  const tasks = (r: Awaited<ReturnType<typeof simulate>>) => r.tasks.map((t) => [t.nodeId, t.dueAt]);

  describe('retail lifecycle', () => {
    it('a customer who never buys hears value first, then an offer, and is tagged dormant after the offer week', async () => {
      const r = await simulate('retail-lifecycle', { name: '王女士' });
      expect(tasks(r)).toEqual([
        ['welcome', iso(T0)],
        ['value', iso(T0 + 2 * DAY)],
        ['offer', iso(T0 + 5 * DAY)],
      ]);
      expect(r.tasks[0]!.script).toMatch(/^王女士您好/);
      expect(path(r).slice(-3)).toEqual(['wait-purchase:timeout', 'tag-dormant:out', 'exit-dormant:exit:dormant']);
      expect(r.end).toEqual({ at: iso(T0 + 12 * DAY), status: 'completed', reason: 'dormant' });
    });

    it('a buyer moves to paid at once, gets the follow-up and add-on, then repeat buyer and KOC advocate', async () => {
      const r = await simulate('retail-lifecycle', { name: '李先生' }, {
        events: [
          { afterDays: 1, kind: 'purchase', payload: { amount: 199, product: '保湿面霜' } },
          { afterDays: 20, kind: 'purchase', payload: { amount: 199, product: '保湿面霜' } },
          { afterDays: 25, kind: 'tag.added', payload: { tag: 'KOC' } },
        ],
      });
      expect(path(r).filter((s) => s.startsWith('stage-'))).toEqual(['stage-unpaid:out', 'stage-paid:out', 'stage-repeat:out', 'stage-advocate:out']);
      expect(tasks(r)).toEqual([
        ['welcome', iso(T0)],
        ['follow-up', iso(T0 + 4 * DAY)],
        ['add-on', iso(T0 + 11 * DAY)],
        ['koc-invite', iso(T0 + 23 * DAY)],
        ['welcome-koc', iso(T0 + 25 * DAY)],
      ]);
      expect(r.tasks[1]!.script).toBe('李先生您好，您买的保湿面霜收到了吗？用了几天感觉怎么样？使用上有任何问题都可以问我，我再教您几个小技巧～');
      expect(r.end).toEqual({ at: iso(T0 + 25 * DAY), status: 'completed', reason: 'advocate' });
    });
  });

  describe('long-cycle B2B', () => {
    it('a reply, then a quote, then a signed order take the lead from consulting to paid', async () => {
      const r = await simulate('b2b-long-cycle', { name: '周总' }, {
        events: [
          { afterDays: 1, kind: 'reply.logged', payload: {} },
          { afterDays: 5, kind: 'tag.added', payload: { tag: '已报价' } },
          { afterDays: 10, kind: 'purchase', payload: { amount: 280000 } },
        ],
      });
      expect(path(r).filter((s) => s.startsWith('stage-'))).toEqual(['stage-consulting:out', 'stage-interested:out', 'stage-considering:out', 'stage-paid:out']);
      expect(tasks(r)).toEqual([
        ['first-reply', iso(T0)],
        ['invite', iso(T0 + 1 * DAY)],
        ['concerns', iso(T0 + 6 * DAY)],
        ['thanks', iso(T0 + 10 * DAY)],
      ]);
      expect(r.end).toMatchObject({ status: 'completed', reason: 'won' });
    });

    it('a silent lead gets one more useful touch, then is tagged for long-term nurturing', async () => {
      const r = await simulate('b2b-long-cycle', { name: 'Ms Lee' }, { lang: 'en' });
      expect(tasks(r)).toEqual([
        ['first-reply', iso(T0)],
        ['case-study', iso(T0 + 2 * DAY)],
      ]);
      expect(r.tasks[0]!.title).toBe('First response');
      expect(path(r).slice(-2)).toEqual(['tag-nurture:out', 'exit-nurture:exit:nurture']);
      expect(r.end.at).toBe(iso(T0 + 9 * DAY));
    });
  });

  describe('new-customer welcome series', () => {
    it('runs the first week on days 0, 1, 3 and 7, and tags those who never order', async () => {
      const r = await simulate('welcome-series', { name: '陈小姐' });
      expect(tasks(r)).toEqual([
        ['welcome', iso(T0)],
        ['introduce', iso(T0 + 1 * DAY)],
        ['tips', iso(T0 + 3 * DAY)],
        ['first-order-gift', iso(T0 + 7 * DAY)],
      ]);
      expect(r.end).toEqual({ at: iso(T0 + 10 * DAY), status: 'completed', reason: 'completed' });
      expect(path(r)).toContain('tag-no-order:out');
    });

    it('the first purchase is the goal: the series ends there', async () => {
      const r = await simulate('welcome-series', { name: '陈小姐' }, { events: [{ afterDays: 2, kind: 'purchase', payload: { amount: 59 } }] });
      expect(tasks(r).map(([node]) => node)).toEqual(['welcome', 'introduce']);
      expect(r.end).toEqual({ at: iso(T0 + 2 * DAY), status: 'exited', reason: 'goal' });
    });
  });

  describe('dormant win-back', () => {
    it('checks in about what a past buyer bought, offers a coupon, and exits on the purchase goal', async () => {
      const r = await simulate('dormant-win-back', { name: '赵女士', tags: ['沉睡'], purchases: [{ daysAgo: 120, amount: 329, product: '修护精华' }] }, {
        events: [{ afterDays: 4, kind: 'purchase', payload: { amount: 329, product: '修护精华' } }],
      });
      expect(tasks(r)).toEqual([
        ['check-in-buyer', iso(T0)],
        ['coupon', iso(T0 + 3 * DAY)],
      ]);
      expect(r.tasks[0]!.script).toContain('您之前买的修护精华用得怎么样');
      expect(r.end).toEqual({ at: iso(T0 + 4 * DAY), status: 'exited', reason: 'goal' });
    });

    it('a customer who stays silent moves from dormant to churned after the coupon expires', async () => {
      const r = await simulate('dormant-win-back', { name: 'Sam', tags: ['dormant'] }, { lang: 'en' });
      expect(tasks(r)).toEqual([
        ['check-in', iso(T0)],
        ['coupon', iso(T0 + 3 * DAY)],
        ['reminder', iso(T0 + 8 * DAY)],
      ]);
      expect(path(r).slice(-3)).toEqual(['untag-dormant:out', 'tag-churned:out', 'exit-churned:exit:churned']);
      expect(r.end).toEqual({ at: iso(T0 + 10 * DAY), status: 'completed', reason: 'churned' });
    });
  });

  describe('birthday care', () => {
    it("sends the heads-up N days before and the wishes on the birthday, in the customer's own timezone", async () => {
      // New York is on daylight time (UTC−4) from 8 March 2026.
      const r = await simulate('birthday-care', { name: 'Amy', timezone: 'America/New_York', properties: { dob: '1990-03-20' }, tags: ['VIP'] }, {
        lang: 'en',
        params: { property: 'dob', daysBefore: 5 },
        horizonDays: 60,
      });
      expect(tasks(r)).toEqual([
        ['heads-up', '2026-03-15T14:00:00.000Z'],
        ['wishes-vip', '2026-03-20T13:30:00.000Z'],
      ]);
      expect(r.tasks[1]!.script).toBe("Happy birthday, Amy! 🎂 Thank you for your continued support — we've prepared a special birthday gift for you and it's on its way, so keep an eye out for it. Wishing you health and every success in the year ahead!");
      // Then round again: next year's heads-up is past the horizon.
      expect(r.end).toEqual({ at: iso(T0 + 60 * DAY), status: 'waiting', reason: 'horizon' });
    });

    it('greets a non-VIP in Shanghai at 09:30 local, year after year, and lets a customer without a birthday go', async () => {
      const r = await simulate('birthday-care', { name: '孙先生', properties: { birthday: '03-10' } }, { horizonDays: 400 });
      expect(tasks(r)).toEqual([
        ['heads-up', '2026-03-07T02:00:00.000Z'],
        ['wishes', '2026-03-10T01:30:00.000Z'],
        ['heads-up', '2027-03-07T02:00:00.000Z'],
        ['wishes', '2027-03-10T01:30:00.000Z'],
      ]);
      const none = await simulate('birthday-care', { name: '孙先生' });
      expect(none.tasks).toEqual([]);
      expect(none.end).toMatchObject({ at: iso(T0), status: 'completed', reason: 'no-birthday' });
    });
  });

  describe('repurchase-cycle revisit', () => {
    const params = { cycleDays: 30, fraction: 0.8, product: '玻尿酸面膜' };
    const buyer: HypotheticalCustomer = { name: '吴女士', purchases: [{ daysAgo: 0, amount: 99, product: '玻尿酸面膜' }] };

    it('revisits at fraction × cycle after the purchase, then makes an offer, then tags the customer lapsed', async () => {
      const r = await simulate('repurchase-revisit', buyer, { params });
      expect(tasks(r)).toEqual([
        ['revisit', iso(T0 + 24 * DAY)],
        ['offer', iso(T0 + 37 * DAY)],
      ]);
      expect(r.tasks[0]!.script).toBe('吴女士您好，您上次买的玻尿酸面膜差不多快用完了吧？需要的话我帮您提前备一份，老客回购有专属优惠，也免得用完了着急～');
      expect(r.end).toEqual({ at: iso(T0 + 42 * DAY), status: 'completed', reason: 'lapsed' });
    });

    it('a repurchase restarts the cycle from that order; other products do not', async () => {
      const r = await simulate('repurchase-revisit', buyer, {
        params,
        events: [
          { afterDays: 5, kind: 'purchase', payload: { amount: 20, product: '洁面乳' } },
          { afterDays: 10, kind: 'purchase', payload: { amount: 99, product: '玻尿酸面膜' } },
        ],
        horizonDays: 40,
      });
      expect(path(r).slice(0, 3)).toEqual(['trigger:out', 'wait-cycle:matched', 'tag-repeat:out']);
      expect(tasks(r)).toEqual([['revisit', iso(T0 + 34 * DAY)]]);
    });

    it('with any product, a half-yearly revisit of a yearly product names the last order and its date', async () => {
      const r = await simulate('repurchase-revisit', { name: 'Kim', purchases: [{ daysAgo: 0, amount: 1200, product: 'Annual service plan' }] }, {
        lang: 'en',
        params: { cycleDays: 365, fraction: 0.5 },
        horizonDays: 200,
      });
      expect(tasks(r)).toEqual([['revisit', iso(T0 + 183 * DAY)]]);
      expect(r.tasks[0]!.script).toBe("Hi Kim, you must be running low on the Annual service plan you bought on 2026-03-02. Shall I set one aside for you? Returning customers get a special price, and you won't be caught short.");
    });
  });
});
