import type { NewWorkspace } from '@sopline/db';
import { repos } from '@sopline/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, DAY, line, MINUTE } from '../testing.ts';
import type { Fixture } from '../testing.ts';

// The engine's own rules, seen through a run of steps: the logical clock, quiet hours and the
// frequency cap apply to every task a node creates, whatever the node.
const iso = (ms: number) => new Date(ms).toISOString();

const scriptJourney = (afterMinutes: number) =>
  line(
    [
      ['start', 'trigger-manual'],
      ['hello', 'send-script', { title: '问候', script: '{{customer.name}} 您好', due: { afterMinutes } }],
      ['end', 'exit'],
    ],
    { reentry: 'always' },
  );

describe('engine rules inside runSteps', () => {
  let f: Fixture;
  afterEach(async () => {
    await f.close();
  });

  async function setup(workspace: Partial<NewWorkspace>, afterMinutes = 0) {
    f = await createFixture({ workspace });
    const journeyId = await f.liveJourney(scriptJourney(afterMinutes));
    const customer = await f.customer();
    /** Enrols the customer again and runs it at `now`; returns the customer's tasks afterwards. */
    const runAt = async (now: number, customerId = customer.id) => {
      const { enrollmentId } = await f.enrol(journeyId, customerId);
      const outcome = await f.step(enrollmentId, now, { kind: 'start' });
      expect(outcome).toMatchObject({ done: true, status: 'completed' });
      return { enrollmentId, tasks: await repos(f.db).tasks.ofCustomer(customerId), steps: await repos(f.db).enrollments.steps(enrollmentId) };
    };
    return { customer, runAt };
  }

  it('reasons with the logical now, not the wall clock', async () => {
    const { runAt } = await setup({}, 45);
    const now = Date.parse('2031-07-15T03:17:00Z');
    const { enrollmentId, tasks, steps } = await runAt(now);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ due_at: iso(now + 45 * MINUTE), node_id: 'hello', visit: 2, owner_id: f.rep.id, priority: 'normal', title: '问候', enrollment_id: enrollmentId });
    expect(tasks[0]?.script).toMatch(/^客户1 您好$/);
    expect(steps.map((s) => s.at)).toEqual([iso(now), iso(now), iso(now)]);
    expect((await f.enrollment(enrollmentId)).ended_at).toBe(iso(now));
  });

  describe('quiet hours 21:00–09:00 Asia/Shanghai', () => {
    const quiet = { timezone: 'Asia/Shanghai', quietStart: '21:00', quietEnd: '09:00' };

    it('moves a task due at night to the end of the window (next morning)', async () => {
      const { runAt } = await setup(quiet);
      const { tasks } = await runAt(Date.parse('2026-03-02T14:00:00Z')); // 22:00 local
      expect(tasks.map((t) => t.due_at)).toEqual(['2026-03-03T01:00:00.000Z']); // 09:00 next day
    });

    it('moves a task that the delay pushes into the window, and leaves a daytime task alone', async () => {
      const { runAt } = await setup(quiet, 30);
      const night = await runAt(Date.parse('2026-03-02T12:45:00Z')); // 20:45 + 30 min = 21:15 local
      expect(night.tasks.map((t) => t.due_at)).toEqual(['2026-03-03T01:00:00.000Z']);
      const day = Date.parse('2026-03-03T04:00:00Z'); // 12:00 local
      const { tasks } = await runAt(day);
      expect(tasks.map((t) => t.due_at)).toContain(iso(day + 30 * MINUTE));
    });

    it('before midnight and after midnight both land on the same morning', async () => {
      const { runAt } = await setup(quiet);
      await runAt(Date.parse('2026-03-02T20:30:00Z')); // 04:30 local on the 3rd
      const { tasks } = await runAt(Date.parse('2026-03-02T15:59:00Z')); // 23:59 local on the 2nd
      expect(tasks.map((t) => t.due_at)).toEqual(['2026-03-03T01:00:00.000Z', '2026-03-03T01:00:00.000Z']);
    });
  });

  describe('frequency cap', () => {
    const monday10 = Date.parse('2026-03-02T02:00:00Z'); // Monday 10:00 Shanghai

    it('capPerDay 1 suppresses a second task the same local day, but the customer still moves on', async () => {
      const { runAt, customer } = await setup({ capPerDay: 1 });
      await runAt(monday10);
      const second = await runAt(monday10 + 10 * 3_600_000); // 20:00 the same local day
      expect(second.tasks).toHaveLength(1);
      // The node still ran: its step is recorded and the journey went on to the exit.
      expect(second.steps.map((s) => [s.node_id, s.outcome])).toEqual([
        ['start', 'out'],
        ['hello', 'out'],
        ['end', 'exit:completed'],
      ]);
      // Another customer is not capped by this one.
      const other = await f.customer();
      expect((await runAt(monday10 + 60 * MINUTE, other.id)).tasks).toHaveLength(1);
      // 00:30 the next local day (16:30Z the same UTC day) is a new day.
      const next = await runAt(Date.parse('2026-03-02T16:30:00Z'), customer.id);
      expect(next.tasks).toHaveLength(2);
    });

    it('counts a task in the day it falls due after quiet hours moved it', async () => {
      const { runAt } = await setup({ capPerDay: 1, quietStart: '21:00', quietEnd: '09:00' });
      await runAt(monday10);
      // 22:00 Monday → due 09:00 Tuesday: not Monday's quota.
      const late = await runAt(Date.parse('2026-03-02T14:00:00Z'));
      expect(late.tasks.map((t) => t.due_at)).toEqual([iso(monday10), '2026-03-03T01:00:00.000Z']);
      // Tuesday 10:00: Tuesday already has the moved task.
      const tuesday = await runAt(monday10 + DAY);
      expect(tuesday.tasks).toHaveLength(2);
    });

    it('capPerWeek 1 suppresses a second task in the same ISO week, and allows one the next week', async () => {
      const { runAt } = await setup({ capPerWeek: 1 });
      await runAt(monday10);
      const wednesday = await runAt(monday10 + 2 * DAY);
      expect(wednesday.tasks).toHaveLength(1);
      expect(wednesday.steps.map((s) => s.node_id)).toEqual(['start', 'hello', 'end']);
      const sunday = await runAt(monday10 + 6 * DAY + 13 * 3_600_000); // Sunday 23:00 local
      expect(sunday.tasks).toHaveLength(1);
      const nextMonday = await runAt(monday10 + 7 * DAY);
      expect(nextMonday.tasks.map((t) => t.due_at)).toEqual([iso(monday10), iso(monday10 + 7 * DAY)]);
    });
  });
});
