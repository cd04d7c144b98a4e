import type { NextFunction, Request, Response } from 'express';
import { readCookie, SESSION_COOKIE } from './cookies.ts';

function refuse(res: Response, message: string): void {
  res.status(403).json({ error: { code: 'csrf', message } });
}

/**
 * Cookie-authenticated state changes must come from our own pages: browsers send Origin (and
 * Sec-Fetch-Site) on every POST, and we refuse cross-site ones, same-site ones from a sibling host,
 * and opaque `Origin: null` (sandboxed frames, data: URLs). A request that carries the session
 * cookie but neither header cannot be shown to come from our pages, so it is refused too; machine
 * clients use /api/v1 with an API key. Together with SameSite=Lax cookies and JSON-only bodies this
 * closes CSRF without a token round-trip.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return refuse(res, `${site} request refused`);
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      host = '';
    }
    if (host === '' || host !== req.headers.host) return refuse(res, `origin ${origin} is not allowed`);
  } else if (site !== 'same-origin' && readCookie(req, SESSION_COOKIE) !== undefined) {
    return refuse(res, 'a signed-in state change needs an Origin header');
  }
  next();
}
