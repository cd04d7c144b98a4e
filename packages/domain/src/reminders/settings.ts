import type { AnyChannelDefinition } from '@sopline/channel-sdk';
import type { ChannelSettingsRow, Db, DigestSettingsRow, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { issueText, text } from '@sopline/graph';
import { z } from 'zod';
import { DomainError, errors } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';
import type { ReminderServices } from './ports.ts';
import { isTimeZone, LOCAL_TIME, nextFireTime } from './schedule.ts';

export const DigestSettingsInput = z.object({
  enabled: z.boolean(),
  time: z.string().refine((s) => LOCAL_TIME.test(s), { message: 'A time as HH:mm, e.g. 09:00', params: { zh: '请填写时间，例如 09:00' } }),
  /** null: the workspace's time zone. */
  timezone: z.string().trim().min(1).max(64).refine(isTimeZone, { message: 'Not a time zone: pick one from the list, e.g. Asia/Shanghai', params: { zh: '不是有效的时区：请从列表中选择，例如 Asia/Shanghai' } }).nullable().default(null),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  /** A mobile number the channel @mentions (a WeCom group robot notifies that member). */
  mention: z.string().trim().refine((s) => /^\+?\d{5,20}$/.test(s), { message: 'A mobile number, digits only', params: { zh: '手机号只能是数字' } }).nullable().default(null),
});
export type DigestSettingsInput = z.input<typeof DigestSettingsInput>;

export const ChannelSettingsInput = z.object({
  channel: z.string().trim().min(1).max(64),
  enabled: z.boolean().default(true),
  /** The channel's own config; a secret field left out (or empty) keeps the stored value. */
  config: z.record(z.string(), z.unknown()),
});
export type ChannelSettingsInput = z.input<typeof ChannelSettingsInput>;

export const DIGEST_DEFAULTS = { enabled: true, time: '09:00', timezone: null, locale: 'zh-CN', mention: null } as const;

export type DigestSettings = {
  enabled: boolean;
  time: string;
  timezone: string | null;
  locale: 'zh-CN' | 'en';
  mention: string | null;
  /** The zone the time is read in (the person's clock — their own zone, else the workspace's — when `timezone` is null). */
  effectiveTimezone: string;
  /** When the next digest goes out, or null when it is off or no channel is set up. */
  nextAt: string | null;
  channelReady: boolean;
  /** The workspace's channel (e.g. 'webhook', 'wecom-app'), null when none is set up. */
  channel: string | null;
};

export function digestOf(row: DigestSettingsRow | undefined): Omit<DigestSettings, 'effectiveTimezone' | 'nextAt' | 'channelReady' | 'channel'> {
  if (!row) return { ...DIGEST_DEFAULTS };
  return { enabled: row.enabled === 1, time: row.local_time, timezone: row.timezone, locale: row.locale, mention: row.mention };
}

// The field rides along in `details`, for the UI to show the words next to it; the words never name it.
const invalid = (field: string, words: Text) => new DomainError('reminders.invalid', words, [], { field });
const unknownChannel = (id: string) =>
  new DomainError('reminders.unknown-channel', text(`未安装通知渠道「${id}」`, `No notification channel "${id}" is installed`), [], { field: 'channel' });

async function workspaceOf(db: Db, workspaceId: string): Promise<Workspace> {
  const ws = await repos(db).workspaces.get(workspaceId);
  if (!ws) throw errors.notFound('workspace', workspaceId);
  return ws;
}

/** A user's digest settings, with the zone in force and the time of the next digest. */
export async function getDigestSettings(deps: { db: Db }, viewer: Viewer, input: { now?: Date } = {}): Promise<DigestSettings> {
  const r = repos(deps.db).reminders;
  const ws = await workspaceOf(deps.db, viewer.workspaceId);
  const settings = digestOf(await r.digest(viewer.workspaceId, viewer.userId));
  const channel = await r.channel(viewer.workspaceId);
  const channelReady = channel?.enabled === 1;
  const user = await repos(deps.db).users.get(viewer.workspaceId, viewer.userId);
  // The digest's own zone if one was set, else the person's clock (theirs, else the workspace's).
  const zone = settings.timezone ?? user?.timezone ?? ws.timezone;
  const nextAt = settings.enabled && channelReady ? nextFireTime(settings.time, zone, input.now ?? new Date()).at.toISOString() : null;
  return { ...settings, effectiveTimezone: zone, nextAt, channelReady, channel: channel?.channel ?? null };
}

/** Saves the signed-in user's digest settings and tells the scheduler. */
export async function updateDigestSettings(deps: { db: Db; reminders?: ReminderServices }, viewer: Viewer, input: DigestSettingsInput): Promise<DigestSettings> {
  const parsed = DigestSettingsInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.path.join('.') || 'settings', issueText(issue));
  }
  const s = parsed.data;
  await repos(deps.db).reminders.saveDigest({
    user_id: viewer.userId,
    workspace_id: viewer.workspaceId,
    enabled: s.enabled ? 1 : 0,
    local_time: s.time,
    timezone: s.timezone,
    locale: s.locale,
    mention: s.mention,
  });
  await notifyScheduler(deps, [{ workspaceId: viewer.workspaceId, userId: viewer.userId }]);
  return getDigestSettings(deps, viewer);
}

/** Best effort: a scheduler that is down now is caught up by the worker's periodic sweep. */
async function notifyScheduler(deps: { reminders?: ReminderServices }, targets: Array<{ workspaceId: string; userId: string }>): Promise<void> {
  const scheduler = deps.reminders?.scheduler;
  if (!scheduler) return;
  await Promise.allSettled(targets.map((t) => scheduler.changed(t)));
}

export type ChannelSettingsView = {
  channel: string | null;
  enabled: boolean;
  /** The config with secret fields removed. */
  config: Record<string, unknown>;
  /** Secret fields that hold a stored value (the UI shows them as "saved, hidden"). */
  secretsSet: string[];
  /** Where messages go, with secrets masked. */
  target: string | null;
  updatedAt: string | null;
  channels: Array<{ id: string; name: { 'zh-CN': string; en: string }; description: { 'zh-CN': string; en: string }; secretFields: string[] }>;
};

function storedConfig(row: ChannelSettingsRow | undefined): Record<string, unknown> {
  if (!row) return {};
  try {
    const value = JSON.parse(row.config) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function targetOf(def: AnyChannelDefinition | undefined, config: Record<string, unknown>): string | null {
  if (!def) return null;
  const parsed = def.configSchema.safeParse(config);
  return parsed.success ? def.target(parsed.data) : null;
}

function channelsOf(services: ReminderServices | undefined): ChannelSettingsView['channels'] {
  return (services?.channels.list() ?? []).map((c) => ({ id: c.id, name: c.name, description: c.description, secretFields: [...(c.secretFields ?? [])] }));
}

export async function getChannelSettings(deps: { db: Db; reminders?: ReminderServices }, viewer: Viewer): Promise<ChannelSettingsView> {
  const row = await repos(deps.db).reminders.channel(viewer.workspaceId);
  const def = row ? deps.reminders?.channels.get(row.channel) : undefined;
  const config = storedConfig(row);
  const secrets = new Set<string>(def?.secretFields ?? []);
  const visible = Object.fromEntries(Object.entries(config).filter(([k]) => !secrets.has(k)));
  return {
    channel: row?.channel ?? null,
    enabled: row?.enabled === 1,
    config: visible,
    secretsSet: [...secrets].filter((k) => config[k] !== undefined && config[k] !== null && config[k] !== ''),
    target: targetOf(def, config),
    updatedAt: row?.updated_at ?? null,
    channels: channelsOf(deps.reminders),
  };
}

/**
 * The channel config to use: the input's fields over the stored ones for secret fields left out
 * (so the browser never needs the stored webhook key), validated by the channel's own schema.
 * Problems name the field as `config.<field>`.
 */
export async function resolveChannelConfig(deps: { db: Db; reminders?: ReminderServices }, workspaceId: string, input: { channel: string; config: Record<string, unknown> }): Promise<{ def: AnyChannelDefinition; config: unknown }> {
  const def = deps.reminders?.channels.get(input.channel);
  if (!def) throw unknownChannel(input.channel);
  const row = await repos(deps.db).reminders.channel(workspaceId);
  const stored = row?.channel === input.channel ? storedConfig(row) : {};
  const raw: Record<string, unknown> = { ...input.config };
  for (const field of def.secretFields ?? []) {
    if ((raw[field] === undefined || raw[field] === '') && stored[field] !== undefined) raw[field] = stored[field];
  }
  const parsed = def.configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ['config', ...issue.path.map(String)].join('.');
    throw invalid(field, issueText(issue));
  }
  return { def, config: parsed.data };
}

/** Saves the workspace's channel (managers) and asks the scheduler to (re)plan every rep's digest. */
export async function updateChannelSettings(deps: { db: Db; reminders?: ReminderServices }, viewer: Viewer, input: ChannelSettingsInput): Promise<ChannelSettingsView> {
  const parsed = ChannelSettingsInput.parse(input);
  const { config } = await resolveChannelConfig(deps, viewer.workspaceId, parsed);
  await repos(deps.db).reminders.saveChannel({ workspace_id: viewer.workspaceId, channel: parsed.channel, config: JSON.stringify(config), enabled: parsed.enabled ? 1 : 0, updated_by: viewer.userId });
  const users = await repos(deps.db).reminders.digestCandidates(viewer.workspaceId);
  await notifyScheduler(deps, users.map((u) => ({ workspaceId: u.workspace_id, userId: u.user_id })));
  return getChannelSettings(deps, viewer);
}
