import { repos } from '@sopline/db';
import { runSteps } from '../engine/run-steps.ts';
import { errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';

/** At most this many enrollments per call (a node's whole failed list is paged by the caller). */
export const MAX_RETRY = 500;

/**
 * Runs again the failed step of each enrollment (after its plugin was installed or its config fixed),
 * or, with `skip`, passes the node that failed by its first way out. The step runs here at once (the
 * same compare-and-set as any run, so a racing workflow cannot run it twice), then the enrollment's
 * workflow is told, so it picks up where the customer now stands. Enrollments of another workspace
 * refuse the whole call; ones that are no longer failed are counted, not touched.
 */
export async function retryEnrollments(
  deps: DomainDeps,
  input: { workspaceId: string; enrollmentIds: string[]; skip: boolean; now?: Date },
): Promise<{ retried: number; stillFailed: number; notFailed: number }> {
  const r = repos(deps.db);
  const ids = [...new Set(input.enrollmentIds)];
  const rows = [];
  for (const id of ids) {
    const e = await r.enrollments.getInWorkspace(input.workspaceId, id);
    if (!e) throw errors.notFound('旅程中的客户 / enrollment', id);
    rows.push(e);
  }
  let retried = 0;
  let stillFailed = 0;
  let notFailed = 0;
  for (const e of rows) {
    if (e.status !== 'failed' || e.failure === null) {
      notFailed += 1;
      continue;
    }
    const outcome = await runSteps(deps, { enrollmentId: e.id, seq: e.step_seq, now: (input.now ?? new Date()).getTime(), resume: { kind: 'retry', skip: input.skip } });
    if (!outcome.done && outcome.failed) stillFailed += 1;
    else retried += 1;
    // The workflow waits for this word; whatever it finds when it looks is where the customer now is.
    await deps.runner.retry({ workflowId: e.workflow_id, enrollmentId: e.id }, input.skip);
  }
  return { retried, stillFailed, notFailed };
}
