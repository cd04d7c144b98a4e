import type { StoredEvent } from '@sopline/db';
import { repos } from '@sopline/db';
import type { EventFilter } from '@sopline/graph';
import { matchesEvent } from '@sopline/graph';
import { enrolCustomer } from '../enrollments/enrol.ts';
import { toCustomerEvent } from '../engine/step-context.ts';
import { DomainError } from '../errors.ts';
import { listenedKinds, loadVersion } from '../journeys/compile.ts';
import type { DomainDeps } from '../ports.ts';

/**
 * Acts on one stored event, in this order: (1) start journeys whose trigger matches, (2) wake
 * enrollments waiting for such an event, (3) exit enrollments whose journey goal it reaches (a goal
 * replaces the wake-up for that enrollment).
 * Every action is idempotent, so a crash half-way through is repaired by dispatching again.
 */
export async function dispatchEvent(deps: DomainDeps, stored: StoredEvent): Promise<{ started: number; woken: number; goals: number }> {
  const r = repos(deps.db);
  const event = toCustomerEvent(stored);
  // Read before (1): an enrollment started by this very event must not be woken or exited by it —
  // nor when the event is dispatched again after a failure, once its enrollment already exists.
  const open = (await r.enrollments.openOfCustomer(stored.customer_id)).filter((e) => e.trigger_event_id !== stored.id);
  let started = 0;
  let woken = 0;
  let goals = 0;

  const triggers = deps.registry.triggersFor(event.kind);
  const versions = await r.versions.liveByTrigger(stored.workspace_id, triggers.map((t) => t.type));
  for (const row of versions) {
    const version = await loadVersion(deps.db, row.id);
    const def = triggers.find((t) => t.type === version.trigger.type)!;
    if (!def.matches(event, def.config.parse(version.trigger.config) as never)) continue;
    try {
      const result = await enrolCustomer(deps, { workspaceId: stored.workspace_id, journeyId: version.journeyId, customerId: stored.customer_id, triggerEventId: stored.id });
      if (result.enrolled) started += 1;
    } catch (err) {
      // A journey paused since the lookup is not an error of this event.
      if (!(err instanceof DomainError)) throw err;
    }
  }

  for (const e of open) {
    const run = { workflowId: e.workflow_id, enrollmentId: e.id };
    const version = await loadVersion(deps.db, e.version_id);
    // A goal outranks a wake-up: the customer leaves rather than taking the wait's "matched" exit.
    if (version.settings.goal && matchesEvent(event, version.settings.goal)) {
      await deps.runner.signalGoal(run, stored.id);
      goals += 1;
    } else if (e.status === 'waiting' && e.wait_event_kind !== null) {
      if (e.wait_event_kind === event.kind && e.wait_event_filter && matchesEvent(event, JSON.parse(e.wait_event_filter) as EventFilter)) {
        await deps.runner.signalEvent(run, stored.id);
        woken += 1;
      }
    } else if (listenedKinds(version, deps.registry).has(event.kind)) {
      // Not in an event wait right now, but its journey has one for this kind: the run may be
      // between steps on its way there. The workflow keeps events that arrive while its steps run
      // and drops those that arrive during a plain wait, so nothing is missed and nothing is early.
      await deps.runner.signalEvent(run, stored.id);
      woken += 1;
    }
  }
  return { started, woken, goals };
}

/**
 * Drains undispatched events in arrival order. Stops at the first failure (e.g. Temporal is down)
 * so later events never overtake an earlier one; the next call retries from there.
 */
export async function dispatchPending(deps: DomainDeps, options: { limit?: number } = {}): Promise<{ dispatched: number; failed: string | null }> {
  const r = repos(deps.db);
  const pending = await r.events.pending(options.limit ?? 200);
  let dispatched = 0;
  for (const event of pending) {
    try {
      await dispatchEvent(deps, event);
      await r.events.markDispatched(event.id);
      dispatched += 1;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await r.events.markFailed(event.id, message);
      return { dispatched, failed: message };
    }
  }
  return { dispatched, failed: null };
}

/** Runs dispatchPending in a loop until stopped; `poke()` makes it look again at once. */
export function startDispatcher(deps: DomainDeps, options: { intervalMs?: number; onError?: (message: string) => void } = {}) {
  const interval = options.intervalMs ?? 500;
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let more = false;
      try {
        const result = await dispatchPending(deps);
        if (result.failed) options.onError?.(result.failed);
        more = result.dispatched > 0 && !result.failed;
      } catch (err) {
        options.onError?.(err instanceof Error ? err.message : String(err));
      }
      if (!more && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, interval);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    poke: () => wake?.(),
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
