import type { Db, DeliveryRow } from '@sopline/db';
import { newId, repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { DateTime } from 'luxon';
import { errors } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';
import { composeDigest, composeOverdueReminder, composeTest } from './compose.ts';
import type { DeliverMode, DeliverOutcome } from './deliver.ts';
import { deliver } from './deliver.ts';
import type { ReminderServices } from './ports.ts';
import { localDayRange, nextFireTime } from './schedule.ts';
import { digestOf, resolveChannelConfig } from './settings.ts';

type Deps = { db: Db; reminders?: ReminderServices };

/** The most tasks one message lists; the counts stay exact. */
const MAX_TASKS = 200;
/** A button press retries a little while the user waits. */
const NOW_MODE: DeliverMode = { retries: 'in-process', attempts: 3, initialDelayMs: 500 };

const inboxUrl = (deps: Deps) => (deps.reminders?.publicUrl ? `${deps.reminders.publicUrl.replace(/\/+$/, '')}/inbox` : null);

async function digestContext(db: Db, workspaceId: string, userId: string) {
  const r = repos(db);
  const user = await r.reminders.user(workspaceId, userId);
  const ws = await r.workspaces.get(workspaceId);
  if (!user || !ws) return null;
  const settings = digestOf(await r.reminders.digest(workspaceId, userId));
  const channel = await r.reminders.channel(workspaceId);
  return { user, ws, settings, zone: settings.timezone ?? user.timezone ?? ws.timezone, channelOn: channel?.enabled === 1 };
}

export type DigestPlan = { fireAt: number; localDate: string } | { stop: 'no-user' | 'inactive' | 'disabled' | 'no-channel' };

/** When the rep's next digest is due, after `now` (the workflow's clock); or why there is none. */
export async function planDigest(deps: { db: Db }, input: { workspaceId: string; userId: string; now: number }): Promise<DigestPlan> {
  const c = await digestContext(deps.db, input.workspaceId, input.userId);
  if (!c) return { stop: 'no-user' };
  if (c.user.active !== 1) return { stop: 'inactive' };
  if (!c.settings.enabled) return { stop: 'disabled' };
  if (!c.channelOn) return { stop: 'no-channel' };
  const next = nextFireTime(c.settings.time, c.zone, new Date(input.now));
  return { fireAt: next.at.getTime(), localDate: next.localDate };
}

export const digestKey = (userId: string, localDate: string) => `digest:${userId}:${localDate}`;

export type DigestOutcome = DeliverOutcome | { status: 'skipped'; reason: 'no-user' | 'inactive' | 'disabled' | 'nothing-due' };

/**
 * Sends the rep's digest for `localDate`: open tasks due that day and overdue ones. Once per rep and
 * date (the delivery log's unique key): a repeat finds the row and sends nothing.
 */
export async function sendDigest(deps: Deps, input: { workspaceId: string; userId: string; localDate: string; finalAttempt: boolean }): Promise<DigestOutcome> {
  const c = await digestContext(deps.db, input.workspaceId, input.userId);
  if (!c) return { status: 'skipped', reason: 'no-user' };
  if (c.user.active !== 1) return { status: 'skipped', reason: 'inactive' };
  if (!c.settings.enabled) return { status: 'skipped', reason: 'disabled' };
  const key = digestKey(input.userId, input.localDate);
  const previous = await repos(deps.db).reminders.delivery(input.workspaceId, key);
  if (previous && previous.status !== 'pending') return { status: 'duplicate', deliveryId: previous.id, attempts: previous.attempts, previous: previous.status };
  const day = localDayRange(input.localDate, c.zone);
  const tasks = await repos(deps.db).reminders.openTasksDueBefore(input.workspaceId, input.userId, day.to, MAX_TASKS);
  if (tasks.length === 0 && !previous) return { status: 'skipped', reason: 'nothing-due' };
  const { message, summary } = composeDigest({ repName: c.user.name, tasks, dayStart: day.from, locale: c.settings.locale, inboxUrl: inboxUrl(deps), mention: c.settings.mention, idempotencyKey: key });
  return deliver(deps, { workspaceId: input.workspaceId, userId: input.userId, kind: 'digest', dedupeKey: key, message, summary, mode: { retries: 'caller', finalAttempt: input.finalAttempt } });
}

export type SendResult = { delivered: boolean; reason?: string; message?: Text; attempts?: number };

const REASONS = {
  'no-channel': text('还没有设置通知渠道：请管理员在「设置 → 通知」中选择群机器人 Webhook 或企业微信应用消息', 'No notification channel is set up: an admin chooses a group-robot webhook or WeCom app messages under Settings → Notifications'),
  'nothing-overdue': text('该销售没有逾期任务，无需提醒', 'This rep has no overdue tasks: nothing to remind them of'),
  inactive: text('该用户已停用，无法提醒', 'This user is deactivated and cannot be reminded'),
  'recently-reminded': text('一分钟内已提醒过该销售', 'This rep was reminded less than a minute ago'),
} as const;

function resultOf(outcome: DeliverOutcome): SendResult {
  switch (outcome.status) {
    case 'delivered':
      return { delivered: true, attempts: outcome.attempts };
    case 'duplicate':
      return outcome.previous === 'delivered' ? { delivered: true, reason: 'recently-reminded', message: REASONS['recently-reminded'], attempts: outcome.attempts } : { delivered: false, reason: 'recently-reminded', message: REASONS['recently-reminded'], attempts: outcome.attempts };
    case 'no-channel':
      return { delivered: false, reason: 'no-channel', message: REASONS['no-channel'] };
    case 'failed':
    case 'retry':
      return {
        delivered: false,
        reason: 'failed',
        message: text(`发送失败（已尝试 ${outcome.attempts} 次）：${outcome.error}`, `Sending failed after ${outcome.attempts} attempt(s): ${outcome.error}`),
        attempts: outcome.attempts,
      };
  }
}

/**
 * A manager's "remind now": sends the rep a list of their overdue tasks (due before today in the
 * rep's zone). One per rep per minute, so a double click sends once.
 */
export async function remindRep(deps: Deps, viewer: Viewer, input: { userId: string; now?: Date }): Promise<SendResult> {
  const c = await digestContext(deps.db, viewer.workspaceId, input.userId);
  if (!c) throw errors.notFound('user', input.userId);
  if (c.user.active !== 1) return { delivered: false, reason: 'inactive', message: REASONS.inactive };
  const now = input.now ?? new Date();
  const local = DateTime.fromJSDate(now, { zone: c.zone });
  const tasks = await repos(deps.db).reminders.openTasksDueBefore(viewer.workspaceId, input.userId, local.startOf('day').toUTC().toISO()!, MAX_TASKS);
  if (tasks.length === 0) return { delivered: false, reason: 'nothing-overdue', message: REASONS['nothing-overdue'] };
  if (!c.channelOn) return { delivered: false, reason: 'no-channel', message: REASONS['no-channel'] };
  const manager = await repos(deps.db).users.get(viewer.workspaceId, viewer.userId);
  const key = `remind:${input.userId}:${now.toISOString().slice(0, 16)}`;
  const { message, summary } = composeOverdueReminder({ repName: c.user.name, managerName: manager?.name ?? '', tasks, locale: c.settings.locale, inboxUrl: inboxUrl(deps), mention: c.settings.mention, idempotencyKey: key });
  return resultOf(await deliver(deps, { workspaceId: viewer.workspaceId, userId: input.userId, kind: 'remind', dedupeKey: key, message, summary, mode: NOW_MODE }));
}

/** Sends a test message now, through the stored channel or through unsaved settings (`channel` + `config`). */
export async function sendTestMessage(deps: Deps, viewer: Viewer, input: { channel?: string; config?: Record<string, unknown>; locale?: 'zh-CN' | 'en' } = {}): Promise<SendResult> {
  const ws = await repos(deps.db).workspaces.get(viewer.workspaceId);
  if (!ws) throw errors.notFound('workspace', viewer.workspaceId);
  let override: { id: string; config: unknown } | undefined;
  if (input.channel) {
    const { config } = await resolveChannelConfig(deps, viewer.workspaceId, { channel: input.channel, config: input.config ?? {} });
    override = { id: input.channel, config };
  }
  const key = `test:${newId()}`;
  const { message, summary } = composeTest({ workspaceName: ws.name, locale: input.locale ?? 'zh-CN', inboxUrl: inboxUrl(deps), mention: null, idempotencyKey: key });
  const outcome = await deliver(deps, { workspaceId: viewer.workspaceId, userId: viewer.userId, kind: 'test', dedupeKey: key, message, summary, mode: NOW_MODE, channel: override });
  return resultOf(outcome);
}

export type DeliveryItem = {
  id: string;
  kind: DeliveryRow['kind'];
  user: { id: string; name: string } | null;
  channel: string;
  target: string;
  status: DeliveryRow['status'];
  attempts: number;
  lastError: string | null;
  summary: string;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
};

/** The workspace's delivery log, newest first. */
export async function listDeliveries(deps: { db: Db }, viewer: Viewer, input: { userId?: string; status?: DeliveryRow['status']; limit: number; offset: number }): Promise<{ items: DeliveryItem[]; total: number }> {
  const { rows, total } = await repos(deps.db).reminders.deliveries(viewer.workspaceId, input);
  return {
    total,
    items: rows.map((d) => ({
      id: d.id,
      kind: d.kind,
      user: d.user_id && d.user_name !== null ? { id: d.user_id, name: d.user_name } : null,
      channel: d.channel,
      target: d.target,
      status: d.status,
      attempts: d.attempts,
      lastError: d.last_error,
      summary: d.summary,
      createdAt: d.created_at,
      updatedAt: d.updated_at,
      deliveredAt: d.delivered_at,
    })),
  };
}
