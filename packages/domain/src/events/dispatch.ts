import type { StoredEvent } from '@sopline/db';
import { repos } from '@sopline/db';
import type { EventFilter } from '@sopline/graph';
import { matchesEvent } from '@sopline/graph';
import { enrolCustomer } from '../enrollments/enrol.ts';
import { toCustomerEvent } from '../engine/step-context.ts';
import { DomainError } from '../errors.ts';
import { DEFAULT_LEASE_MS, holderId } from '../leases.ts';
import { listenedKinds, loadVersion } from '../journeys/compile.ts';
import type { DomainDeps } from '../ports.ts';
import { startLoop } from '../loop.ts';
import { describeError } from '../engine/failure.ts';

/**
 * Acts on one stored event, in this order: (1) start journeys whose trigger matches, (2) wake
 * enrollments waiting for such an event, (3) exit enrollments whose journey goal it reaches (a goal
 * replaces the wake-up for that enrollment).
 * Every action is idempotent, so a crash half-way through is repaired by dispatching again.
 */
export async function dispatchEvent(deps: DomainDeps, stored: StoredEvent, note?: (message: string) => void): Promise<{ started: number; woken: number; goals: number }> {
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
      // A journey paused since the lookup is not an error of this event; it is still worth a line.
      if (!(err instanceof DomainError)) throw err;
      note?.(`event ${stored.id} (${stored.kind}) did not start journey ${version.journeyId} for customer ${stored.customer_id}: ${err.text.en}`);
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

/** How many customers' events a dispatcher acts on at once (each customer's own events stay in order). */
export const DISPATCH_CONCURRENCY = 16;

/**
 * Drains undispatched events: each customer's events in arrival order, different customers' events
 * side by side (up to `concurrency` at once) — acting on an event is mostly waiting for Temporal, and
 * one customer's events never affect another's. A failure (e.g. Temporal is down) stops that
 * customer's later events so they never overtake the failed one; the next call retries from there.
 * `keepGoing` is asked before each event (the dispatcher checks it still holds its lease).
 */
export async function dispatchPending(
  deps: DomainDeps,
  options: { limit?: number; concurrency?: number; keepGoing?: () => Promise<boolean>; onNote?: (message: string) => void } = {},
): Promise<{ dispatched: number; failed: string | null }> {
  const r = repos(deps.db);
  const pending = await r.events.pending(options.limit ?? 200);
  const byCustomer = new Map<string, StoredEvent[]>();
  for (const event of pending) {
    const queue = byCustomer.get(event.customer_id);
    if (queue) queue.push(event);
    else byCustomer.set(event.customer_id, [event]);
  }
  const queues = [...byCustomer.values()];
  let dispatched = 0;
  let failed: string | null = null;
  let stop = false;
  const drainOne = async (events: StoredEvent[]) => {
    for (const event of events) {
      if (stop || (options.keepGoing && !(await options.keepGoing()))) {
        stop = true;
        return;
      }
      try {
        await dispatchEvent(deps, event, options.onNote);
        await r.events.markDispatched(event.id);
        dispatched += 1;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        failed ??= message;
        await r.events.markFailed(event.id, message);
        return;
      }
    }
  };
  const lanes = Array.from({ length: Math.min(options.concurrency ?? DISPATCH_CONCURRENCY, queues.length) }, async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) await drainOne(queue);
  });
  await Promise.all(lanes);
  return { dispatched, failed };
}

/** The lease a dispatcher must hold to drain events: one dispatcher at a time across all processes. */
export const DISPATCHER_LEASE = 'dispatcher';

/**
 * Runs dispatchPending in a loop until stopped; `poke()` makes it look again at once.
 *
 * Any number of processes may run one: only the holder of the `dispatcher` lease (in the database)
 * drains events, so two never act on the same event at once and events keep their arrival order;
 * the others stand by and take over within `leaseMs` of the holder's death. The holder renews the
 * lease every third of `leaseMs` and gives it up when stopped.
 */
export function startDispatcher(
  deps: DomainDeps,
  options: { intervalMs?: number; holder?: string; leaseMs?: number; onError?: (message: string) => void; onDispatched?: (count: number) => void; onNote?: (message: string) => void } = {},
) {
  const interval = options.intervalMs ?? 500;
  const holder = options.holder ?? holderId();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const leases = repos(deps.db).leases;
  let heldUntil = 0;
  let lastTry = 0;
  // True while this process holds the lease; touches the database only when a renewal is due, and
  // a standby asks at most every leaseMs / 4 (a read), so idle processes cost next to nothing.
  const holdLease = async (): Promise<boolean> => {
    const now = Date.now();
    if (heldUntil - now > (leaseMs * 2) / 3) return true;
    if (heldUntil <= now && now - lastTry < Math.min(leaseMs / 4, 2000)) return false;
    lastTry = now;
    heldUntil = (await leases.acquire(DISPATCHER_LEASE, holder, leaseMs, new Date(now))) ? now + leaseMs : 0;
    return heldUntil > 0;
  };
  return startLoop(
    async (stopped) => {
      try {
        if (!(await holdLease())) return false;
        const result = await dispatchPending(deps, { keepGoing: async () => !stopped() && (await holdLease()), onNote: options.onNote ?? options.onError });
        if (result.dispatched > 0) options.onDispatched?.(result.dispatched);
        if (result.failed) options.onError?.(result.failed);
        return result.dispatched > 0 && !result.failed;
      } catch (err) {
        options.onError?.(describeError(err));
        return false;
      }
    },
    interval,
    async () => {
      if (heldUntil > Date.now()) await leases.release(DISPATCHER_LEASE, holder).catch(() => {});
    },
  );
}
