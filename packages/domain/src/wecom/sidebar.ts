import { randomBytes } from 'node:crypto';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { agentConfigTicket, jsApiSignature } from '@sopline/wecom';
import { getCustomerProfile } from '../customers/profile.ts';
import type { CustomerEnrollment } from '../customers/profile.ts';
import { DomainError } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import type { TaskItem } from '../tasks/inbox.ts';
import { listTasksOfCustomer } from '../tasks/inbox.ts';
import type { Viewer } from '../users/viewer.ts';
import { askWeCom, weComApps } from './connection.ts';
import { JSAPI_TICKET_SLOT } from './settings.ts';

/**
 * The chat sidebar (聊天工具栏): a page WeCom opens beside a chat with a customer. It registers the
 * JS-SDK with an agentConfig signature made from the app's jsapi ticket (cached like access tokens,
 * shared by every process), asks WeCom who the customer of the chat is, and shows the rep that
 * customer's stage, tags, journeys and today's tasks, each ready to put into the chat.
 */
const REFRESH_MARGIN_MS = 5 * 60_000;

const unavailable = () =>
  new DomainError('wecom.sidebar-unavailable', text('侧边栏需要企业微信自建应用：请管理员在「设置 → 企业微信」填写 AgentId 和 Secret', 'The sidebar needs WeCom’s self-built app: an admin fills in its AgentId and secret under Settings → WeCom'));

export type AgentConfigSignature = { corpId: string; agentId: string; timestamp: number; nonceStr: string; signature: string };

/** The agentConfig signature of the page at `url`, for the JS-SDK's register(). */
export async function agentConfigSignature(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, url: string, now = new Date()): Promise<AgentConfigSignature> {
  const apps = await weComApps(deps, viewer.workspaceId);
  if (!apps?.agent || !apps.secrets.agentId) throw unavailable();
  const tokens = repos(deps.db).wecom;
  let cached = await tokens.token(viewer.workspaceId, JSAPI_TICKET_SLOT);
  if (!cached || cached.expiresAt.getTime() - now.getTime() < REFRESH_MARGIN_MS) {
    const fresh = await askWeCom(() => agentConfigTicket(apps.agent!));
    cached = { token: fresh.ticket, expiresAt: new Date(now.getTime() + fresh.expiresIn * 1000) };
    await tokens.putToken(viewer.workspaceId, JSAPI_TICKET_SLOT, cached.token, cached.expiresAt);
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  const nonceStr = randomBytes(8).toString('hex');
  return { corpId: apps.secrets.corpId, agentId: apps.secrets.agentId, timestamp, nonceStr, signature: jsApiSignature(cached.token, url, nonceStr, timestamp) };
}

export type SidebarCustomer =
  | { found: false }
  | {
      found: true;
      customer: { id: string; name: string; stage: string | null; avatarUrl: string | null };
      tags: string[];
      journeys: CustomerEnrollment[];
      tasks: TaskItem[];
    };

/**
 * The chat's customer as the rep may see them (their own customers; a manager sees anyone), with
 * the journeys they are in and the viewer's open tasks for them, soonest first. A contact Sopline
 * does not know yet (its callback still on the way) is `found: false`.
 */
export async function sidebarCustomer(deps: Pick<DomainDeps, 'db' | 'registry'>, viewer: Viewer & { timezone: string }, externalUserId: string): Promise<SidebarCustomer> {
  const row = await deps.db.selectFrom('customers').select(['id', 'avatar_url']).where('workspace_id', '=', viewer.workspaceId).where('wecom_external_userid', '=', externalUserId).executeTakeFirst();
  if (!row) return { found: false };
  let profile;
  try {
    profile = await getCustomerProfile(deps, viewer, { customerId: row.id, timelineLimit: 1 });
  } catch (err) {
    // Another rep's customer: the sidebar says nothing of them.
    if (err instanceof DomainError && err.code === 'not-found') return { found: false };
    throw err;
  }
  const tasks = await listTasksOfCustomer(deps, viewer, row.id);
  return {
    found: true,
    customer: { id: profile.customer.id, name: profile.customer.name, stage: profile.customer.stage, avatarUrl: row.avatar_url },
    tags: profile.tags,
    journeys: profile.enrollments.filter((e) => e.status === 'active' || e.status === 'waiting'),
    tasks,
  };
}
