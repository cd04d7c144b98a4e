import { repos } from '@sopline/db';
import type { TaskRow } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { dispatchPending } from '../events/dispatch.ts';
import { counts, createFixture, graph, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { closeTask, snoozeTask } from './tasks.ts';

const T0 = Date.parse('2026-03-02T02:00:00Z');

describe('closeTask and snoozeTask', () => {
  let f: Fixture;
  let task: TaskRow;
  let journeyId: string;

  beforeEach(async () => {
    f = await createFixture();
    journeyId = await f.liveJourney(line([['start', 'trigger-manual'], ['hello', 'send-script', { script: '您好' }], ['pause', 'wait', {}], ['end', 'exit']]));
    const customer = await f.customer();
    const { enrollmentId } = await f.enrol(journeyId, customer.id);
    await f.step(enrollmentId, T0, { kind: 'start' });
    const tasks = await repos(f.db).tasks.ofCustomer(customer.id);
    expect(tasks).toHaveLength(1);
    task = tasks[0]!;
  });
  afterEach(async () => {
    await f.close();
  });

  const close = (input: Partial<Parameters<typeof closeTask>[1]> = {}) => closeTask(f.deps, { workspaceId: f.workspace.id, taskId: task.id, status: 'done', ...input });
  const taskEvents = async () => (await repos(f.db).events.ofCustomer(task.customer_id)).filter((e) => e.kind === 'task.completed' || e.kind === 'reply.logged');

  it("done with outcome 'replied' records task.completed and reply.logged", async () => {
    const closed = await close({ outcome: 'replied', note: '客户说下周来店' });
    expect(closed).toMatchObject({ id: task.id, status: 'done', outcome: 'replied', note: '客户说下周来店' });
    expect(closed.completed_at).not.toBeNull();
    const events = await taskEvents();
    expect(events.map((e) => e.kind).sort()).toEqual(['reply.logged', 'task.completed']);
    for (const e of events) {
      expect(e.payload).toEqual({ taskId: task.id, status: 'done', outcome: 'replied', journeyId });
      expect(e.dispatched_at).toBeNull(); // the dispatcher will wake journeys waiting for a reply
    }
  });

  it('another outcome, or a skip, records task.completed only', async () => {
    const skipped = await close({ status: 'skipped', outcome: 'no-answer' });
    expect(skipped).toMatchObject({ status: 'skipped', outcome: 'no-answer' });
    expect((await taskEvents()).map((e) => [e.kind, e.payload.status, e.payload.outcome])).toEqual([['task.completed', 'skipped', 'no-answer']]);
  });

  it('closing twice is refused with task.closed and records nothing more', async () => {
    await close({ outcome: 'replied' });
    const before = await counts(f.db);
    const error = await close({ outcome: 'bought' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'task.closed' });
    expect(await counts(f.db)).toEqual(before);
    expect((await repos(f.db).tasks.get(f.workspace.id, task.id))?.outcome).toBe('replied');
  });

  it('refuses a task of another workspace as not found', async () => {
    const other = await repos(f.db).workspaces.create({ name: 'Other', timezone: 'UTC' });
    await expect(closeTask(f.deps, { workspaceId: other.id, taskId: task.id, status: 'done' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await repos(f.db).tasks.get(f.workspace.id, task.id))?.status).toBe('open');
  });

  it('snooze moves due_at (and records snoozed_until)', async () => {
    const now = new Date(T0 + 60_000);
    const until = new Date(T0 + 3 * 3_600_000);
    const snoozed = await snoozeTask(f.deps, { workspaceId: f.workspace.id, taskId: task.id, until, now });
    expect(snoozed).toMatchObject({ due_at: until.toISOString(), snoozed_until: until.toISOString(), status: 'open' });
    expect(task.due_at).toBe(new Date(T0).toISOString());
  });

  it('snooze into the past (or to now) is refused with task.snooze-past and changes nothing', async () => {
    const now = new Date(T0 + 3_600_000);
    for (const until of [new Date(T0), now]) {
      await expect(snoozeTask(f.deps, { workspaceId: f.workspace.id, taskId: task.id, until, now })).rejects.toMatchObject({ name: 'DomainError', code: 'task.snooze-past' });
    }
    expect((await repos(f.db).tasks.get(f.workspace.id, task.id))?.due_at).toBe(task.due_at);
  });

  it('a closed task cannot be snoozed', async () => {
    await close();
    await expect(snoozeTask(f.deps, { workspaceId: f.workspace.id, taskId: task.id, until: new Date(Date.now() + 3_600_000) })).rejects.toMatchObject({ code: 'task.closed' });
  });

  it('a logged reply wakes the journey that waits for it, through the dispatcher', async () => {
    const replyJourney = await f.liveJourney(
      graph(
        [
          ['start', 'trigger-manual'],
          ['ask', 'send-script', { script: '方便聊聊吗？' }],
          ['waitReply', 'wait-for-event', { event: { kind: 'reply.logged' } }],
          ['end', 'exit'],
        ],
        [
          ['start', 'out', 'ask'],
          ['ask', 'out', 'waitReply'],
          ['waitReply', 'matched', 'end'],
          ['waitReply', 'timeout', 'end'],
        ],
      ),
    );
    const customer = await f.customer();
    const { enrollmentId, workflowId } = await f.enrol(replyJourney, customer.id);
    await f.step(enrollmentId, T0, { kind: 'start' });
    await dispatchPending(f.deps);
    const ask = (await repos(f.db).tasks.ofCustomer(customer.id))[0]!;
    await closeTask(f.deps, { workspaceId: f.workspace.id, taskId: ask.id, status: 'done', outcome: 'replied' });
    expect(await dispatchPending(f.deps)).toEqual({ dispatched: 2, failed: null });
    const reply = (await repos(f.db).events.ofCustomer(customer.id, 'reply.logged'))[0]!;
    expect(f.runner.of('signalEvent')).toEqual([{ method: 'signalEvent', workflowId, enrollmentId, eventId: reply.id }]);
  });
});
