import type { ChannelMessage, DeliveryResult } from '@sopline/channel-sdk';
import { defineChannel } from '@sopline/channel-sdk';
import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Fixture } from '../testing.ts';
import { createFixture } from '../testing.ts';
import { createChannelRegistry } from './channels.ts';
import type { ReminderServices } from './ports.ts';
import { updateChannelSettings, updateDigestSettings } from './settings.ts';
import { planDigest, sendDigest } from './use-cases.ts';

describe('the daily digest: plan, send once per local date, retry through the caller', () => {
  let f: Fixture;
  let sent: ChannelMessage[];
  let script: DeliveryResult[];
  let services: ReminderServices;
  beforeEach(async () => {
    f = await createFixture({ workspace: { timezone: 'Asia/Shanghai' } });
    sent = [];
    script = [];
    const channel = defineChannel({
      id: 'memory',
      name: { 'zh-CN': '内存', en: 'Memory' },
      description: { 'zh-CN': '测试', en: 'Test' },
      configSchema: z.object({ to: z.string() }),
      send: async (message) => {
        sent.push(message);
        return script.shift() ?? { ok: true };
      },
      target: (c) => c.to,
    });
    services = { channels: createChannelRegistry([channel]), scheduler: null, publicUrl: 'https://sopline.example.com/' };
  });
  afterEach(async () => {
    await f.close();
  });

  const manager = () => ({ workspaceId: f.workspace.id, userId: f.rep.id, role: 'admin' as const });
  const rep = () => ({ workspaceId: f.workspace.id, userId: f.rep.id, role: 'sales' as const });
  const deps = () => ({ db: f.db, reminders: services });
  const task = async (title: string, dueAt: string, status: 'open' | 'done' = 'open') => {
    const c = await f.customer({ name: `${title}-客户` });
    const row = await repos(f.db).tasks.insert({ workspace_id: f.workspace.id, customer_id: c.id, owner_id: f.rep.id, enrollment_id: null, journey_id: null, node_id: null, visit: null, title, script: 'hi', priority: 'normal', due_at: dueAt });
    if (status === 'done') await repos(f.db).tasks.close(row.id, { status: 'done', outcome: 'replied', note: null });
  };

  it('plans nothing until a channel is on and the digest is enabled, then the next 09:00 in the rep zone', async () => {
    const now = Date.parse('2026-03-02T03:00:00Z'); // 11:00 in Shanghai
    expect(await planDigest(deps(), { workspaceId: f.workspace.id, userId: f.rep.id, now })).toEqual({ stop: 'no-channel' });
    await updateChannelSettings(deps(), manager(), { channel: 'memory', config: { to: 'group' } });
    expect(await planDigest(deps(), { workspaceId: f.workspace.id, userId: f.rep.id, now })).toEqual({ fireAt: Date.parse('2026-03-03T01:00:00Z'), localDate: '2026-03-03' });
    await updateDigestSettings(deps(), rep(), { enabled: true, time: '09:00', timezone: 'America/New_York' });
    expect(await planDigest(deps(), { workspaceId: f.workspace.id, userId: f.rep.id, now })).toEqual({ fireAt: Date.parse('2026-03-02T14:00:00Z'), localDate: '2026-03-02' });
    await updateDigestSettings(deps(), rep(), { enabled: false, time: '09:00' });
    expect(await planDigest(deps(), { workspaceId: f.workspace.id, userId: f.rep.id, now })).toEqual({ stop: 'disabled' });
  });

  it("lists the local day's and overdue open tasks, and never sends the same date twice", async () => {
    await updateChannelSettings(deps(), manager(), { channel: 'memory', config: { to: 'group' } });
    await task('今天', '2026-03-02T06:00:00Z'); // 14:00 on the 2nd in Shanghai
    await task('逾期', '2026-02-28T06:00:00Z');
    await task('明天', '2026-03-02T17:00:00Z'); // 01:00 on the 3rd in Shanghai
    await task('已完成', '2026-03-02T05:00:00Z', 'done');
    const first = await sendDigest(deps(), { workspaceId: f.workspace.id, userId: f.rep.id, localDate: '2026-03-02', finalAttempt: false });
    expect(first).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'digest', title: '李销售，今日任务 1 项，另有逾期 1 项', link: { url: 'https://sopline.example.com/inbox' }, idempotencyKey: `digest:${f.rep.id}:2026-03-02` });
    expect(sent[0]!.lines).toEqual(['**今日**', '- 今天（1）：今天-客户', '**逾期**', '- 逾期（1）：逾期-客户']);
    const again = await sendDigest(deps(), { workspaceId: f.workspace.id, userId: f.rep.id, localDate: '2026-03-02', finalAttempt: false });
    expect(again).toMatchObject({ status: 'duplicate', previous: 'delivered' });
    expect(sent).toHaveLength(1);
    const row = await repos(f.db).reminders.delivery(f.workspace.id, `digest:${f.rep.id}:2026-03-02`);
    expect(row).toMatchObject({ kind: 'digest', status: 'delivered', attempts: 1, target: 'group', summary: '李销售，今日任务 1 项，另有逾期 1 项' });
  });

  it('a transient failure asks the caller to retry; the final attempt marks the row failed', async () => {
    await updateChannelSettings(deps(), manager(), { channel: 'memory', config: { to: 'group' } });
    await task('今天', '2026-03-02T06:00:00Z');
    script.push({ ok: false, permanent: false, error: 'HTTP 503 from https://x.test/hook?key=SECRET' }, { ok: false, permanent: false, error: 'HTTP 503' });
    const input = { workspaceId: f.workspace.id, userId: f.rep.id, localDate: '2026-03-02', finalAttempt: false };
    expect(await sendDigest(deps(), input)).toMatchObject({ status: 'retry', attempts: 1 });
    const pending = await repos(f.db).reminders.delivery(f.workspace.id, `digest:${f.rep.id}:2026-03-02`);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending!.last_error).not.toContain('SECRET');
    expect(await sendDigest(deps(), { ...input, finalAttempt: true })).toMatchObject({ status: 'failed', attempts: 2, permanent: false });
    expect(await sendDigest(deps(), input)).toMatchObject({ status: 'duplicate', previous: 'failed' });
    expect(sent).toHaveLength(2);
  });

  it('skips a day with nothing due, and a permanent failure is final at once', async () => {
    await updateChannelSettings(deps(), manager(), { channel: 'memory', config: { to: 'group' } });
    expect(await sendDigest(deps(), { workspaceId: f.workspace.id, userId: f.rep.id, localDate: '2026-03-02', finalAttempt: false })).toEqual({ status: 'skipped', reason: 'nothing-due' });
    await task('今天', '2026-03-02T06:00:00Z');
    script.push({ ok: false, permanent: true, error: 'HTTP 400' });
    expect(await sendDigest(deps(), { workspaceId: f.workspace.id, userId: f.rep.id, localDate: '2026-03-02', finalAttempt: false })).toMatchObject({ status: 'failed', permanent: true, attempts: 1 });
    expect(sent).toHaveLength(1);
  });

  it('two senders racing on one digest: one sends, the other stands down', async () => {
    await updateChannelSettings(deps(), manager(), { channel: 'memory', config: { to: 'group' } });
    await task('今天', '2026-03-02T06:00:00Z');
    const input = { workspaceId: f.workspace.id, userId: f.rep.id, localDate: '2026-03-02', finalAttempt: false };
    const outcomes = await Promise.all([sendDigest(deps(), input), sendDigest(deps(), input)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['delivered', 'duplicate']);
    expect(sent).toHaveLength(1);
    expect(await repos(f.db).reminders.delivery(f.workspace.id, `digest:${f.rep.id}:2026-03-02`)).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
