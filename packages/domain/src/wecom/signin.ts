import { repos } from '@sopline/db';
import type { Db, User } from '@sopline/db';
import { text } from '@sopline/graph';
import { authorizeUrl, memberOfCode, WeComApiError, WeComUnreachable } from '@sopline/wecom';
import { openSession } from '../auth/sessions.ts';
import { DomainError } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import type { WeComApps } from './connection.ts';
import { weComApps } from './connection.ts';

/**
 * Sign-in with WeCom (企业微信登录): WeCom says which member is at the browser (OAuth inside the WeCom
 * app, its web login's QR code elsewhere), and the Sopline user linked to that member in the
 * workspace gets a session. Used by the sign-in page and by the chat sidebar, which signs the rep in
 * without a password. Needs the self-built app (agent id and secret) of Settings → WeCom.
 */
export type SignInRefusal = 'unavailable' | 'not-member' | 'not-linked' | 'inactive' | 'wecom';

const refusal = (reason: SignInRefusal, message: ReturnType<typeof text>) => new DomainError(`wecom.signin-${reason}`, message, [], { reason });

async function agentOf(deps: Pick<DomainDeps, 'db' | 'wecom'>, workspaceId: string): Promise<{ apps: WeComApps; agent: NonNullable<WeComApps['agent']>; agentId: string }> {
  const apps = await weComApps(deps, workspaceId).catch(() => null);
  if (!apps?.agent || !apps.secrets.agentId) {
    throw refusal('unavailable', text('这个工作区还不能用企业微信登录：管理员需在「设置 → 企业微信」填写自建应用的 AgentId 和 Secret', 'This workspace cannot sign in with WeCom yet: an admin fills in the self-built app’s AgentId and secret under Settings → WeCom'));
  }
  return { apps, agent: apps.agent, agentId: apps.secrets.agentId };
}

/** The workspaces whose members can sign in with WeCom (for the sign-in page's button). */
export async function weComSignInWorkspaces(db: Db): Promise<Array<{ id: string; name: string }>> {
  const rows = await db
    .selectFrom('wecom_settings')
    .innerJoin('workspaces', 'workspaces.id', 'wecom_settings.workspace_id')
    .select(['workspaces.id', 'workspaces.name'])
    .where('wecom_settings.agent_id', 'is not', null)
    .where('wecom_settings.agent_secret', 'is not', null)
    .orderBy('workspaces.created_at')
    .execute();
  return rows;
}

/** Where to send the browser so WeCom tells us who it is; `state` comes back with the code. */
export async function weComSignInUrl(deps: Pick<DomainDeps, 'db' | 'wecom'>, input: { workspaceId: string; redirectUri: string; state: string; inWeCom: boolean }): Promise<string> {
  const { apps, agentId } = await agentOf(deps, input.workspaceId);
  return authorizeUrl({ corpId: apps.secrets.corpId, agentId, redirectUri: input.redirectUri, state: input.state, inWeCom: input.inWeCom, base: deps.wecom?.oauthBase ?? null });
}

/** Trades WeCom's code for the linked user and opens a session; a refusal says why in words. */
export async function finishWeComSignIn(
  deps: Pick<DomainDeps, 'db' | 'wecom'> & { sessionSecret: string },
  input: { workspaceId: string; code: string; ip: string; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date; user: User }> {
  const { agent } = await agentOf(deps, input.workspaceId);
  let member: string | null;
  try {
    member = await memberOfCode(agent, input.code);
  } catch (err) {
    if (err instanceof WeComApiError || err instanceof WeComUnreachable) throw refusal('wecom', text(`企业微信登录没有完成：${err.explain('zh-CN')}请重新登录。`, `WeCom sign-in did not complete: ${err.explain('en')} Please try again.`));
    throw err;
  }
  if (!member) throw refusal('not-member', text('只有本企业的成员可以用企业微信登录 Sopline', 'Only members of this corp can sign in to Sopline with WeCom'));
  const user = await repos(deps.db).users.byWecomUserId(input.workspaceId, member);
  if (!user) {
    throw refusal('not-linked', text(`企业微信账号 ${member} 还没有关联到 Sopline 的用户：请管理员在「设置 → 成员」填写，或用邮箱和密码登录`, `WeCom account ${member} is not linked to a Sopline user yet: an admin links it under Settings → Team; or sign in with e-mail and password`));
  }
  if (!user.active) throw refusal('inactive', text('你的 Sopline 账号已停用，请联系管理员', 'Your Sopline account is deactivated: ask an admin'));
  const session = await openSession(deps, user, { ip: input.ip, userAgent: input.userAgent ?? null });
  return { ...session, user };
}
