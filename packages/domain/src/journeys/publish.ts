import { createHash } from 'node:crypto';
import type { JourneyGraph } from '@sopline/graph';
import { validateGraph } from '@sopline/graph';
import type { JourneyVersion } from '@sopline/db';
import { repos, retryOnUniqueViolation } from '@sopline/db';
import { errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import { referenceProblems } from './references.ts';

/** Stable JSON (sorted keys), so equal graphs hash equally whatever order the editor wrote them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function hashGraph(graph: JourneyGraph): string {
  return createHash('sha256').update(canonical(graph)).digest('hex');
}

/**
 * Strict validation, then each node's config parsed by its own schema (defaults filled in): the
 * graph exactly as the engine will walk it. Invalid → 'journey.invalid' with the problems.
 */
export function freezeGraph(registry: Pick<DomainDeps, 'registry'>['registry'], input: unknown): { graph: JourneyGraph; triggerType: string } {
  const result = validateGraph(input, registry);
  if (!result.ok) throw errors.invalidJourney(result.problems);
  const graph: JourneyGraph = {
    ...result.graph,
    nodes: result.graph.nodes.map((n) => ({ ...n, config: registry.get(n.type)!.config.parse(n.config) as Record<string, unknown> })),
  };
  const trigger = graph.nodes.find((n) => registry.get(n.type)?.category === 'trigger')!;
  return { graph, triggerType: trigger.type };
}

/**
 * Validates strictly and freezes the graph as a new immutable version, with each node's config
 * parsed by its own schema (defaults filled in), so the engine never re-interprets a version.
 */
export async function publishJourney(
  deps: Pick<DomainDeps, 'db' | 'registry'>,
  input: { workspaceId: string; journeyId: string; graph?: unknown; notes?: string; userId?: string | null },
): Promise<JourneyVersion> {
  const journey = await repos(deps.db).journeys.get(input.workspaceId, input.journeyId);
  if (!journey) throw errors.notFound('旅程 / journey', input.journeyId);
  const { graph, triggerType } = freezeGraph(deps.registry, input.graph ?? journey.draft_graph);
  // The workspace's own catalogues: every property and stage the journey names must exist there.
  const missing = await referenceProblems(deps, input.workspaceId, graph);
  if (missing.length > 0) throw errors.invalidJourney(missing);
  // Two publishes at once (PostgreSQL) both read the same last version number: the loser's insert hits
  // the unique (journey, version) and its retry takes the next number.
  return retryOnUniqueViolation(() => deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const version = await r.versions.insert({
      workspaceId: input.workspaceId,
      journeyId: input.journeyId,
      graph,
      graphHash: hashGraph(graph),
      triggerType,
      notes: (input.notes ?? '').slice(0, 2000),
      userId: input.userId ?? null,
    });
    await r.journeys.setLive(input.journeyId, version.id);
    return version;
  }));
}
