import { EntityId, getImport, ImportMapping, importRejects, listImports, previewImport, startImport } from '@sopline/domain';
import { z } from 'zod';
import { managerProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

const sheet = z.string().min(1).max(100).optional();

/**
 * Imports of customers and orders from a spreadsheet, for admins and ops. The file itself is
 * uploaded to POST /api/imports (a stream, not JSON); every step after it is here: the mapping step
 * (`preview`), a dry run and the import (`start`, background jobs polled with `get`), and the rows
 * refused (`rejects`; the CSV report is GET /api/imports/:id/rejects.csv).
 */
export const importsRouter = router({
  list: managerProcedure.input(z.object({ kind: z.enum(['customers', 'orders']).optional() }).prefault({})).query(({ ctx, input }) => listImports(ctx, viewerOf(ctx), input)),
  get: managerProcedure.input(z.object({ id: EntityId })).query(({ ctx, input }) => getImport(ctx, viewerOf(ctx), input)),
  /** The header, a mapping (given, last used, or guessed from the header's zh/en names) and the first rows with each cell's problem. */
  preview: managerProcedure.input(z.object({ id: EntityId, sheet, mapping: ImportMapping.optional() })).query(({ ctx, input }) => previewImport(ctx, viewerOf(ctx), input)),
  /** 'check': a dry run (N new, M updated, K refused, nothing kept); 'import': the import. */
  start: managerProcedure
    .input(z.object({ id: EntityId, phase: z.enum(['check', 'import']), sheet, mapping: ImportMapping, startJourneys: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => (await startImport(ctx.deps, viewerOf(ctx), input)).job),
  rejects: managerProcedure
    .input(z.object({ id: EntityId, phase: z.enum(['check', 'import']), limit: z.number().int().min(1).max(200).default(50), afterRow: z.number().int().min(0).optional() }))
    .query(({ ctx, input }) => importRejects(ctx, viewerOf(ctx), input)),
});
