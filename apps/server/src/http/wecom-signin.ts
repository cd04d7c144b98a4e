import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError, finishWeComSignIn, weComSignInUrl, weComSignInWorkspaces } from '@sopline/domain';
import type { DomainDeps } from '@sopline/domain';
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import { readCookie, sessionCookies } from './cookies.ts';

/**
 * Sign-in with WeCom, as two browser redirects. `GET /api/wecom/signin?workspace=…&next=/inbox`
 * sends the browser to WeCom (its OAuth page inside the WeCom app, its QR web login elsewhere) with a
 * one-time `state` kept in a short-lived signed cookie; WeCom sends it back to
 * `/api/wecom/signin/callback?code=…&state=…`, where the state is checked, the code traded for the
 * member, and the linked user signed in. Anything that goes wrong lands on the sign-in page with a
 * reason it says in words (`/login?wecom=<reason>`), never on an error page.
 */
const STATE_COOKIE = 'sopline_wecom_signin';
const STATE_TTL_MS = 10 * 60_000;

type Pending = { state: string; workspaceId: string; next: string; expires: number };

/** A path inside this app, nothing that leaves it (`//host`, `/\host`, a scheme). */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && raw.length <= 500 && /^\/(?![/\\])[^\s]*$/.test(raw) ? raw : '/';
}

function sign(value: string, secret: string): string {
  return createHmac('sha256', secret).update(`wecom-signin:${value}`).digest('base64url');
}

function seal(p: Pending, secret: string): string {
  const body = Buffer.from(JSON.stringify(p)).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

function unseal(raw: string | undefined, secret: string, now = Date.now()): Pending | null {
  if (!raw || raw.length > 2000) return null;
  const [body, mac] = raw.split('.');
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Pending;
    return typeof p.state === 'string' && typeof p.workspaceId === 'string' && p.expires > now ? { ...p, next: safeNext(p.next) } : null;
  } catch {
    return null;
  }
}

export function wecomSignInRouter(deps: DomainDeps & { sessionSecret: string }, logger: Logger): Router {
  const router = express.Router();
  const secure = (req: Request) => req.secure || req.headers['x-forwarded-proto'] === 'https';
  const toLogin = (res: Response, reason: string, extra: Record<string, string> = {}) => res.redirect(302, `/login?${new URLSearchParams({ wecom: reason, ...extra })}`);
  const base = (req: Request) => (deps.wecom?.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/+$/, '');

  router.get('/signin', async (req, res) => {
    try {
      const choices = await weComSignInWorkspaces(deps.db);
      const asked = typeof req.query.workspace === 'string' ? req.query.workspace : null;
      const workspace = asked ? choices.find((c) => c.id === asked) : choices.length === 1 ? choices[0] : undefined;
      if (!workspace) return toLogin(res, choices.length === 0 || asked ? 'unavailable' : 'choose');
      const pending: Pending = { state: randomBytes(16).toString('hex'), workspaceId: workspace.id, next: safeNext(req.query.next), expires: Date.now() + STATE_TTL_MS };
      const url = await weComSignInUrl(deps, {
        workspaceId: workspace.id,
        redirectUri: `${base(req)}/api/wecom/signin/callback`,
        state: pending.state,
        inWeCom: /wxwork/i.test(req.get('user-agent') ?? ''),
      });
      res.cookie(STATE_COOKIE, seal(pending, deps.sessionSecret), { httpOnly: true, sameSite: 'lax', secure: secure(req), path: '/api/wecom/signin', maxAge: STATE_TTL_MS });
      res.redirect(302, url);
    } catch (err) {
      if (err instanceof DomainError) return toLogin(res, String(err.details?.reason ?? 'unavailable'));
      logger.error({ err }, 'WeCom sign-in could not start');
      toLogin(res, 'wecom');
    }
  });

  router.get('/signin/callback', async (req, res) => {
    const pending = unseal(readCookie(req, STATE_COOKIE), deps.sessionSecret);
    res.clearCookie(STATE_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secure(req), path: '/api/wecom/signin' });
    const code = typeof req.query.code === 'string' && req.query.code.length <= 512 ? req.query.code : null;
    if (!pending || req.query.state !== pending.state || !code) {
      logger.warn({ hasCookie: Boolean(pending), hasCode: Boolean(code) }, 'WeCom sign-in refused: state missing, expired or not ours');
      return toLogin(res, 'expired');
    }
    try {
      const { token, expiresAt, user } = await finishWeComSignIn(deps, { workspaceId: pending.workspaceId, code, ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') ?? null });
      sessionCookies(req, res).setSession(token, expiresAt);
      logger.info({ userId: user.id, workspaceId: pending.workspaceId }, 'signed in with WeCom');
      res.redirect(302, pending.next);
    } catch (err) {
      if (err instanceof DomainError) {
        logger.warn({ code: err.code, detail: err.message }, 'WeCom sign-in refused');
        return toLogin(res, String(err.details?.reason ?? 'wecom'));
      }
      logger.error({ err }, 'WeCom sign-in failed');
      toLogin(res, 'wecom');
    }
  });
  return router;
}
