import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Every error of /api/v1 has this shape: a stable `code` for programs, a `message` for people. */
export type ApiError = { error: { code: string; message: string } };

export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error: { code, message }, ...extra });
}

/** body-parser's error types and what a client is told about each. */
const BODY_ERRORS: Record<string, [status: number, code: string, message: string]> = {
  'entity.parse.failed': [400, 'invalid-json', 'The body is not valid JSON (it must be an object)'],
  'entity.too.large': [413, 'payload-too-large', 'The body is larger than 1 MB: send fewer items per request'],
  'encoding.unsupported': [415, 'unsupported-encoding', 'Unsupported Content-Encoding: send identity, gzip, deflate or br'],
  'charset.unsupported': [415, 'unsupported-media-type', 'Unsupported charset: send UTF-8 JSON'],
  'request.aborted': [400, 'request-aborted', 'The request was aborted'],
  'request.size.invalid': [400, 'invalid-body', 'The body is shorter or longer than its Content-Length'],
};

/**
 * Turns anything thrown in /api/v1 into a JSON error: never an HTML page, and never a 500 for a
 * body the client got wrong. Real failures are logged (without the request, so no key).
 */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const type = typeof err === 'object' && err !== null && 'type' in err && typeof err.type === 'string' ? err.type : undefined;
    const known = type ? BODY_ERRORS[type] : undefined;
    if (known) {
      sendError(res, ...known);
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 400 && status < 500) {
      sendError(res, status, 'bad-request', err instanceof Error ? err.message : 'Bad request');
      return;
    }
    logger.error({ err }, 'REST request failed');
    sendError(res, 500, 'internal', 'Internal error: the items before the failing one may have been stored; retry with the same idempotency keys');
  };
}
