import { CallbackRefused, DomainError, MAX_CALLBACK_BYTES, receiveCallback, verifyCallbackUrl } from '@sopline/domain';
import type { DomainDeps } from '@sopline/domain';
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { Logger } from 'pino';

/**
 * WeCom's callback URL, one per workspace (`/api/wecom/callback/<key>`). WeCom is not a browser: no
 * session, no CSRF check; every request proves itself by its signature instead. GET answers the URL
 * check with the plaintext echostr; POST stores the event and answers `success` at once — the work
 * (asking WeCom for the contact, starting journeys) happens after, so WeCom never waits on it.
 * Anything that does not prove itself is refused with a 4xx, logged, and nothing is stored.
 */
export function wecomRouter(deps: DomainDeps, logger: Logger, onStored?: () => void): Router {
  const router = express.Router();
  const refuse = (req: Request, res: Response, err: unknown) => {
    if (err instanceof CallbackRefused) {
      logger.warn({ reason: err.reason, status: err.status, path: req.path, detail: err.message }, 'WeCom callback refused');
      res.status(err.status).type('text/plain').send(err.message);
      return;
    }
    if (err instanceof DomainError) {
      logger.warn({ code: err.code, path: req.path, detail: err.message }, 'WeCom callback refused');
      res.status(409).type('text/plain').send(err.message);
      return;
    }
    logger.error({ err, path: req.path }, 'WeCom callback failed');
    res.status(500).type('text/plain').send('internal error');
  };

  router.get('/callback/:key', async (req, res) => {
    try {
      const plain = await verifyCallbackUrl(deps, req.params.key, req.query);
      res.status(200).type('text/plain').send(plain);
    } catch (err) {
      refuse(req, res, err);
    }
  });

  router.post('/callback/:key', express.text({ type: () => true, limit: MAX_CALLBACK_BYTES }), async (req, res) => {
    try {
      const body: unknown = req.body;
      if (typeof body !== 'string' || body === '') throw new CallbackRefused(400, 'xml', 'the body is empty');
      const received = await receiveCallback(deps, req.params.key, req.query, body);
      res.status(200).type('text/plain').send('success');
      if (received.stored) onStored?.();
      else logger.info({ kind: received.kind }, 'WeCom callback already stored: redelivery ignored');
    } catch (err) {
      refuse(req, res, err);
    }
  });

  // A body over the limit: express.text's own 413, said in our words.
  router.use('/callback/:key', ((err, req, res, _next) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 400;
    refuse(req, res, new CallbackRefused(status === 413 ? 413 : 400, status === 413 ? 'size' : 'body', status === 413 ? 'the body is larger than any WeCom callback' : 'the body cannot be read'));
  }) as express.ErrorRequestHandler);
  return router;
}
