import type { EnrollmentRow } from '@sopline/db';
import { repos } from '@sopline/db';
import { runSteps } from '../engine/run-steps.ts';
import { CLOSED } from '../engine/outcome.ts';
import { errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';

/**
 * Cancels one enrollment. The row is closed at once through runSteps' 'cancel' (a compare-and-set at
 * the current step_seq), so lists show it and even a run whose workflow is gone ends; the signal then
 * wakes the workflow, whose next step finds the enrollment closed and ends as 'cancelled'. If a run of
 * steps commits first, the compare-and-set loses (the result still shows the open status) and the
 * signal alone cancels it as soon as that run is over.
 */
export async function cancelEnrollment(deps: DomainDeps, input: { workspaceId: string; enrollmentId: string; now?: Date }): Promise<{ cancelled: boolean; status: EnrollmentRow['status'] }> {
  const r = repos(deps.db);
  const e = await r.enrollments.getInWorkspace(input.workspaceId, input.enrollmentId);
  if (!e) throw errors.notFound('旅程中的客户 / enrollment', input.enrollmentId);
  // A failed step's enrollment is waiting for an operator: cancelling it is one of their answers.
  if (CLOSED.has(e.status) && !(e.status === 'failed' && e.failure !== null)) return { cancelled: e.status === 'cancelled', status: e.status };
  const outcome = await runSteps(deps, { enrollmentId: e.id, seq: e.step_seq, now: (input.now ?? new Date()).getTime(), resume: { kind: 'cancel' } });
  try {
    await deps.runner.cancel({ workflowId: e.workflow_id, enrollmentId: e.id });
  } catch (err) {
    // Already closed in the database: the workflow ends by itself the next time it wakes.
    if (!outcome.done) throw err;
  }
  const now = (await r.enrollments.get(e.id))!;
  return { cancelled: now.status === 'cancelled', status: now.status };
}
