import type { EnrollmentStatus } from '@sopline/db';
import { repos } from '@sopline/db';
import { loadVersion } from '../journeys/compile.ts';
import { findJourney } from '../journeys/drafts.ts';
import type { DomainDeps } from '../ports.ts';
import { parseFailure } from '../engine/failure.ts';

function failureOf(json: string | null) {
  const f = parseFailure(json);
  return f ? { code: f.code, text: f.text, nodeId: f.nodeId, nodeType: f.nodeType, error: f.error, at: f.at } : null;
}

/** One page of a journey's enrollments with the customer's name and the node each one is at. */
export async function listEnrollments(
  deps: Pick<DomainDeps, 'db'>,
  input: { workspaceId: string; journeyId: string; nodeId?: string; status?: EnrollmentStatus | 'open'; offset: number; limit: number },
) {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  const r = repos(deps.db);
  const { rows, total } = await r.enrollments.page(input.workspaceId, { journeyId: journey.id, nodeId: input.nodeId, status: input.status }, { offset: input.offset, limit: input.limit });
  const versionNumbers = new Map((await r.journeys.versions(input.workspaceId, journey.id)).map((v) => [v.id, v.version]));
  const items = [];
  for (const e of rows) {
    const node = e.cursor_node_id ? (await loadVersion(deps.db, e.version_id)).node(e.cursor_node_id) : undefined;
    items.push({
      id: e.id,
      customer: { id: e.customer_id, name: e.customer_name },
      status: e.status,
      versionId: e.version_id,
      version: versionNumbers.get(e.version_id) ?? null,
      node: node ? { id: node.id, type: node.type, label: node.label ?? null } : e.cursor_node_id ? { id: e.cursor_node_id, type: null, label: null } : null,
      waitUntil: e.wait_until,
      waitingFor: e.wait_event_kind,
      exitReason: e.exit_reason,
      // Why a step failed (both languages), where, and the error itself: what "retry" or "skip" acts on.
      failure: failureOf(e.failure),
      startedAt: e.started_at,
      endedAt: e.ended_at,
    });
  }
  return { total, items };
}
