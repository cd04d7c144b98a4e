import type { DomainDeps } from '@sopline/domain';
import express from 'express';
import type { Router } from 'express';
import type { Logger } from 'pino';

/** The REST surface for machine clients (shops, CRMs, WeCom callbacks): /api/v1/… */
export function restRouter(_options: { deps: DomainDeps; logger: Logger; onAccepted?: () => void }): Router {
  const router = express.Router();
  router.use((_req, res) => {
    res.status(404).json({ error: { code: 'not-found', message: 'No such endpoint' } });
  });
  return router;
}
