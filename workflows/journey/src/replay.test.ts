import { readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleJourneyWorkflows } from './worker.ts';

// Histories recorded with the workflow code from before runSteps became a local activity: a customer
// who went through a 3-day wait, a branch, an offer and a purchase wait that a purchase signal ended,
// and one still waiting for that purchase. Runs like these are in flight for weeks when a new worker
// is deployed; it must replay them exactly, or they fail with a non-determinism error.
const recorded = (name: string) => historyFromJSON(JSON.parse(readFileSync(new URL(`./workflows/histories/${name}.json`, import.meta.url), 'utf8')));

describe('replaying runs recorded by earlier workflow code', () => {
  it.each(['activity-steps-completed', 'activity-steps-waiting'])('%s replays without a non-determinism error', async (name) => {
    const history = recorded(name);
    const types = (history.events ?? []).map((e) => Number(e.eventType));
    // 10 = ACTIVITY_TASK_SCHEDULED: these really are runs from before the patch.
    expect(types).toContain(10);
    await expect(Worker.runReplayHistory({ workflowBundle: await bundle() }, history)).resolves.toBeUndefined();
  }, 60_000);
});

let bundled: ReturnType<typeof bundleJourneyWorkflows> | undefined;
const bundle = () => (bundled ??= bundleJourneyWorkflows());
