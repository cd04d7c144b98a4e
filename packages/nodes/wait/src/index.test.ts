import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import wait from './index.ts';

// The testkit's clock: Monday 2 March 2026, 10:00 in Asia/Shanghai.
const NOW = '2026-03-02T02:00:00.000Z';

async function until(config: unknown, options: Parameters<typeof runNode>[2] = {}) {
  const { result } = await runNode(wait, config, { now: NOW, ...options });
  if (!('wait' in result)) throw new Error(`expected a wait, got ${JSON.stringify(result)}`);
  expect(result.wait.onTimeout).toBe('out');
  return result.wait.until?.toISOString();
}

describe('wait: duration', () => {
  it('defaults a fresh node to one day', async () => {
    expect(wait.config.parse({})).toEqual({ mode: 'duration', amount: 1, unit: 'days' });
    expect(await until({})).toBe('2026-03-03T02:00:00.000Z');
  });

  it('adds minutes, hours, days and weeks', async () => {
    expect(await until({ amount: 90, unit: 'minutes' })).toBe('2026-03-02T03:30:00.000Z');
    expect(await until({ amount: 2, unit: 'hours' })).toBe('2026-03-02T04:00:00.000Z');
    expect(await until({ amount: 3, unit: 'days' })).toBe('2026-03-05T02:00:00.000Z');
    expect(await until({ amount: 2, unit: 'weeks' })).toBe('2026-03-16T02:00:00.000Z');
  });

  it('keeps the wall-clock time across a DST change', async () => {
    // 10:00 EST on Saturday; the clocks go forward on Sunday 8 March 2026.
    const at = await until({ amount: 1, unit: 'days' }, { now: '2026-03-07T15:00:00.000Z', timezone: 'America/New_York' });
    expect(at).toBe('2026-03-08T14:00:00.000Z');
  });

  it('falls back to UTC for an unknown zone', async () => {
    expect(await until({ amount: 1 }, { timezone: 'Mars/Olympus' })).toBe('2026-03-03T02:00:00.000Z');
  });

  it('rejects out-of-range amounts and unknown units', () => {
    for (const bad of [{ amount: 0 }, { amount: 3651 }, { amount: 1.5 }, { unit: 'months' }, { mode: 'forever' }]) {
      expect(wait.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('summarises in both languages', () => {
    expect(wait.summary(wait.config.parse({ amount: 3 }), 'zh-CN')).toBe('等待 3 天');
    expect(wait.summary(wait.config.parse({ amount: 3 }), 'en')).toBe('Wait 3 days');
    expect(wait.summary(wait.config.parse({ amount: 1, unit: 'hours' }), 'en')).toBe('Wait 1 hour');
  });
});

describe('wait: weekday and time', () => {
  const cfg = (weekdays: number[], time: string) => ({ mode: 'weekday-time', weekdays, time });

  it('waits strictly after now: this very moment means next week', async () => {
    expect(await until(cfg([1], '10:00'))).toBe('2026-03-09T02:00:00.000Z');
    expect(await until(cfg([1], '10:30'))).toBe('2026-03-02T02:30:00.000Z');
  });

  it('picks the nearest of several weekdays, Sunday being 7', async () => {
    expect(await until(cfg([5, 3], '09:00'))).toBe('2026-03-04T01:00:00.000Z');
    expect(await until(cfg([7], '20:00'))).toBe('2026-03-08T12:00:00.000Z');
  });

  it('reads the weekday and time in the customer timezone', async () => {
    // 02:00 on Monday in London.
    expect(await until(cfg([1], '10:00'), { timezone: 'Europe/London' })).toBe('2026-03-02T10:00:00.000Z');
  });

  it('rejects weekdays outside 1..7 and malformed times', () => {
    for (const bad of [cfg([0], '10:00'), cfg([8], '10:00'), cfg([], '10:00'), cfg([1], '24:00'), cfg([1], '9:30')]) {
      expect(wait.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('summarises', () => {
    expect(wait.summary(wait.config.parse(cfg([3, 1], '10:00')), 'zh-CN')).toBe('等到周一、周三 10:00');
    expect(wait.summary(wait.config.parse(cfg([3, 1], '10:00')), 'en')).toBe('Wait until Mon, Wed at 10:00');
  });
});

describe('wait: date property', () => {
  const birthday = (value: unknown, extra: Record<string, unknown> = {}) => ({
    config: { mode: 'date-property', property: 'birthday', ...extra },
    options: { customer: { properties: value === undefined ? {} : { birthday: value } } },
  });
  const run = async (value: unknown, extra: Record<string, unknown> = {}) => {
    const { config, options } = birthday(value, extra);
    return (await runNode(wait, config, { now: NOW, ...options })).result;
  };
  const at = async (value: unknown, extra: Record<string, unknown> = {}) => {
    const { config, options } = birthday(value, extra);
    return until(config, options);
  };

  it('names the date by the workspace’s label for the property, its key where it has none', () => {
    const config = wait.config.parse({ mode: 'date-property', property: 'anniversary', offsetDays: -3, time: '10:00', yearly: true });
    const names = { stage: () => undefined, property: (key: string, lang: 'zh-CN' | 'en') => (key === 'anniversary' ? (lang === 'en' ? 'Membership anniversary' : '入会纪念日') : undefined) };
    expect(wait.summary(config, 'zh-CN', names)).toBe('等到「入会纪念日」前 3 天 10:00（每年）');
    expect(wait.summary(config, 'en', names)).toBe('Wait until 3 days before Membership anniversary, 10:00 (yearly)');
    expect(wait.summary(config, 'zh-CN')).toBe('等到「anniversary」前 3 天 10:00（每年）');
  });

  it('waits until three days before this year’s birthday at 10:00 local time', async () => {
    expect(await at('1990-05-17', { offsetDays: -3 })).toBe('2026-05-14T02:00:00.000Z');
  });

  it('moves to next year once this year’s date has passed', async () => {
    expect(await at('1990-02-10')).toBe('2027-02-10T02:00:00.000Z');
  });

  it('celebrates 29 February on the 28th in other years', async () => {
    expect(await at('1992-02-29')).toBe('2027-02-28T02:00:00.000Z');
  });

  it('lets an offset reach across the year boundary in both directions', async () => {
    expect(await at('1990-01-10', { offsetDays: -20 })).toBe('2026-12-21T02:00:00.000Z');
    // Last year's 31 December + 300 days is still ahead of now.
    expect(await at('12-31', { offsetDays: 300 })).toBe('2026-10-27T02:00:00.000Z');
  });

  it('accepts a year-less date and an ISO date-time (read in the customer zone)', async () => {
    expect(await at('05-17', { time: '09:30' })).toBe('2026-05-17T01:30:00.000Z');
    expect(await at('2026-04-01T20:00:00Z', { yearly: false })).toBe('2026-04-02T02:00:00.000Z');
  });

  it('waits for a one-off future date and offset', async () => {
    expect(await at('2026-04-01', { yearly: false, offsetDays: -7 })).toBe('2026-03-25T02:00:00.000Z');
  });

  it('takes the missing exit when the date is absent, unreadable, year-less or past for a one-off date', async () => {
    for (const [value, extra] of [
      [undefined, {}],
      ['', {}],
      ['not a date', {}],
      ['1990-13-40', {}],
      [19900517, {}],
      ['05-17', { yearly: false }],
      ['2025-12-01', { yearly: false }],
    ] as const) {
      expect(await run(value, extra), JSON.stringify(value)).toEqual({ next: 'missing' });
    }
  });

  it('offers the missing port only in this mode', () => {
    expect(wait.ports(wait.config.parse({ mode: 'date-property', property: 'birthday' })).map((p) => p.id)).toEqual(['out', 'missing']);
    expect(wait.ports(wait.config.parse({})).map((p) => p.id)).toEqual(['out']);
  });

  it('bounds the offset and requires a property name', () => {
    for (const bad of [{ property: '' }, { property: 'birthday', offsetDays: 366 }, { property: 'birthday', offsetDays: -366 }]) {
      expect(wait.config.safeParse({ mode: 'date-property', ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('summarises', () => {
    const config = wait.config.parse({ mode: 'date-property', property: 'birthday', offsetDays: -3 });
    expect(wait.summary(config, 'zh-CN')).toBe('等到「birthday」前 3 天 10:00（每年）');
    expect(wait.summary(config, 'en')).toBe('Wait until 3 days before birthday, 10:00 (yearly)');
  });
});
