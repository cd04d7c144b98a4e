import type { Db } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import type { WeComClient } from '@sopline/wecom';
import { createWeComClient, followUserList, WeComApiError, WeComUnreachable } from '@sopline/wecom';
import { DomainError } from '../errors.ts';
import type { DomainDeps, WeComServices } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import type { WeComCheck, WeComSecrets, WeComTestResult } from './settings.ts';
import { workspaceSecrets } from './settings.ts';

/**
 * The API clients of one workspace: the customer-contact app (contacts, channel codes, group
 * sends) and the self-built app (app messages, sign-in, the sidebar's JS-SDK). Their access tokens
 * are cached in the database, shared by every process.
 */
export type WeComApps = { secrets: WeComSecrets; contact: WeComClient; agent: WeComClient | null };

function clientFor(db: Db, services: WeComServices, workspaceId: string, app: 'contact' | 'agent', corpId: string, secret: string): WeComClient {
  const tokens = repos(db).wecom;
  return createWeComClient({
    base: services.apiBase,
    corpId,
    secret,
    fetch: services.fetch,
    retry: services.retry,
    timeoutMs: services.timeoutMs,
    cache: {
      get: () => tokens.token(workspaceId, app),
      put: ({ token, expiresAt }) => tokens.putToken(workspaceId, app, token, expiresAt),
      drop: (token) => tokens.dropToken(workspaceId, app, token),
    },
  });
}

export const notConfigured = () => new DomainError('wecom.not-configured', text('尚未设置企业微信：请到「设置 → 企业微信」填写', 'WeCom is not set up: fill in Settings → WeCom'));

/** The workspace's clients, or null when WeCom is not configured there. */
export async function weComApps(deps: Pick<DomainDeps, 'db' | 'wecom'>, workspaceId: string): Promise<WeComApps | null> {
  if (!deps.wecom) return null;
  const secrets = await workspaceSecrets(deps.db, deps.wecom, workspaceId);
  if (!secrets?.contactSecret) return null;
  return {
    secrets,
    contact: clientFor(deps.db, deps.wecom, workspaceId, 'contact', secrets.corpId, secrets.contactSecret),
    agent: secrets.agentSecret && secrets.agentId ? clientFor(deps.db, deps.wecom, workspaceId, 'agent', secrets.corpId, secrets.agentSecret) : null,
  };
}

/**
 * Node's or WeCom's own words for a failed call ("getaddrinfo ENOTFOUND qyapi.weixin.qq.com",
 * "60020 not allow to access from your ip …"): logged at warn, and kept beside the explanation for a
 * "details" disclosure, never as the message itself.
 */
export function technicalDetail(err: WeComApiError | WeComUnreachable): string {
  return err instanceof WeComApiError ? `${err.path}: errcode ${err.errcode} ${err.errmsg}`.trim() : `${err.path}: ${err.detail}`;
}

function warn(services: WeComServices | undefined, workspaceId: string, check: string, err: WeComApiError | WeComUnreachable): void {
  services?.log?.warn({ workspaceId, check, ...(err instanceof WeComApiError ? { errcode: err.errcode, errmsg: err.errmsg } : { kind: err.kind, host: err.host, detail: err.detail }) }, `WeCom ${check} failed: ${technicalDetail(err)}`);
}

function failed(check: WeComCheck['check'], err: unknown, services: WeComServices | undefined, workspaceId: string): WeComCheck {
  if (!(err instanceof WeComApiError) && !(err instanceof WeComUnreachable)) throw err;
  warn(services, workspaceId, check, err);
  return { check, ok: false, errcode: err instanceof WeComApiError ? err.errcode : null, message: text(err.explain('zh-CN'), err.explain('en')), detail: technicalDetail(err) };
}

/**
 * "Test connection": fetches an access token with each secret and asks for the members allowed to
 * have customer contacts (which needs the customer-contact permission), saying in words what fails.
 */
export async function testWeCom(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer): Promise<WeComTestResult> {
  if (viewer.role !== 'admin') throw new DomainError('forbidden', text('只有管理员可以设置企业微信', 'Only an admin can set up WeCom'));
  const apps = await weComApps(deps, viewer.workspaceId);
  if (!apps) throw notConfigured();
  const checks: WeComCheck[] = [];
  try {
    // A test always asks WeCom, even when a token is cached: a cached token proves nothing about the secret now.
    await repos(deps.db).wecom.dropToken(viewer.workspaceId, 'contact');
    await apps.contact.token();
    checks.push({ check: 'contact-token', ok: true, errcode: null, message: text('客户联系 Secret 正确，已获取 access_token', 'The customer-contact secret works: WeCom issued an access token') });
    try {
      const members = await followUserList(apps.contact);
      checks.push({
        check: 'contact-permission',
        ok: true,
        errcode: null,
        message: text(`可以调用客户联系接口：${members.length} 位成员可添加客户`, `Customer contact is allowed: ${members.length} member(s) may have customer contacts`),
      });
    } catch (err) {
      checks.push(failed('contact-permission', err, deps.wecom, viewer.workspaceId));
    }
  } catch (err) {
    checks.push(failed('contact-token', err, deps.wecom, viewer.workspaceId));
  }
  if (apps.agent) {
    try {
      await repos(deps.db).wecom.dropToken(viewer.workspaceId, 'agent');
      await apps.agent.token();
      checks.push({ check: 'agent-token', ok: true, errcode: null, message: text('自建应用 Secret 正确，已获取 access_token', 'The app secret works: WeCom issued an access token') });
    } catch (err) {
      checks.push(failed('agent-token', err, deps.wecom, viewer.workspaceId));
    }
  }
  const result: WeComTestResult = { at: nowIso(), ok: checks.every((c) => c.ok), checks };
  await repos(deps.db).wecom.markSettings(viewer.workspaceId, { tested_at: result.at, test_result: JSON.stringify(result) });
  return result;
}

/** Runs a call to WeCom for a person waiting on it: WeCom's refusal or absence becomes a DomainError in words. */
export async function askWeCom<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WeComApiError) throw new DomainError('wecom.refused', text(err.explain('zh-CN'), err.explain('en')), [], { errcode: err.errcode, detail: technicalDetail(err) });
    if (err instanceof WeComUnreachable) throw new DomainError('wecom.unreachable', text(err.explain('zh-CN'), err.explain('en')), [], { detail: technicalDetail(err) });
    throw err;
  }
}
