import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { DISPATCHER_LEASE, startDispatcher } from './dispatch.ts';

const tagJourney = line([
  ['start', 'trigger-tag-added', { tags: ['vip'] }],
  ['pause', 'wait', { mode: 'duration', amount: 1, unit: 'days' }],
  ['end', 'exit'],
]);

const until = async (probe: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('dispatchers in several processes', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('lets only the lease holder drain events; a standby takes over when the holder stops', async () => {
    await f.liveJourney(tagJourney);
    const customers = await Promise.all([1, 2, 3].map(() => f.customer()));
    const counted = { a: 0, b: 0 };
    const a = startDispatcher(f.deps, { holder: 'a', leaseMs: 60_000, intervalMs: 10, onDispatched: (n) => (counted.a += n) });
    await until(async () => (await repos(f.db).leases.get(DISPATCHER_LEASE))?.holder === 'a');
    const b = startDispatcher(f.deps, { holder: 'b', leaseMs: 60_000, intervalMs: 10, onDispatched: (n) => (counted.b += n) });
    for (const c of customers) await f.event(c.id, 'tag.added', { tag: 'vip' });
    await until(async () => f.runner.of('start').length === 3 && counted.a === 6);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(counted.b).toBe(0);
    expect(counted.a).toBe(6); // three customer.created, three tag.added
    expect(f.runner.of('start')).toHaveLength(3);

    // A clean stop gives the lease up at once: b drains what comes next.
    await a.stop();
    expect(await repos(f.db).leases.get(DISPATCHER_LEASE)).toBeUndefined();
    const late = await f.customer();
    await f.event(late.id, 'tag.added', { tag: 'vip' });
    // onDispatched reports a batch once it is done, which can be a moment after its journey started.
    await until(async () => f.runner.of('start').length === 4 && counted.b === 2);
    expect(counted.a).toBe(6);
    await b.stop();
  });

  it("takes over a crashed holder's lease once it expires, not before", async () => {
    const leases = repos(f.db).leases;
    const t0 = new Date('2026-03-02T02:00:00Z');
    expect(await leases.acquire(DISPATCHER_LEASE, 'dead', 30_000, t0)).toBe(true);
    expect(await leases.acquire(DISPATCHER_LEASE, 'alive', 30_000, new Date(t0.getTime() + 29_000))).toBe(false);
    // The holder renews its own lease whenever it likes.
    expect(await leases.acquire(DISPATCHER_LEASE, 'dead', 30_000, new Date(t0.getTime() + 29_000))).toBe(true);
    expect(await leases.acquire(DISPATCHER_LEASE, 'alive', 30_000, new Date(t0.getTime() + 58_000))).toBe(false);
    expect(await leases.acquire(DISPATCHER_LEASE, 'alive', 30_000, new Date(t0.getTime() + 60_000))).toBe(true);
    expect(await leases.get(DISPATCHER_LEASE)).toEqual({ holder: 'alive', expires_at: new Date(t0.getTime() + 90_000).toISOString() });
    // A late release by the old holder does not drop the new holder's lease.
    await leases.release(DISPATCHER_LEASE, 'dead');
    expect((await leases.get(DISPATCHER_LEASE))?.holder).toBe('alive');
  });

  it('gives exactly one of two racing processes a free lease', async () => {
    const leases = repos(f.db).leases;
    const now = new Date();
    const wins = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((holder) => leases.acquire('race', holder, 10_000, now)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
