import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, failureOf } from '../testing.ts';
import type { Recorder } from './reminders.testing.ts';
import { recordingReminders } from './reminders.testing.ts';

const URL_WITH_KEY = 'https://hooks.example.com/send?key=TOP-SECRET';
const DAY = 86_400_000;

describe('reminders router', () => {
  let f: ApiFixture;
  let rec: Recorder;
  beforeEach(async () => {
    f = await createApiFixture();
    rec = recordingReminders();
    f.deps.reminders = rec.services;
  });
  afterEach(async () => {
    await f.close();
  });

  const configure = (user = f.a.ops) => f.callerAs(user).reminders.updateSettings({ channel: 'record', config: { url: URL_WITH_KEY } });

  describe('channel settings', () => {
    it('stores the channel, never returns its secret, and re-plans every rep of the workspace', async () => {
      expect(await f.callerAs(f.a.admin).reminders.getSettings()).toMatchObject({ channel: null, enabled: false, target: null, channels: [{ id: 'record' }] });
      const saved = await configure();
      expect(saved).toMatchObject({ channel: 'record', enabled: true, secretsSet: ['url'], target: 'hooks.example.com/…', config: { label: '' } });
      expect(JSON.stringify(saved)).not.toContain('TOP-SECRET');
      expect(JSON.stringify(await f.callerAs(f.a.admin).reminders.getSettings())).not.toContain('TOP-SECRET');
      expect(rec.changed.map((c) => c.userId).sort()).toEqual([f.a.admin.id, f.a.ops.id, f.a.sales.id, f.a.sales2.id].sort());
      expect(rec.changed.every((c) => c.workspaceId === f.a.workspace.id)).toBe(true);
    });

    it('keeps the stored secret when an update leaves it out', async () => {
      await configure();
      await f.callerAs(f.a.admin).reminders.updateSettings({ channel: 'record', config: { label: 'sales group' } });
      const row = await repos(f.db).reminders.channel(f.a.workspace.id);
      expect(JSON.parse(row!.config)).toEqual({ url: URL_WITH_KEY, label: 'sales group' });
    });

    it('refuses a bad config naming the field, an unknown channel, and sales reps', async () => {
      const bad = await failureOf(f.callerAs(f.a.ops).reminders.updateSettings({ channel: 'record', config: { url: 'http://plain.example.com' } }));
      expect(bad.code).toBe('BAD_REQUEST');
      expect(bad.cause).toMatchObject({ code: 'reminders.invalid', details: { field: 'config.url' } });
      const unknown = await failureOf(f.callerAs(f.a.ops).reminders.updateSettings({ channel: 'sms', config: {} }));
      expect(unknown.cause).toMatchObject({ code: 'reminders.unknown-channel', details: { field: 'channel' } });
      expect(await codeOf(f.callerAs(f.a.sales).reminders.updateSettings({ channel: 'record', config: { url: URL_WITH_KEY } }))).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(f.a.sales).reminders.getSettings())).toBe('FORBIDDEN');
      expect(await repos(f.db).reminders.channel(f.a.workspace.id)).toBeUndefined();
    });
  });

  describe('my digest settings', () => {
    it('defaults to 09:00 in the workspace zone, and saves what the user picks', async () => {
      const rep = f.callerAs(f.a.sales);
      expect(await rep.reminders.mySettings()).toMatchObject({ enabled: true, time: '09:00', timezone: null, effectiveTimezone: 'Asia/Shanghai', nextAt: null, channelReady: false });
      await configure();
      rec.changed.length = 0;
      const saved = await rep.reminders.updateMySettings({ enabled: true, time: '08:30', timezone: 'America/New_York', locale: 'en', mention: '13800000001' });
      expect(saved).toMatchObject({ enabled: true, time: '08:30', timezone: 'America/New_York', effectiveTimezone: 'America/New_York', locale: 'en', mention: '13800000001', channelReady: true });
      expect(saved.nextAt).toMatch(/T1[23]:30:00\.000Z$/);
      expect(rec.changed).toEqual([{ workspaceId: f.a.workspace.id, userId: f.a.sales.id }]);
      // Another user's settings are untouched.
      expect(await f.callerAs(f.a.sales2).reminders.mySettings()).toMatchObject({ time: '09:00', timezone: null });
    });

    it('refuses a bad time or zone, naming the field', async () => {
      const time = await failureOf(f.callerAs(f.a.sales).reminders.updateMySettings({ enabled: true, time: '9:00' }));
      expect(time.code).toBe('BAD_REQUEST');
      expect(time.cause).toMatchObject({ issues: [expect.objectContaining({ path: ['time'] })] });
      const zone = await failureOf(f.callerAs(f.a.sales).reminders.updateMySettings({ enabled: true, time: '09:00', timezone: 'Mars/Olympus' }));
      expect(zone.cause).toMatchObject({ issues: [expect.objectContaining({ path: ['timezone'] })] });
      expect(await codeOf(f.callerAs(null).reminders.mySettings())).toBe('UNAUTHORIZED');
    });
  });

  describe('sendTest', () => {
    it('says what to do when no channel is set up', async () => {
      expect(await f.callerAs(f.a.admin).reminders.sendTest()).toMatchObject({ delivered: false, reason: 'no-channel', message: { 'zh-CN': expect.stringContaining('Webhook') } });
      expect(rec.sent).toEqual([]);
    });

    it('sends through the saved channel, retrying transient failures, and logs the attempts', async () => {
      await configure();
      rec.script.push('transient', 'transient');
      expect(await f.callerAs(f.a.admin).reminders.sendTest({ locale: 'en' })).toEqual({ delivered: true, attempts: 3 });
      expect(rec.sent).toHaveLength(3);
      expect(rec.sent[0]!.message).toMatchObject({ kind: 'test', title: 'Sopline test message', link: { url: 'https://sopline.example.com/inbox' } });
      const log = await f.callerAs(f.a.ops).reminders.deliveries();
      expect(log).toMatchObject({ total: 1, items: [{ kind: 'test', status: 'delivered', attempts: 3, lastError: null, target: 'hooks.example.com/…' }] });
    });

    it('tests unsaved settings, and reports a permanent failure after one attempt', async () => {
      rec.script.push('permanent');
      const result = await f.callerAs(f.a.admin).reminders.sendTest({ channel: 'record', config: { url: URL_WITH_KEY } });
      expect(result).toMatchObject({ delivered: false, reason: 'failed', attempts: 1, message: { en: expect.stringContaining('HTTP 400') } });
      expect(await repos(f.db).reminders.channel(f.a.workspace.id)).toBeUndefined();
      expect((await f.callerAs(f.a.ops).reminders.deliveries()).items).toMatchObject([{ status: 'failed', attempts: 1, lastError: 'HTTP 400' }]);
      expect(await codeOf(f.callerAs(f.a.sales).reminders.sendTest())).toBe('FORBIDDEN');
    });
  });

  describe('deliveries', () => {
    it('pages newest first, filters by status, and is for managers only', async () => {
      await configure();
      for (let i = 0; i < 3; i += 1) await f.callerAs(f.a.admin).reminders.sendTest();
      rec.script.push('permanent');
      await f.callerAs(f.a.admin).reminders.sendTest();
      const first = await f.callerAs(f.a.ops).reminders.deliveries({ limit: 2 });
      const rest = await f.callerAs(f.a.ops).reminders.deliveries({ limit: 2, offset: 2 });
      expect(first.total).toBe(4);
      expect(new Set([...first.items, ...rest.items].map((d) => d.id)).size).toBe(4);
      expect((await f.callerAs(f.a.ops).reminders.deliveries({ status: 'failed' })).items).toHaveLength(1);
      expect(await codeOf(f.callerAs(f.a.sales).reminders.deliveries())).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(f.a.ops).reminders.deliveries({ limit: 500 }))).toBe('BAD_REQUEST');
    });
  });

  describe('remindRep', () => {
    it("sends the rep their overdue tasks, grouped by script, once per minute", async () => {
      await configure();
      const c1 = await f.customer(f.a.sales, { name: '王小明' });
      const c2 = await f.customer(f.a.sales, { name: '张三' });
      await f.task(c1, { title: '首单回访', due_at: new Date(Date.now() - 2 * DAY).toISOString() });
      await f.task(c2, { title: '首单回访', due_at: new Date(Date.now() - 3 * DAY).toISOString() });
      await f.task(c2, { title: '生日祝福', due_at: new Date(Date.now() + 2 * DAY).toISOString() });
      const manager = f.callerAs(f.a.ops);
      expect(await manager.reminders.remindRep({ userId: f.a.sales.id })).toEqual({ delivered: true, attempts: 1 });
      expect(rec.sent).toHaveLength(1);
      const message = rec.sent[0]!.message;
      expect(message).toMatchObject({ kind: 'remind', title: `${f.a.sales.name}，你有 2 项逾期任务待处理` });
      expect(message.lines.join('\n')).toContain('首单回访（2）');
      expect(message.lines.join('\n')).toContain('王小明');
      expect(message.lines.join('\n')).not.toContain('生日祝福');
      // A double click sends nothing more.
      expect(await manager.reminders.remindRep({ userId: f.a.sales.id })).toMatchObject({ delivered: true, reason: 'recently-reminded' });
      expect(rec.sent).toHaveLength(1);
      expect((await manager.reminders.deliveries({ userId: f.a.sales.id })).items).toMatchObject([{ kind: 'remind', status: 'delivered', user: { id: f.a.sales.id } }]);
    });

    it('explains why nothing was sent: no overdue tasks, no channel, a deactivated rep', async () => {
      const manager = f.callerAs(f.a.admin);
      expect(await manager.reminders.remindRep({ userId: f.a.sales2.id })).toMatchObject({ delivered: false, reason: 'nothing-overdue' });
      const c = await f.customer(f.a.sales2);
      await f.task(c, { due_at: new Date(Date.now() - DAY).toISOString() });
      expect(await manager.reminders.remindRep({ userId: f.a.sales2.id })).toMatchObject({ delivered: false, reason: 'no-channel', message: { en: expect.stringContaining('Settings') } });
      await repos(f.db).users.update(f.a.workspace.id, f.a.sales2.id, { active: false });
      expect(await manager.reminders.remindRep({ userId: f.a.sales2.id })).toMatchObject({ delivered: false, reason: 'inactive' });
      expect(rec.sent).toEqual([]);
    });

    it('is for managers, and only for users of their workspace', async () => {
      await configure();
      expect(await codeOf(f.callerAs(f.a.sales).reminders.remindRep({ userId: f.a.sales2.id }))).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(f.a.ops).reminders.remindRep({ userId: f.b.sales.id }))).toBe('NOT_FOUND');
      expect(await codeOf(f.callerAs(f.a.ops).reminders.remindRep({ userId: '' }))).toBe('BAD_REQUEST');
    });
  });
});
