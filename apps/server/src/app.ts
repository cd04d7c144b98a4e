import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appRouter } from '@sopline/api';
import type { ApiContext } from '@sopline/api';
import { resolveSession } from '@sopline/domain';
import type { DomainDeps } from '@sopline/domain';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import type { ErrorRequestHandler, Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { readCookie, SESSION_COOKIE, sessionCookies } from './http/cookies.ts';
import { sameOriginOnly } from './http/csrf.ts';
import { filesRouter } from './http/files.ts';
import { wecomRouter } from './http/wecom.ts';
import { wecomSignInRouter } from './http/wecom-signin.ts';
import { restRouter } from './rest/index.ts';

export type AppOptions = {
  deps: DomainDeps & { sessionSecret: string };
  logger: Logger;
  /** Extra health checks (e.g. the Temporal connection); each throws when unhealthy. */
  health?: Record<string, () => Promise<void>>;
  /** Folder of the built web app; the minimal page in apps/server/public when absent. */
  webDir?: string;
  /** Called after the REST API stored events, to wake the dispatcher at once. */
  onEventsAccepted?: () => void;
  /** Called after a WeCom callback was stored, to process it at once. */
  onWeComCallback?: () => void;
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
// SOPLINE_WEB_DIST serves another build of the web app (a test run building its own copy).
const webBuild = process.env.SOPLINE_WEB_DIST || fileURLToPath(new URL('../../web/dist', import.meta.url));
const placeholder = fileURLToPath(new URL('../public', import.meta.url));

export function createApp(options: AppOptions): Express {
  const { deps, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger,
      // Sessions and API keys never reach the logs.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'],
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      // Reading is routine: the web app's files and its queries (a page open makes dozens) go to debug;
      // what changes something, the public API, and every failure stay at info and above, so an
      // operator's console shows what happened rather than scrolling the start banner away.
      customLogLevel: (req, res, err) => {
        if (err || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400) return 'warn';
        const read = req.method === 'GET' || req.method === 'HEAD';
        return read && !req.url?.startsWith('/api/') ? 'debug' : 'info';
      },
      // A request line at info is what an operator reads: method, path, status and time. Headers,
      // remote address and the rest only when the logger is at debug.
      ...(logger.isLevelEnabled('debug')
        ? {}
        : {
            serializers: {
              req: (req: { method?: string; url?: string }) => ({ method: req.method, path: req.url?.split('?')[0] }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
          }),
    }),
  );

  // Browser hardening on every answer (helmet's essentials, written out): scripts only from our own
  // files, never framed, no MIME sniffing. Mantine and React Flow set inline styles, hence style-src.
  app.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  });

  app.get('/healthz', async (_req, res) => {
    const checks: Record<string, string> = {};
    let ok = true;
    const all: Record<string, () => Promise<void>> = {
      database: async () => {
        await deps.db.selectFrom('workspaces').select('id').limit(1).execute();
      },
      ...options.health,
    };
    for (const [name, check] of Object.entries(all)) {
      try {
        await check();
        checks[name] = 'ok';
      } catch (err) {
        ok = false;
        checks[name] = err instanceof Error ? err.message : String(err);
      }
    }
    res.status(ok ? 200 : 503).json({ ok, checks });
  });

  app.use(
    '/trpc',
    sameOriginOnly,
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: 4 * 1024 * 1024,
      createContext: async ({ req, res }): Promise<ApiContext> => ({
        deps,
        db: deps.db,
        session: await resolveSession({ db: deps.db, sessionSecret: deps.sessionSecret }, readCookie(req, SESSION_COOKIE)),
        ip: req.ip ?? 'unknown',
        userAgent: req.headers['user-agent'] ?? null,
        origin: typeof req.headers.origin === 'string' ? req.headers.origin : null,
        cookies: sessionCookies(req, res),
      }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error.cause ?? error, path }, 'trpc procedure failed');
      },
    }),
  );

  app.use('/api/v1', restRouter({ deps, logger, onAccepted: options.onEventsAccepted }));
  // WeCom's callbacks: signed by WeCom, not by a browser session.
  app.use('/api/wecom', wecomRouter(deps, logger, options.onWeComCallback));
  // Sign-in with WeCom: browser redirects to WeCom and back, proven by a signed one-time state.
  app.use('/api/wecom', wecomSignInRouter(deps, logger));
  // Files for the signed-in browser app: import uploads and reports, customer exports.
  app.use('/api', filesRouter(deps, logger));

  const web = options.webDir ?? (existsSync(webBuild) ? webBuild : placeholder);
  // Hashed assets can be cached for long; index.html must always be fresh to pick up new builds.
  app.use('/assets', express.static(join(web, 'assets'), { immutable: true, maxAge: '365d' }));
  app.use(express.static(web, { index: 'index.html', maxAge: 0 }));
  // Client-side routes (/journeys/…): any other GET for a page gets the app's index.html.
  app.get(/^\/(?!trpc|api\/|healthz).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.sendFile(join(web, 'index.html'));
  });

  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) logger.error({ err }, 'request failed');
    res.status(status).json({ error: { code: status >= 500 ? 'internal' : 'bad-request', message: status >= 500 ? 'Internal error' : String((err as Error).message) } });
  };
  app.use(onError);
  return app;
}
