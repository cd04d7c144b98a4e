import type { Db, User, Workspace } from '@sopline/db';
import { isUniqueViolation, nowIso, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { z } from 'zod';
import { hashPassword } from '../auth/password.ts';
import { checkNewPassword, PASSWORD_MAX } from '../auth/password-rules.ts';
import { DomainError } from '../errors.ts';
import { checkQuietHours, NewQuietHours, WorkspaceName, WorkspaceZone } from '../workspace/settings.ts';

/**
 * What the first admin gives when an install is set up: from the setup page (`setup.create`) and from
 * `pnpm sopline setup` alike. Quiet hours default to the method's 21:00–09:00; null turns them off.
 */
export const SetupInput = z.object({
  workspaceName: WorkspaceName,
  timezone: WorkspaceZone,
  ...NewQuietHours,
  adminName: z.string().trim().min(1).max(100),
  adminEmail: z.email().max(200),
  adminPassword: z.string().min(1).max(PASSWORD_MAX),
});
export type SetupInput = z.input<typeof SetupInput>;

const INSTALLATION_ID = 'this';

const invalid = (field: string, zh: string, en: string) => new DomainError('setup.invalid', text(zh, en), [], { field });
export const alreadySetUp = () =>
  new DomainError('setup.done', text('这个 Sopline 已经设置好了工作区，请直接登录', 'This Sopline already has a workspace: sign in instead'));

/** True while the install has no workspace at all: every page then leads to setup. */
export async function needsSetup(db: Db): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** The input checked field by field, with the field named in both languages. */
export function parseSetupInput(input: SetupInput): z.output<typeof SetupInput> {
  const parsed = SetupInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'setup';
    throw invalid(field, `设置无效（${field}）：${issue.message}`, `Invalid setup (${field}): ${issue.message}`);
  }
  const data = parsed.data;
  checkQuietHours(data, 'setup.invalid');
  checkNewPassword(data.adminPassword, { email: data.adminEmail, field: 'adminPassword' });
  return data;
}

/**
 * Creates the install's first workspace and its admin, once. Of two setups at the same moment one
 * commits; the other's insert of the installation row fails on its primary key and it is told that the
 * install is already set up. An install that already has workspaces (the demo) is set up too.
 */
export async function setUpInstallation(deps: { db: Db }, input: SetupInput): Promise<{ workspace: Workspace; user: User }> {
  const data = parseSetupInput(input);
  const passwordHash = await hashPassword(data.adminPassword);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (!(await needsSetup(trx))) throw alreadySetUp();
      const r = repos(trx);
      const workspace = await r.workspaces.create({ name: data.workspaceName, timezone: data.timezone, quietStart: data.quietStart, quietEnd: data.quietEnd });
      const user = await r.users.create({ workspaceId: workspace.id, email: data.adminEmail.trim().toLowerCase(), name: data.adminName, role: 'admin', passwordHash });
      await trx.insertInto('installation').values({ id: INSTALLATION_ID, set_up_at: nowIso(), set_up_by: user.id }).execute();
      return { workspace, user };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadySetUp();
    throw err;
  }
}
