import type { Receiver } from '@sopline/channel-sdk/testkit';
import { startReceiver } from '@sopline/channel-sdk/testkit';
import { repos } from '@sopline/db';
import type { ReminderServices } from '@sopline/domain';
import { nextFireTime, updateChannelSettings, updateDigestSettings } from '@sopline/domain';
import { bundleReminderWorkflows, createRemindersWorker, digestWorkflowId, loadChannels, sweepDigests, temporalDigestScheduler } from '@sopline/reminders-worker';
import type { Worker } from '@temporalio/worker';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Harness } from '../support/harness.ts';
import { createHarness } from '../support/harness.ts';

const HOUR = 3_600_000;
const ZONE = 'America/New_York';

/**
 * The daily digest end to end: the real digest workflow and worker on Temporal's time-skipping test
 * server, the real webhook channel posting to a local HTTP receiver, and a real SQLite file.
 */
describe('daily digest at 09:00 in the rep zone', () => {
  let h: Harness;
  let receiver: Receiver;
  let native: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let reminders: ReminderServices;
  const digests = () => receiver.requests.filter((r) => r.method === 'POST');
  const newcomers: string[] = [];

  beforeAll(async () => {
    h = await createHarness({ server: 'time-skipping', workspace: { timezone: 'Asia/Shanghai' } });
    receiver = await startReceiver();
    reminders = {
      channels: await loadChannels(),
      // Retries 1 s, then 2 s apart (30 s in production), so the retry test needs no time skipping.
      scheduler: temporalDigestScheduler(h.client, { taskQueue: h.taskQueue, retryInitialIntervalMs: 1_000 }),
      publicUrl: 'https://sopline.example.com',
    };
    native = await NativeConnection.connect({ address: inject('temporalTimeSkippingAddress') });
    worker = await createRemindersWorker({ connection: native, taskQueue: h.taskQueue, deps: { db: h.db, reminders }, bundle: await bundleReminderWorkflows() });
    running = worker.run();
  });
  afterAll(async () => {
    for (const userId of [h?.rep.id, ...newcomers]) {
      await h?.client.workflow
        .getHandle(digestWorkflowId({ workspaceId: h.workspace.id, userId: userId! }))
        .terminate('test over')
        .catch(() => {});
    }
    worker?.shutdown();
    await running;
    await native?.close();
    await receiver?.close();
    await h?.close();
  });

  const deps = () => ({ db: h.db, reminders });
  const rep = () => ({ workspaceId: h.workspace.id, userId: h.rep.id, role: 'sales' as const });
  const handle = () => h.client.workflow.getHandle(digestWorkflowId({ workspaceId: h.workspace.id, userId: h.rep.id }));
  const timersStarted = async () => ((await handle().fetchHistory()).events ?? []).filter((e) => e.timerStartedEventAttributes).length;
  const task = async (title: string, customer: string, dueAt: Date) => {
    const c = await h.customer({ name: customer });
    await repos(h.db).tasks.insert({ workspace_id: h.workspace.id, customer_id: c.id, owner_id: h.rep.id, enrollment_id: null, journey_id: null, node_id: null, visit: null, title, script: '您好', priority: 'normal', due_at: dueAt.toISOString() });
  };
  const delivery = (localDate: string, userId = h.rep.id) => repos(h.db).reminders.delivery(h.workspace.id, `digest:${userId}:${localDate}`);
  /** Skips the server clock to just past `at`, once the workflow sleeps on timer number `timers`. */
  const skipPast = async (at: Date, timers: number) => {
    await h.until(`digest timer #${timers}`, async () => (await timersStarted()) >= timers);
    await h.skip(at.getTime() - (await h.serverNow()).getTime() + 60_000);
  };

  let first: { at: Date; localDate: string };

  it("sends exactly one POST with the rep's tasks for today, and logs it delivered", async () => {
    await updateDigestSettings(deps(), rep(), { enabled: true, time: '09:00', timezone: ZONE });
    const now = await h.serverNow();
    first = nextFireTime('09:00', ZONE, now);
    await task('首单回访', '王小明', new Date(first.at.getTime() + 2 * HOUR));
    await task('首单回访', '张三', new Date(first.at.getTime() + 5 * HOUR));
    await task('生日祝福', '李四', new Date(first.at.getTime() + HOUR));
    await task('沉睡唤醒', '赵六', new Date(first.at.getTime() - 3 * 24 * HOUR));
    await task('下周回访', '孙七', new Date(first.at.getTime() + 3 * 24 * HOUR));
    // Configuring the channel (re)starts the rep's schedule through the scheduler.
    await updateChannelSettings(deps(), { workspaceId: h.workspace.id, userId: h.rep.id, role: 'admin' }, { channel: 'webhook', config: { url: `${receiver.url}/cgi-bin/webhook/send?key=SECRET-KEY` } });

    await skipPast(first.at, 1);
    await h.until('the digest POST', async () => digests().length >= 1);
    await h.until('the delivery row', async () => (await delivery(first.localDate))?.status === 'delivered');
    expect(digests()).toHaveLength(1);
    const body = digests()[0]!.json as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content.split('\n')).toEqual([
      '**李销售，今日任务 3 项，另有逾期 1 项**',
      '**今日**',
      '- 首单回访（2）：王小明、张三',
      '- 生日祝福（1）：李四',
      '**逾期**',
      '- 沉睡唤醒（1）：赵六',
      '[打开今日任务](https://sopline.example.com/inbox)',
    ]);
    expect(digests()[0]!.path).toBe('/cgi-bin/webhook/send?key=SECRET-KEY');
    const row = await delivery(first.localDate);
    expect(row).toMatchObject({ kind: 'digest', status: 'delivered', attempts: 1, last_error: null, channel: 'webhook' });
    expect(row!.target).not.toContain('SECRET-KEY');
  });

  it('a receiver that fails twice is retried by Temporal: delivered on the third attempt', async () => {
    const before = digests().length;
    receiver.answer((n) => (n <= before + 2 ? { status: 500, body: 'upstream down' } : { status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    const second = nextFireTime('09:00', ZONE, first.at);
    await skipPast(second.at, 2);
    await h.until('the third attempt to be delivered', async () => (await delivery(second.localDate))?.status === 'delivered', 60_000);
    expect(digests().length - before).toBe(3);
    expect(await delivery(second.localDate)).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
    // Yesterday's tasks are now overdue; the day's list is the same three plus the old one.
    expect((digests().at(-1)!.json as { markdown: { content: string } }).markdown.content).toContain('另有逾期 4 项');
  });

  it('no second digest for the same local date, even when the time moves later that day', async () => {
    const sent = digests().length;
    const second = nextFireTime('09:00', ZONE, first.at);
    const timers = await timersStarted();
    // 20:00 the same day: the workflow re-plans for today, then finds today's digest already delivered.
    await updateDigestSettings(deps(), rep(), { enabled: true, time: '20:00', timezone: ZONE });
    const evening = nextFireTime('20:00', ZONE, second.at);
    expect(evening.localDate).toBe(second.localDate);
    await skipPast(evening.at, timers + 1);
    // It goes back to sleep until tomorrow evening: by then the send (a duplicate) has been decided.
    await h.until('the next timer', async () => (await timersStarted()) >= timers + 2);
    expect(digests()).toHaveLength(sent);
    expect(await delivery(second.localDate)).toMatchObject({ status: 'delivered', attempts: 3 });
    const log = await repos(h.db).reminders.deliveries(h.workspace.id, { limit: 10, offset: 0 });
    expect(log.rows.map((r) => r.dedupe_key).sort()).toEqual([`digest:${h.rep.id}:${first.localDate}`, `digest:${h.rep.id}:${second.localDate}`].sort());
  });

  it('the sweep starts a schedule for a rep added later, once, however often it runs', async () => {
    const newcomer = await h.repos.users.create({ workspaceId: h.workspace.id, email: 'new-rep@example.com', name: '新销售', role: 'sales' });
    newcomers.push(newcomer.id);
    const id = digestWorkflowId({ workspaceId: h.workspace.id, userId: newcomer.id });
    await expect(h.client.workflow.getHandle(id).describe()).rejects.toThrow();
    const repRun = (await handle().describe()).runId;
    expect(await sweepDigests(h.db, reminders.scheduler!)).toBe(2);
    const first = await h.client.workflow.getHandle(id).describe();
    expect(first.status.name).toBe('RUNNING');
    await sweepDigests(h.db, reminders.scheduler!);
    const again = await h.client.workflow.getHandle(id).describe();
    expect(again.runId).toBe(first.runId);
    // The original rep's schedule is the same run as before the sweep, not a restart.
    const rep = await handle().describe();
    expect([rep.status.name, rep.runId]).toEqual(['RUNNING', repRun]);
  });

  it('continues as new after its rounds, and the next run sends the next day', async () => {
    // A scheduler whose runs last one round, so the second digest comes from a new run.
    const shortRuns = temporalDigestScheduler(h.client, { taskQueue: h.taskQueue, retryInitialIntervalMs: 1_000, roundsPerRun: 1 });
    const short = await h.repos.users.create({ workspaceId: h.workspace.id, email: 'short-runs@example.com', name: '短跑销售', role: 'sales' });
    newcomers.push(short.id);
    const viewer = { workspaceId: h.workspace.id, userId: short.id, role: 'sales' as const };
    await updateDigestSettings({ db: h.db, reminders: { ...reminders, scheduler: null } }, viewer, { enabled: true, time: '07:00', timezone: 'Asia/Shanghai' });
    const c = await h.customer({ name: '长期客户', ownerId: short.id });
    const day1 = nextFireTime('07:00', 'Asia/Shanghai', await h.serverNow());
    const day2 = nextFireTime('07:00', 'Asia/Shanghai', day1.at);
    for (const day of [day1, day2]) {
      await repos(h.db).tasks.insert({ workspace_id: h.workspace.id, customer_id: c.id, owner_id: short.id, enrollment_id: null, journey_id: null, node_id: null, visit: null, title: `回访-${day.localDate}`, script: '您好', priority: 'normal', due_at: new Date(day.at.getTime() + HOUR).toISOString() });
    }
    const mine = () => digests().filter((r) => JSON.stringify(r.json).includes('短跑销售'));
    const id = digestWorkflowId(viewer);
    await shortRuns.changed(viewer);
    const firstRun = (await h.client.workflow.getHandle(id).describe()).runId;
    const timers = async () => ((await h.client.workflow.getHandle(id).fetchHistory()).events ?? []).filter((e) => e.timerStartedEventAttributes).length;

    await h.until('the first timer', async () => (await timers()) >= 1);
    await h.skip(day1.at.getTime() - (await h.serverNow()).getTime() + 60_000);
    await h.until('day 1 delivered', async () => (await delivery(day1.localDate, short.id))?.status === 'delivered');
    // The run ended by continuing as new; the new run plans day 2.
    await h.until('a new run', async () => (await h.client.workflow.getHandle(id).describe()).runId !== firstRun);
    await h.until('the new run’s timer', async () => (await timers()) >= 1);
    await h.skip(day2.at.getTime() - (await h.serverNow()).getTime() + 60_000);
    await h.until('day 2 delivered', async () => (await delivery(day2.localDate, short.id))?.status === 'delivered');
    expect(mine()).toHaveLength(2);
    expect(JSON.stringify(mine()[1]!.json)).toContain(`回访-${day2.localDate}`);
    const first = await h.client.workflow.getHandle(id, firstRun).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
  });
});
