import type { JourneyRow } from '@sopline/db';
import { repos } from '@sopline/db';
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
  updatedAt: string;
  updatedBy: Person;
};

export async function listJourneys(deps: Deps, input: { workspaceId: string; search?: string; includeArchived?: boolean; limit?: number }): Promise<JourneyListItem[]> {
  const rows = await repos(deps.db).journeys.list(input.workspaceId, { search: input.search, includeArchived: input.includeArchived, limit: input.limit ?? 200 });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    liveVersion: r.live_version,
    inJourney: r.in_journey,
    updatedAt: r.updated_at,
    updatedBy: person(r.updated_by, r.updated_by_name),
  }));
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
