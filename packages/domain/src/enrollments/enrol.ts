import type { Db } from '@sopline/db';
import { newId, repos } from '@sopline/db';
import { errors } from '../errors.ts';
import { loadVersion } from '../journeys/compile.ts';
import type { DomainDeps } from '../ports.ts';

export type EnrolResult =
  | { enrolled: true; enrollmentId: string; workflowId: string; versionId: string }
  | { enrolled: false; reason: 'already-entered' | 'in-journey'; enrollmentId: string };

export function workflowIdFor(journeyId: string, customerId: string, entryKey: string | null): string {
  const base = `journey:${journeyId}:customer:${customerId}`;
  return entryKey === null ? base : `${base}:${entryKey}`;
}

/**
 * Puts a customer into the journey's live version, honouring its re-entry rule. The database row
 * comes first (unique per journey, customer and entry key), then the durable run; a retry with the
 * same trigger event finds the row and only (re)starts its run, so nobody is enrolled twice.
 */
export async function enrolCustomer(
  deps: DomainDeps,
  input: { workspaceId: string; journeyId: string; customerId: string; triggerEventId?: string | null },
): Promise<EnrolResult> {
  const row = await deps.db.transaction().execute((trx) => insertEnrollment(trx, input));
  if ('reason' in row) return row;
  await deps.runner.start({ workflowId: row.workflowId, enrollmentId: row.enrollmentId });
  return row;
}

async function insertEnrollment(
  db: Db,
  input: { workspaceId: string; journeyId: string; customerId: string; triggerEventId?: string | null },
): Promise<EnrolResult> {
  const r = repos(db);
  const journey = await r.journeys.get(input.workspaceId, input.journeyId);
  if (!journey) throw errors.notFound('旅程 / journey', input.journeyId);
  if (journey.status !== 'live' || !journey.live_version_id) throw errors.notLive();
  const customer = await r.customers.get(input.workspaceId, input.customerId);
  if (!customer) throw errors.notFound('客户 / customer', input.customerId);
  const version = await loadVersion(db, journey.live_version_id);
  const previous = await r.enrollments.ofJourneyCustomer(journey.id, customer.id);
  const triggerEventId = input.triggerEventId ?? null;
  const replay = triggerEventId ? previous.find((e) => e.trigger_event_id === triggerEventId) : undefined;

  let entryKey: string | null;
  if (replay) {
    entryKey = replay.entry_key === 'once' ? null : replay.entry_key;
  } else {
    switch (version.settings.reentry) {
      case 'never':
        if (previous[0]) return { enrolled: false, reason: 'already-entered', enrollmentId: previous[0].id };
        entryKey = null;
        break;
      case 'after-exit': {
        const open = previous.find((e) => e.status === 'active' || e.status === 'waiting');
        if (open) return { enrolled: false, reason: 'in-journey', enrollmentId: open.id };
        entryKey = triggerEventId ?? `n${previous.length + 1}`;
        break;
      }
      case 'always':
        entryKey = triggerEventId ?? newId();
        break;
    }
  }
  const workflowId = workflowIdFor(journey.id, customer.id, entryKey);
  const { enrollment } = await r.enrollments.insertOnce({
    workspaceId: input.workspaceId,
    journeyId: journey.id,
    versionId: version.versionId,
    customerId: customer.id,
    entryKey: entryKey ?? 'once',
    workflowId,
    triggerEventId,
  });
  return { enrolled: true, enrollmentId: enrollment.id, workflowId: enrollment.workflow_id, versionId: enrollment.version_id };
}
