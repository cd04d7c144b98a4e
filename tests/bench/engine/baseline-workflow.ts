// The hand-written baseline: the least a Temporal workflow can do for one customer of the reference
// journey — the same runs of activities (4), the same timers between them (3), the same rows written
// — with none of our engine. Bundled by the baseline worker; never imported by Node directly.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline-worker.ts';

// The same activity options as the journey workflow's runSteps.
const { write } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export type BaselineInput = { id: string; waitMs: number; rows: number[] };

export async function baselineWorkflow(input: BaselineInput): Promise<void> {
  for (let run = 0; run < input.rows.length; run += 1) {
    if (run > 0) await sleep(input.waitMs);
    await write({ id: input.id, run, rows: input.rows[run]!, last: run === input.rows.length - 1 });
  }
}
