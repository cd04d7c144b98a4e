import { pipeline } from 'node:stream/promises';
import type { Viewer } from '@sopline/domain';
import { channelCodeQr, DomainError, exportCustomers, importReport, resolveSession, uploadImport } from '@sopline/domain';
import type { DomainDeps } from '@sopline/domain';
import { text } from '@sopline/graph';
import { csvStream, xlsxBuffer } from '@sopline/tabular';
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { sameOriginOnly } from './csrf.ts';

/** The most rows an .xlsx export holds (it is built whole); CSV exports stream and have no cap. */
export const MAX_XLSX_EXPORT_ROWS = 100_000;

type Deps = DomainDeps & { sessionSecret: string };

function fail(res: Response, status: number, error: DomainError): void {
  const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
  res.status(status).json({ error: { code: error.code, message: error.text.en, text: error.text, ...(field ? { field } : {}) } });
}

const unauthenticated = new DomainError('auth.required', text('请先登录', 'Please sign in first'));
const forbidden = new DomainError('auth.forbidden', text('你的角色无权执行此操作', 'Your role does not allow this'));
const STATUS: Record<string, number> = { 'auth.required': 401, 'auth.forbidden': 403, forbidden: 403, 'not-found': 404, 'import.too-large': 413, 'wecom.not-configured': 412, 'channel-code.qr': 502 };

/** The signed-in viewer of a browser request (the session cookie), or null. */
async function viewerOf(deps: Deps, req: Request): Promise<Viewer | null> {
  const session = await resolveSession(deps, readCookie(req, SESSION_COOKIE));
  return session ? { workspaceId: session.workspace.id, userId: session.user.id, role: session.user.role, sessionId: session.sessionId } : null;
}

/** A file name for Content-Disposition in both forms browsers read (RFC 6266: ASCII fallback + UTF-8). */
function attachment(res: Response, name: string, type: string): void {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.setHeader('Cache-Control', 'no-store');
}

const Lang = z.enum(['zh-CN', 'en']).catch('zh-CN');
const ExportQuery = z.object({
  format: z.enum(['csv', 'xlsx']),
  lang: Lang,
  q: z.string().trim().max(100).optional(),
  tags: z.union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(20)]).optional(),
  tagMode: z.enum(['any', 'all']).optional(),
  stage: z.string().max(64).optional(),
  ownerId: z.string().max(64).optional(),
  sort: z.enum(['name', 'createdAt', 'updatedAt']).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
});

/**
 * The file endpoints of the browser app, beside tRPC because they carry files, not JSON: uploading a
 * spreadsheet to import (streamed into the database piece by piece), the error report of an import,
 * and the export of the customer list. Same session cookie and same-origin rule as /trpc.
 */
export function filesRouter(deps: Deps, logger: Logger): Router {
  const router = express.Router();
  router.use(sameOriginOnly);

  const handle = (work: (req: Request, res: Response, viewer: Viewer) => Promise<void>) => async (req: Request, res: Response) => {
    // An upload refused before its whole body arrived: close the connection rather than read the
    // rest, so a client reusing it is not left waiting.
    const unread = () => {
      if (req.method === 'POST' && !req.complete) res.setHeader('Connection', 'close');
    };
    try {
      const viewer = await viewerOf(deps, req);
      if (!viewer) {
        unread();
        return fail(res, 401, unauthenticated);
      }
      await work(req, res, viewer);
    } catch (err) {
      if (res.headersSent) {
        logger.error({ err }, 'file download failed mid-way');
        res.destroy();
        return;
      }
      unread();
      if (err instanceof DomainError) return fail(res, STATUS[err.code] ?? 400, err);
      logger.error({ err }, 'file request failed');
      res.status(500).json({ error: { code: 'internal', message: 'Internal error', text: text('服务器出错了，请稍后再试', 'Something went wrong on the server; try again shortly') } });
    }
  };

  /** POST /api/imports?kind=customers|orders&name=<file name>, the file's bytes as the body. */
  router.post(
    '/imports',
    handle(async (req, res, viewer) => {
      const kind = z.enum(['customers', 'orders']).safeParse(req.query.kind);
      if (!kind.success) throw new DomainError('import.kind', text('kind 必须是 customers 或 orders', 'kind must be customers or orders'), [], { field: 'kind' });
      if (viewer.role === 'sales') throw forbidden;
      const name = typeof req.query.name === 'string' ? req.query.name : 'upload';
      const job = await uploadImport(deps, viewer, { kind: kind.data, fileName: name, body: req });
      res.status(201).json(job);
    }),
  );

  /** GET /api/imports/:id/rejects.csv?lang=zh-CN|en: the refused rows with their reasons and cells. */
  router.get(
    '/imports/:id/rejects.csv',
    handle(async (req, res, viewer) => {
      const lang = Lang.parse(req.query.lang);
      const report = await importReport(deps, viewer, { id: String(req.params.id).slice(0, 64), lang });
      attachment(res, report.fileName, 'text/csv; charset=utf-8');
      await pipeline(csvStream(report.rows), res);
    }),
  );

  /** GET /api/channel-codes/:id/qr.png[?download=1]: the code's QR image, fetched from WeCom by the server. */
  router.get(
    '/channel-codes/:id/qr.png',
    handle(async (req, res, viewer) => {
      const qr = await channelCodeQr(deps, viewer, String(req.params.id).slice(0, 64));
      if (req.query.download === '1') attachment(res, qr.name, 'image/png');
      else {
        res.setHeader('Content-Type', 'image/png');
        res.setHeader('Cache-Control', 'private, max-age=300');
      }
      res.send(qr.body);
    }),
  );

  /** GET /api/customers/export?format=csv|xlsx&lang=…&<the list's filters>: what the list shows, every page of it. */
  router.get(
    '/customers/export',
    handle(async (req, res, viewer) => {
      const parsed = ExportQuery.safeParse(req.query);
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.join('.') ?? 'query';
        throw new DomainError('export.query', text(`导出参数 ${field} 有误`, `The export parameter ${field} is not valid`), [], { field });
      }
      const { format, lang, tags, stage, ownerId, ...filter } = parsed.data;
      const input = {
        ...filter,
        ...(tags !== undefined ? { tags: Array.isArray(tags) ? tags : [tags] } : {}),
        // "none" filters the list for customers without one, as in the list's own menus.
        ...(stage !== undefined ? { stage: stage === 'none' ? null : stage } : {}),
        ...(ownerId !== undefined ? { ownerId: ownerId === 'none' ? null : ownerId } : {}),
        lang,
        ...(format === 'xlsx' ? { max: MAX_XLSX_EXPORT_ROWS } : {}),
      };
      const exported = await exportCustomers(deps, viewer, input);
      const day = new Date().toISOString().slice(0, 10);
      const base = `${lang === 'en' ? 'customers' : '客户'}-${day}`;
      if (format === 'csv') {
        attachment(res, `${base}.csv`, 'text/csv; charset=utf-8');
        await pipeline(
          csvStream(
            (async function* () {
              yield exported.header;
              yield* exported.rows;
            })(),
          ),
          res,
        );
        return;
      }
      const rows: Array<Array<string | null>> = [];
      for await (const row of exported.rows) rows.push(row);
      const file = await xlsxBuffer(lang === 'en' ? 'Customers' : '客户', exported.header, rows);
      attachment(res, `${base}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.end(file);
    }),
  );
  return router;
}
