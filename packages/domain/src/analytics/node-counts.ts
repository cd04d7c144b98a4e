import { repos } from '@sopline/db';
import { errors } from '../errors.ts';
import { loadVersion } from '../journeys/compile.ts';
import { findJourney } from '../journeys/drafts.ts';
import type { DomainDeps } from '../ports.ts';

export type NodeCount = {
  nodeId: string;
  type: string;
  label: string | null;
  /** Distinct customers who reached this node in this version. */
  entered: number;
  /** Enrollments waiting at this node now. */
  waitingNow: number;
  /** Enrollments that ended here (exit node, goal reached while waiting here, cancelled, stopped by the loop guard). */
  exited: number;
  /** Enrollments a failed step stopped at this node, waiting for an operator to retry or skip them. */
  failed: number;
};

/** The canvas overlay: per node of one version (default: the live one), who passed, waits and left. */
export async function nodeCounts(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; journeyId: string; versionId?: string }): Promise<{ versionId: string | null; version: number | null; nodes: NodeCount[] }> {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  const versionId = input.versionId ?? journey.live_version_id;
  if (!versionId) return { versionId: null, version: null, nodes: [] };
  const r = repos(deps.db);
  const row = await r.versions.getInWorkspace(input.workspaceId, versionId);
  if (!row || row.journey_id !== journey.id) throw errors.notFound('旅程版本 / journey version', versionId);
  const version = await loadVersion(deps.db, versionId);
  const byNode = (rows: Array<{ n: number } & Record<string, unknown>>, key: string) => new Map(rows.map((x) => [x[key] as string, x.n]));
  const entered = byNode(await r.analytics.enteredByNode(input.workspaceId, versionId), 'node_id');
  const waiting = byNode(await r.analytics.enrollmentsByCursor(input.workspaceId, versionId, 'waiting'), 'cursor_node_id');
  const ended = byNode(await r.analytics.enrollmentsByCursor(input.workspaceId, versionId, 'ended'), 'cursor_node_id');
  const failed = byNode(await r.analytics.failedByNode(input.workspaceId, versionId), 'failed_node_id');
  // Everyone enrolled passed the trigger, including a customer whose first run failed further on and
  // was rolled back whole (it left no step at the trigger): the journeys list counts them as entered too.
  const enrolled = await r.analytics.enrolledCustomers(input.workspaceId, versionId);
  return {
    versionId,
    version: row.version,
    nodes: version.nodes.map((n) => ({
      nodeId: n.id,
      type: n.type,
      label: n.label ?? null,
      entered: n.type === row.trigger_type ? Math.max(enrolled, entered.get(n.id) ?? 0) : (entered.get(n.id) ?? 0),
      waitingNow: waiting.get(n.id) ?? 0,
      exited: ended.get(n.id) ?? 0,
      failed: failed.get(n.id) ?? 0,
    })),
  };
}
