import type { JourneyRow, JourneyVersion } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { DomainError } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import { findJourney, journeyErrors } from './drafts.ts';
import { publishJourney } from './publish.ts';

type Status = JourneyRow['status'];

const cannot = (action: 'pause' | 'resume', status: Status) =>
  new DomainError(
    'journey.status',
    action === 'pause'
      ? text(`只有运行中的旅程可以暂停（当前：${status}）`, `Only a live journey can be paused (it is ${status})`)
      : text(`只有已暂停的旅程可以恢复（当前：${status}）`, `Only a paused journey can be resumed (it is ${status})`),
  );

/**
 * Publishes the SAVED draft (strictly validated) as a new immutable version. `revision`, when given,
 * must still be the draft's revision, so an operator publishes exactly what they reviewed.
 */
export async function publishDraft(
  deps: Pick<DomainDeps, 'db' | 'registry'>,
  input: { workspaceId: string; journeyId: string; notes?: string; revision?: number; userId: string | null },
): Promise<JourneyVersion> {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  if (journey.status === 'archived') throw journeyErrors.archived();
  if (input.revision !== undefined && input.revision !== journey.draft_revision) {
    const editor = await repos(deps.db).journeys.draftEditor(input.workspaceId, journey.id);
    throw journeyErrors.conflict({
      currentRevision: journey.draft_revision,
      savedAt: editor?.updatedAt ?? null,
      savedBy: editor?.userId ? { id: editor.userId, name: editor.userName } : null,
    });
  }
  return publishJourney(deps, { workspaceId: input.workspaceId, journeyId: journey.id, graph: journey.draft_graph, notes: input.notes, userId: input.userId });
}

/**
 * Pausing stops ENTRIES only: triggers no longer enrol and manual or bulk enrolment is refused.
 * Customers already in the journey keep going, waits included — their timers and awaited events run
 * on as before, so nobody's schedule shifts by the length of the pause. (Holding them would need the
 * engine to park every run; cancel or migrate them if they must not continue.)
 */
export async function pauseJourney(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; journeyId: string }): Promise<{ status: Status }> {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  if (journey.status === 'paused') return { status: 'paused' };
  if (!(await repos(deps.db).journeys.transition(input.workspaceId, journey.id, ['live'], 'paused'))) throw cannot('pause', journey.status);
  return { status: 'paused' };
}

export async function resumeJourney(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; journeyId: string }): Promise<{ status: Status }> {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  if (journey.status === 'live') return { status: 'live' };
  if (!(await repos(deps.db).journeys.transition(input.workspaceId, journey.id, ['paused'], 'live'))) throw cannot('resume', journey.status);
  return { status: 'live' };
}

/**
 * Archiving is final: no new entrants, the journey leaves the default list and becomes read-only.
 * Customers in flight finish the version they are in (cancel them one by one to stop them).
 */
export async function archiveJourney(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; journeyId: string }): Promise<{ status: Status }> {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  await repos(deps.db).journeys.transition(input.workspaceId, journey.id, ['draft', 'live', 'paused'], 'archived');
  return { status: 'archived' };
}
