import type { ApiKey } from '@sopline/db';
import { verifyApiKey } from '@sopline/domain';
import type { Db } from '@sopline/db';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from './errors.ts';
import type { RateLimiter } from './rate-limit.ts';

/** The key sent as `Authorization: Bearer <key>` or `X-Api-Key: <key>`; '' when malformed, null when absent. */
function keyOf(req: Request): string | null {
  const auth = req.headers.authorization?.trim();
  if (auth) return /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? '';
  const header = req.headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  return null;
}

export function apiKeyOf(res: Response): ApiKey {
  return res.locals.apiKey as ApiKey;
}

/** 401 unless the request carries a live key of some workspace; then 429 when the key is over its rate. */
export function authenticate(db: Db, limiter: RateLimiter): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = keyOf(req);
    if (key === null || key === '') {
      res.setHeader('WWW-Authenticate', 'Bearer realm="sopline"');
      sendError(res, 401, 'missing-api-key', 'Send an API key: Authorization: Bearer <key> (or X-Api-Key: <key>)');
      return;
    }
    const row = await verifyApiKey({ db }, key);
    if (!row) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="sopline", error="invalid_token"');
      sendError(res, 401, 'invalid-api-key', 'The API key is wrong or has been revoked');
      return;
    }
    const taken = limiter.take(row.id, row.rate_per_minute);
    res.setHeader('X-RateLimit-Limit', String(row.rate_per_minute));
    if (!taken.ok) {
      res.setHeader('Retry-After', String(taken.retryAfterSeconds));
      res.setHeader('X-RateLimit-Remaining', '0');
      sendError(res, 429, 'rate-limited', `This API key allows ${row.rate_per_minute} requests per minute: retry in ${taken.retryAfterSeconds} s`);
      return;
    }
    res.setHeader('X-RateLimit-Remaining', String(taken.remaining));
    res.locals.apiKey = row;
    next();
  };
}

/** 415 unless the body is declared as JSON (checked before anything is read). */
export const requireJson: RequestHandler = (req, res, next) => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    sendError(res, 415, 'unsupported-media-type', 'Send JSON with Content-Type: application/json');
    return;
  }
  next();
};
