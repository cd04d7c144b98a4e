import {
  archiveJourney,
  createJourney,
  createJourneyFromTemplate,
  duplicateJourney,
  findJourney,
  getJourney,
  getVersion,
  listJourneys,
  listVersions,
  MAX_HORIZON_DAYS,
  migrateEnrollments,
  pauseJourney,
  publishDraft,
  renameJourney,
  resumeJourney,
  saveJourneyDraft,
  simulateJourney,
  validateJourney,
} from '@sopline/domain';
import { EventKind, LIMITS, NodeId } from '@sopline/graph';
import { z } from 'zod';
import { managerProcedure, router } from '../trpc.ts';
import { lastDaysIn, Period, scoped } from './period.ts';

const DEFAULT_PERIOD_DAYS = 30;

const Id = z.string().min(1).max(64);
const Name = z.string().trim().min(1).max(LIMITS.nameLength);
const ById = z.object({ id: Id });
// Drafts arrive as `unknown`: the domain checks their shape (not their completeness), so a half-built
// journey saves and a malformed one gets problems with paths rather than a bare 400.
const Graph = z.unknown();

// Parameters stay `unknown` here: the template's own schema checks them, with messages per field.
const TemplateChoice = z.object({ id: z.string().min(1).max(64), locale: z.enum(['zh-CN', 'en']), params: z.unknown().optional() });

const Tags = z.array(z.string().trim().min(1).max(64)).max(50);
const SimCustomer = z.union([
  z.object({ id: Id }),
  z.object({
    hypothetical: z.object({
      name: z.string().trim().min(1).max(200),
      stage: z.string().trim().min(1).max(64).nullish(),
      tags: Tags.optional(),
      properties: z.record(z.string(), z.unknown()).optional(),
      timezone: z.string().max(64).nullish(),
      purchases: z
        .array(
          z.object({
            daysAgo: z.number().min(0).max(3650),
            amount: z.number().nonnegative().max(1e12),
            product: z.string().trim().min(1).max(200).optional(),
            category: z.string().trim().min(1).max(200).optional(),
          }),
        )
        .max(100)
        .optional(),
    }),
  }),
]);
const SimEvent = z.object({ afterDays: z.number().min(0).max(MAX_HORIZON_DAYS), kind: EventKind, payload: z.record(z.string(), z.unknown()).default({}) });

/** Journeys: drafting, publishing and operating them. Ops managers and admins only. */
export const journeysRouter = router({
  /** With each journey's numbers: entered in the period (default: the last 30 days), in it now, goal conversion. */
  list: managerProcedure
    .input(
      z
        .object({
          search: z.string().trim().max(LIMITS.nameLength).optional(),
          includeArchived: z.boolean().default(false),
          limit: z.number().int().min(1).max(500).default(200),
          period: Period.optional(),
        })
        .default({ includeArchived: false, limit: 200 }),
    )
    .query(({ ctx, input }) =>
      listJourneys(ctx.deps, {
        ...(input.period ? scoped(ctx, input.period) : { workspaceId: ctx.session.workspace.id, ...lastDaysIn(ctx.session.workspace.timezone, DEFAULT_PERIOD_DAYS) }),
        search: input.search || undefined,
        includeArchived: input.includeArchived,
        limit: input.limit,
      }),
    ),

  get: managerProcedure.input(ById).query(({ ctx, input }) => getJourney(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id })),

  /**
   * From a graph, from a template (written in `template.locale`, its parameters checked by the
   * template: bad ones fail with `data.domain.problems` at ['params', key]), or else a lone manual trigger.
   */
  create: managerProcedure
    .input(
      z
        .object({ name: Name, graph: Graph.optional(), template: TemplateChoice.optional() })
        .refine((v) => v.graph === undefined || v.template === undefined, { message: 'give a graph or a template, not both', path: ['template'] }),
    )
    .mutation(async ({ ctx, input }) => {
      const base = { workspaceId: ctx.session.workspace.id, name: input.name, userId: ctx.session.user.id };
      const journey = input.template
        ? await createJourneyFromTemplate(ctx.deps, { ...base, templateId: input.template.id, lang: input.template.locale, params: input.template.params })
        : await createJourney(ctx.deps, { ...base, graph: input.graph });
      return { id: journey.id, revision: journey.draft_revision };
    }),

  rename: managerProcedure.input(z.object({ id: Id, name: Name })).mutation(async ({ ctx, input }) => {
    await renameJourney(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id, name: input.name, userId: ctx.session.user.id });
    return { ok: true };
  }),

  duplicate: managerProcedure.input(z.object({ id: Id, name: Name })).mutation(async ({ ctx, input }) => {
    const journey = await duplicateJourney(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id, name: input.name, userId: ctx.session.user.id });
    return { id: journey.id, revision: journey.draft_revision };
  }),

  archive: managerProcedure.input(ById).mutation(({ ctx, input }) => archiveJourney(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id })),

  /** A stale `baseRevision` fails with CONFLICT; `data.domain.details` has the current revision and who saved it. */
  saveDraft: managerProcedure
    .input(z.object({ id: Id, graph: Graph, baseRevision: z.number().int().min(1) }))
    .mutation(({ ctx, input }) =>
      saveJourneyDraft(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id, graph: input.graph, baseRevision: input.baseRevision, userId: ctx.session.user.id }),
    ),

  /**
   * Strict problems of the saved draft, or of `graph` when given (unsaved edits). A mutation only so
   * the graph travels in a POST body, not a GET URL; it changes nothing.
   */
  validate: managerProcedure
    .input(z.object({ id: Id, graph: Graph.optional() }))
    .mutation(({ ctx, input }) => validateJourney(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id, graph: input.graph })),

  /**
   * Dry run of the saved draft (or `graph`, unsaved edits) for a real or hypothetical customer:
   * the path, the tasks and how it ends, by the engine's own executors. Writes nothing.
   */
  simulate: managerProcedure
    .input(
      z.object({
        id: Id,
        graph: Graph.optional(),
        customer: SimCustomer,
        events: z.array(SimEvent).max(50).default([]),
        horizonDays: z.number().int().min(1).max(MAX_HORIZON_DAYS).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.session.workspace.id;
      const journey = await findJourney(ctx.deps, workspaceId, input.id);
      return simulateJourney(ctx.deps, {
        workspaceId,
        graph: input.graph === undefined ? journey.draft_graph : input.graph,
        customer: input.customer,
        events: input.events,
        horizonDays: input.horizonDays,
      });
    }),

  /** Publishes the saved draft; an invalid one fails with BAD_REQUEST and `data.domain.problems` by node. */
  publish: managerProcedure
    .input(z.object({ id: Id, notes: z.string().max(2000).default(''), revision: z.number().int().min(1).optional() }))
    .mutation(async ({ ctx, input }) => {
      const v = await publishDraft(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id, notes: input.notes, revision: input.revision, userId: ctx.session.user.id });
      return { id: v.id, version: v.version, notes: v.notes, publishedAt: v.published_at, graphHash: v.graph_hash };
    }),

  versions: managerProcedure.input(ById).query(({ ctx, input }) => listVersions(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id })),

  version: managerProcedure
    .input(z.object({ id: Id, versionId: Id }))
    .query(({ ctx, input }) => getVersion(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id, versionId: input.versionId })),

  /** Stops new entries; customers already in it carry on, waits included (see pauseJourney). */
  pause: managerProcedure.input(ById).mutation(({ ctx, input }) => pauseJourney(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id })),
  resume: managerProcedure.input(ById).mutation(({ ctx, input }) => resumeJourney(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.id })),

  /** Moves open enrollments to `toVersionId` (default: live). Dry run unless `dryRun: false`. */
  migrate: managerProcedure
    .input(
      z.object({
        id: Id,
        toVersionId: Id.optional(),
        fromVersionIds: z.array(Id).min(1).max(100).optional(),
        mapping: z
          .record(NodeId, NodeId)
          .refine((m) => Object.keys(m).length <= LIMITS.nodes, { message: `at most ${LIMITS.nodes} mapped nodes` })
          .default({}),
        dryRun: z.boolean().default(true),
      }),
    )
    .mutation(({ ctx, input }) =>
      migrateEnrollments(ctx.deps, {
        workspaceId: ctx.session.workspace.id,
        journeyId: input.id,
        toVersionId: input.toVersionId,
        fromVersionIds: input.fromVersionIds,
        mapping: input.mapping,
        dryRun: input.dryRun,
      }),
    ),
});
