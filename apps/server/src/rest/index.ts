import type { DomainDeps } from '@sopline/domain';
import { ingestBatch, MAX_BATCH, upsertCustomers } from '@sopline/domain';
import express from 'express';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from 'pino';
import { apiKeyOf, authenticate, requireJson } from './auth.ts';
import { jsonErrors, sendError } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { RateLimiter } from './rate-limit.ts';

export type RestOptions = {
  deps: DomainDeps;
  logger: Logger;
  /** Called after a request stored new events (wire it to the dispatcher's poke()); must not throw or block. */
  onAccepted?: () => void;
  /** The per-key rate limiter (tests pass one with a fake clock). */
  limiter?: RateLimiter;
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Status of a batch answer: 200 when every item went through, 207 (Multi-Status) when some were
 * rejected, 400 when none was valid. The body always carries one result per item.
 */
function batchStatus(results: Array<{ status: string }>): 200 | 207 | 400 {
  const rejected = results.filter((r) => r.status === 'rejected').length;
  if (rejected === 0) return 200;
  return rejected === results.length ? 400 : 207;
}

/** The items of a `{ [field]: [...] }` envelope, or an error already sent. */
function itemsOf(res: Response, body: Record<string, unknown>, field: string): unknown[] | null {
  const items = body[field];
  if (!Array.isArray(items)) {
    sendError(res, 400, 'invalid-body', `${field} must be an array`);
    return null;
  }
  if (items.length === 0) {
    sendError(res, 400, 'invalid-body', `${field} is empty: send 1 to ${MAX_BATCH} items`);
    return null;
  }
  if (items.length > MAX_BATCH) {
    sendError(res, 413, 'too-many-items', `${items.length} ${field} in one request: send at most ${MAX_BATCH} per request`);
    return null;
  }
  return items;
}

function onlyPost(res: Response): void {
  res.setHeader('Allow', 'POST');
  sendError(res, 405, 'method-not-allowed', 'Use POST');
}

/** The REST surface for machine clients (shops, CRMs, WeCom callbacks): /api/v1/… */
export function restRouter(options: RestOptions): Router {
  const { deps, logger } = options;
  const limiter = options.limiter ?? new RateLimiter();
  const router = express.Router();
  const guard: RequestHandler[] = [authenticate(deps.db, limiter), requireJson, express.json({ limit: '1mb' })];
  let document: Record<string, unknown> | undefined;
  /** New events are stored: let the dispatcher drain them now rather than at its next poll. */
  const wake = () => {
    try {
      options.onAccepted?.();
    } catch (err) {
      logger.warn({ err }, 'waking the event dispatcher failed; it will find the events on its next poll');
    }
  };

  router.get('/openapi.json', (_req, res) => {
    document ??= openApiDocument();
    res.json(document);
  });

  router.post('/events', ...guard, async (req: Request, res: Response) => {
    const body: unknown = req.body;
    // An empty body parses as {}: answered like any body that is not an event.
    if (!isObject(body) || Object.keys(body).length === 0) {
      sendError(res, 400, 'invalid-body', 'Send one event object, or { "events": [...] }');
      return;
    }
    const items = 'events' in body ? itemsOf(res, body, 'events') : [body];
    if (!items) return;
    const results = await ingestBatch(deps, { workspaceId: apiKeyOf(res).workspace_id, items });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    const accepted = count('accepted');
    if (accepted > 0) wake();
    const status = batchStatus(results);
    res.status(status).json({
      accepted,
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      results,
      ...(status === 400 ? { error: { code: 'invalid-items', message: 'No event was valid: see results[].errors' } } : {}),
    });
  });
  router.all('/events', (_req, res) => onlyPost(res));

  router.post('/customers', ...guard, async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (!isObject(body) || !('customers' in body)) {
      sendError(res, 400, 'invalid-body', 'Send { "customers": [...] }');
      return;
    }
    const items = itemsOf(res, body, 'customers');
    if (!items) return;
    const results = await upsertCustomers(deps, { workspaceId: apiKeyOf(res).workspace_id, items });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    // New customers, tags and stages are events too (customer.created, tag.added, stage.changed).
    if (results.some((r) => r.status !== 'rejected')) wake();
    const status = batchStatus(results);
    res.status(status).json({
      created: count('created'),
      updated: count('updated'),
      rejected: count('rejected'),
      results,
      ...(status === 400 ? { error: { code: 'invalid-items', message: 'No customer was valid: see results[].errors' } } : {}),
    });
  });
  router.all('/customers', (_req, res) => onlyPost(res));

  router.use((_req, res) => {
    sendError(res, 404, 'not-found', 'No such endpoint: see /api/v1/openapi.json');
  });
  router.use(jsonErrors(logger));
  return router;
}
