import type { NextFunction, Request, Response } from 'express';

/**
 * Cookie-authenticated state changes must come from our own pages: browsers send Origin (or at
 * least Sec-Fetch-Site) on cross-site POSTs, and we refuse those. Together with SameSite=Lax
 * cookies and JSON-only bodies this closes CSRF without a token round-trip.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') {
    res.status(403).json({ error: { code: 'csrf', message: 'cross-site request refused' } });
    return;
  }
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      host = '';
    }
    if (host !== req.headers.host) {
      res.status(403).json({ error: { code: 'csrf', message: `origin ${origin} is not allowed` } });
      return;
    }
  }
  next();
}
