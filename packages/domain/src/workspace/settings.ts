import type { Db, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { z } from 'zod';
import { DomainError, errors } from '../errors.ts';
import type { ReminderServices } from '../reminders/ports.ts';
import { isTimeZone, LOCAL_TIME } from '../reminders/schedule.ts';
import type { Viewer } from '../users/viewer.ts';

/** The most tasks a cap may allow: above this a cap no longer protects a customer from being flooded. */
export const MAX_CAP = 50;

const localTime = z.string().regex(LOCAL_TIME, 'a time as HH:mm, e.g. 21:00');
export const WorkspaceName = z.string().trim().min(1).max(100);
export const WorkspaceZone = z.string().trim().min(1).max(64).refine(isTimeZone, { message: 'Not a time zone: pick one from the list, e.g. Asia/Shanghai', params: { zh: '不是有效的时区：请从列表中选择，例如 Asia/Shanghai' } });
/** A new workspace's quiet hours (setup, another workspace): the method's 21:00–09:00 unless given; null for none. */
export const NewQuietHours = { quietStart: localTime.nullable().default('21:00'), quietEnd: localTime.nullable().default('09:00') };
const cap = z.number().int().min(1, `from 1 to ${MAX_CAP}`).max(MAX_CAP, `from 1 to ${MAX_CAP}`);

/**
 * A change to the workspace's settings: only the fields given change. Quiet hours are a pair
 * (both times, or both null for none); a cap of null means no cap.
 */
export const WorkspaceSettingsPatch = z.object({
  name: WorkspaceName.optional(),
  timezone: WorkspaceZone.optional(),
  quietStart: localTime.nullable().optional(),
  quietEnd: localTime.nullable().optional(),
  capPerDay: cap.nullable().optional(),
  capPerWeek: cap.nullable().optional(),
});
export type WorkspaceSettingsPatch = z.input<typeof WorkspaceSettingsPatch>;

export type WorkspaceSettings = {
  id: string;
  name: string;
  timezone: string;
  /** 'HH:mm' in the workspace's zone; both null when there are no quiet hours. */
  quietStart: string | null;
  quietEnd: string | null;
  capPerDay: number | null;
  capPerWeek: number | null;
  createdAt: string;
};

function settingsOf(ws: Workspace): WorkspaceSettings {
  return {
    id: ws.id,
    name: ws.name,
    timezone: ws.timezone,
    quietStart: ws.quiet_start,
    quietEnd: ws.quiet_end,
    capPerDay: ws.cap_per_day,
    capPerWeek: ws.cap_per_week,
    createdAt: ws.created_at,
  };
}

const invalid = (field: string, zh: string, en: string) => new DomainError('workspace.invalid', text(zh, en), [], { field });

async function workspaceOf(db: Db, workspaceId: string): Promise<Workspace> {
  const ws = await repos(db).workspaces.get(workspaceId);
  if (!ws) throw errors.notFound('工作区 / workspace', workspaceId);
  return ws;
}

/** The viewer's workspace settings (read from the row, not the session, so a change shows at once). */
export async function getWorkspaceSettings(deps: { db: Db }, viewer: Viewer): Promise<WorkspaceSettings> {
  return settingsOf(await workspaceOf(deps.db, viewer.workspaceId));
}

/** Quiet hours are both times or neither, and not one time twice; the error names the field (with `code`). */
export function checkQuietHours(s: { quietStart: string | null; quietEnd: string | null }, code = 'workspace.invalid'): void {
  const fail = (field: string, zh: string, en: string) => new DomainError(code, text(zh, en), [], { field });
  if ((s.quietStart === null) !== (s.quietEnd === null)) {
    throw fail(s.quietStart === null ? 'quietStart' : 'quietEnd', '免打扰时段需要同时填写开始和结束时间（或都留空以关闭）', 'Quiet hours need both a start and an end time (or neither, to turn them off)');
  }
  if (s.quietStart !== null && s.quietStart === s.quietEnd) throw fail('quietEnd', '免打扰时段的开始和结束不能相同', 'Quiet hours cannot start and end at the same time');
}

/** The rules that hold between fields, checked on the settings as they would be after the change. */
function checkCombined(s: WorkspaceSettings): void {
  checkQuietHours(s);
  if (s.capPerDay !== null && s.capPerWeek !== null && s.capPerWeek < s.capPerDay) {
    throw invalid('capPerWeek', '每周上限不能小于每日上限', 'The weekly cap cannot be lower than the daily cap');
  }
}

/**
 * Changes the workspace's name, zone, quiet hours and frequency caps (admins; the router checks the
 * role). The engine reads them at every step, so new tasks follow them at once; tasks already
 * created keep their due time. A new zone re-plans the digests of reps who follow the workspace's zone.
 */
export async function updateWorkspaceSettings(deps: { db: Db; reminders?: ReminderServices }, viewer: Viewer, input: WorkspaceSettingsPatch): Promise<WorkspaceSettings> {
  const parsed = WorkspaceSettingsPatch.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'settings';
    throw invalid(field, `设置无效（${field}）：${issue.message}`, `Invalid setting (${field}): ${issue.message}`);
  }
  const patch = parsed.data;
  const current = await workspaceOf(deps.db, viewer.workspaceId);
  const next: WorkspaceSettings = { ...settingsOf(current) };
  for (const key of ['name', 'timezone', 'quietStart', 'quietEnd', 'capPerDay', 'capPerWeek'] as const) {
    if (patch[key] !== undefined) (next as Record<typeof key, unknown>)[key] = patch[key];
  }
  checkCombined(next);
  await repos(deps.db).workspaces.update(viewer.workspaceId, {
    name: next.name,
    timezone: next.timezone,
    quiet_start: next.quietStart,
    quiet_end: next.quietEnd,
    cap_per_day: next.capPerDay,
    cap_per_week: next.capPerWeek,
  });
  if (next.timezone !== current.timezone) await replanDigests(deps, viewer.workspaceId);
  return getWorkspaceSettings(deps, viewer);
}

/** Best effort, as for a channel change: the reminders worker's sweep catches up a scheduler that is down. */
async function replanDigests(deps: { db: Db; reminders?: ReminderServices }, workspaceId: string): Promise<void> {
  const scheduler = deps.reminders?.scheduler;
  if (!scheduler) return;
  const users = await repos(deps.db).reminders.digestCandidates(workspaceId);
  await Promise.allSettled(users.map((u) => scheduler.changed({ workspaceId: u.workspace_id, userId: u.user_id })));
}
