import type { JourneyRow } from '@sopline/db';
import { repos } from '@sopline/db';
import { JourneyGraph as GraphSchema } from '@sopline/graph';
import { errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import { findJourney } from './drafts.ts';

type Deps = Pick<DomainDeps, 'db'>;
type Person = { id: string; name: string | null } | null;
const person = (id: string | null, name: string | null): Person => (id ? { id, name } : null);

export type JourneyListItem = {
  id: string;
  name: string;
  status: JourneyRow['status'];
  liveVersion: number | null;
  /** Customers in the journey now: open (active or waiting) enrollments. */
  inJourney: number;
  /** Enrollments that started in the period (the cohort, as on the dashboard's journey card). */
  entered: number;
  /** Of those, the ones that have reached the journey's goal so far. */
  reachedGoal: number;
  /** Whether the live version has a goal; without one nothing can reach it. */
  hasGoal: boolean;
  /** reachedGoal / entered; null without a goal or when nobody entered. */
  goalRate: number | null;
  /** Customers stopped by a failed step now, waiting for an operator to retry or skip them. */
  failed: number;
  updatedAt: string;
  updatedBy: Person;
};

// Published versions never change, so whether one has a goal is remembered for good.
const versionHasGoal = new Map<string, boolean>();
const GOAL_CACHE_LIMIT = 5000;

/** Whether each version has a goal: remembered ones, and the rest read in one query. */
async function goalsOf(deps: Deps, workspaceId: string, versionIds: string[]): Promise<Map<string, boolean>> {
  const missing = versionIds.filter((id) => !versionHasGoal.has(id));
  for (const v of await repos(deps.db).versions.many(workspaceId, missing)) {
    const parsed = GraphSchema.safeParse(v.graph);
    if (versionHasGoal.size >= GOAL_CACHE_LIMIT) versionHasGoal.delete(versionHasGoal.keys().next().value!);
    versionHasGoal.set(v.id, parsed.success && parsed.data.settings.goal !== null);
  }
  return new Map(versionIds.map((id) => [id, versionHasGoal.get(id) ?? false]));
}

/** The journeys with their numbers for [from, to): one query for all of them (not one per journey). */
export async function listJourneys(
  deps: Deps,
  input: { workspaceId: string; search?: string; includeArchived?: boolean; limit?: number; from: Date; to: Date },
): Promise<JourneyListItem[]> {
  const rows = await repos(deps.db).journeys.list(input.workspaceId, {
    search: input.search,
    includeArchived: input.includeArchived,
    limit: input.limit ?? 200,
    period: { fromIso: input.from.toISOString(), toIso: input.to.toISOString() },
  });
  const goals = await goalsOf(deps, input.workspaceId, rows.flatMap((r) => (r.live_version_id ? [r.live_version_id] : [])));
  return rows.map((r) => {
    const hasGoal = r.live_version_id ? (goals.get(r.live_version_id) ?? false) : false;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      liveVersion: r.live_version,
      inJourney: r.in_journey,
      entered: r.entered,
      reachedGoal: r.reached_goal,
      hasGoal,
      goalRate: hasGoal && r.entered > 0 ? r.reached_goal / r.entered : null,
      failed: r.failed,
      updatedAt: r.updated_at,
      updatedBy: person(r.updated_by, r.updated_by_name),
    };
  });
}

export async function getJourney(deps: Deps, input: { workspaceId: string; journeyId: string }) {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  const editor = await repos(deps.db).journeys.draftEditor(input.workspaceId, journey.id);
  return {
    id: journey.id,
    name: journey.name,
    status: journey.status,
    graph: journey.draft_graph,
    revision: journey.draft_revision,
    liveVersionId: journey.live_version_id,
    updatedAt: journey.updated_at,
    updatedBy: person(journey.updated_by, editor?.userName ?? null),
  };
}

const nodeCount = (graph: string): number => {
  const nodes = (JSON.parse(graph) as { nodes?: unknown }).nodes;
  return Array.isArray(nodes) ? nodes.length : 0;
};

export async function listVersions(deps: Deps, input: { workspaceId: string; journeyId: string }) {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  const rows = await repos(deps.db).journeys.versions(input.workspaceId, journey.id);
  return rows.map((v) => ({
    id: v.id,
    version: v.version,
    notes: v.notes,
    publishedAt: v.published_at,
    publishedBy: person(v.published_by, v.published_by_name),
    nodeCount: nodeCount(v.graph),
    graphHash: v.graph_hash,
    live: v.id === journey.live_version_id,
  }));
}

/** One published version, read-only. */
export async function getVersion(deps: Deps, input: { workspaceId: string; journeyId: string; versionId: string }) {
  const version = await repos(deps.db).versions.getInWorkspace(input.workspaceId, input.versionId);
  if (!version || version.journey_id !== input.journeyId) throw errors.notFound('旅程版本 / journey version', input.versionId);
  return { id: version.id, journeyId: version.journey_id, version: version.version, notes: version.notes, publishedAt: version.published_at, graph: version.graph, graphHash: version.graph_hash };
}
