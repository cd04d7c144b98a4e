import type { Db, EnrollmentRow, EnrollmentStepRow, NewTaskRow } from '@sopline/db';
import { newId } from '@sopline/db';
import type { DomainDeps } from '@sopline/domain';
import { ingestEvent } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { random } from './names.ts';
import type { DemoWords } from './words.ts';

/**
 * The demo's past, so the dashboards have something to show on a fresh start: stage changes over
 * the last months, dormant and churned customers, finished journey runs and the tasks the reps did
 * (or did not do) for them. Deterministic for a given `now`; written in batches to stay fast.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const STAGE_PATH = ['unpaid', 'paid', 'repeat', 'advocate'] as const;

/** lastProduct: the product of their latest order (null without orders), for scripts naming it. */
export type SeededCustomer = { id: string; index: number; name: string; stage: string; ownerId: string | null; createdAt: number; lastProduct: string | null };
type Journey = { journeyId: string; versionId: string; graph: JourneyGraphInput };

/** A time during working hours (10:00–19:00 in Shanghai, UTC+8 all year) on the day of `ms`. */
function workingHour(ms: number, rnd: () => number): number {
  const dayStart = Math.floor((ms + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  return dayStart + (10 + rnd() * 9) * HOUR;
}

/** Stage changes from 未付费 up to each customer's stage, and the dormant / churned tags. Before any journey is live. */
export async function seedCustomerHistory(deps: DomainDeps, input: { workspaceId: string; customers: SeededCustomer[]; now: Date; tags: DemoWords['tags'] }) {
  const rnd = random(90210);
  const now = input.now.getTime();
  for (const c of input.customers) {
    const steps = STAGE_PATH.indexOf(c.stage as (typeof STAGE_PATH)[number]);
    const span = now - c.createdAt;
    for (let k = 1; k <= steps; k += 1) {
      const at = c.createdAt + span * ((k - 0.5 + rnd() * 0.8) / (steps + 1));
      await ingestEvent(deps, {
        workspaceId: input.workspaceId,
        customer: { id: c.id },
        kind: 'stage.changed',
        payload: { from: STAGE_PATH[k - 1], to: STAGE_PATH[k] },
        occurredAt: new Date(at).toISOString(),
        idempotencyKey: `demo-stage-${c.index}-${k}`,
      });
    }
    // Buyers who went quiet: 沉睡 after a while, 流失 after longer.
    if ((c.stage === 'paid' || c.stage === 'repeat') && span > 40 * DAY) {
      const x = rnd();
      const tag = x < 0.28 ? input.tags.dormant : x < 0.4 ? input.tags.churned : null;
      if (tag) {
        const at = new Date(now - (3 + Math.floor(rnd() * 20)) * DAY).toISOString();
        await ingestEvent(deps, { workspaceId: input.workspaceId, customer: { id: c.id }, kind: 'tag.added', payload: { tag }, occurredAt: at, idempotencyKey: `demo-segment-${c.index}` });
      }
    }
  }
}

/** How each rep works: the share of tasks done and skipped, and the typical minutes from due to done. */
const HABITS = [
  { done: 0.86, skipped: 0.07, medianMinutes: 40 },
  { done: 0.66, skipped: 0.14, medianMinutes: 240 },
];
const UNOWNED = { done: 0.3, skipped: 0.1, medianMinutes: 600 };
const OUTCOMES = ['replied', 'replied', 'replied', 'bought', 'no-answer', 'other'] as const;

type Run = { customer: SeededCustomer; start: number; path: string[]; end: number; status: 'completed' | 'exited'; reason: string; tasks: Array<{ node: string; title: string; at: number }> };

/**
 * Finished runs of the two demo journeys, their steps, and their tasks with what the reps did.
 * Customers already in a journey (the live in-flight ones) are left alone.
 */
export async function seedJourneyHistory(deps: DomainDeps, input: { workspaceId: string; customers: SeededCustomer[]; reps: string[]; ownerNames: ReadonlyMap<string, string>; retail: Journey; winBack: Journey; now: Date; words: DemoWords }) {
  const rnd = random(4242);
  const nodes = [...input.retail.graph.nodes, ...input.winBack.graph.nodes];
  const NODE_TYPES = new Map(nodes.map((n) => [n.id, n.type]));
  // A task is called what its send-script node calls it, in the demo's language.
  const titles = new Map(nodes.map((n) => [n.id, String((n.config as { title?: unknown }).title ?? n.label ?? n.id)]));
  const title = (node: string) => titles.get(node)!;
  // And its script as the rep got it: the customer's name, their owner's name (the rep writing) and their
  // last purchase filled in, as the send-script step would (an unknown variable renders empty there too).
  // Every send task carries its script: the welcome message names its owner ({{owner.name}}), and leaving
  // such scripts out gave overdue welcome tasks with nothing to copy.
  const scripts = new Map(nodes.map((n) => [n.id, String((n.config as { script?: unknown }).script ?? '')]));
  const scriptFor = (node: string | null, customer: SeededCustomer) => {
    const values: Record<string, string> = {
      'customer.name': customer.name,
      'owner.name': customer.ownerId ? (input.ownerNames.get(customer.ownerId) ?? '') : '',
      'lastPurchase.product': customer.lastProduct ?? '',
    };
    return (node ? (scripts.get(node) ?? '') : '').replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => values[key] ?? '');
  };
  const CARE = input.words.care;
  const { dormant: DORMANT, churned: CHURNED } = input.words.tags;
  const now = input.now.getTime();
  const inRetail = new Set((await deps.db.selectFrom('enrollments').select('customer_id').where('journey_id', '=', input.retail.journeyId).execute()).map((e) => e.customer_id));
  const runs: Array<Run & { journey: Journey }> = [];

  for (const c of input.customers) {
    const age = now - c.createdAt;
    if (age > 90 * DAY || age < 4 * DAY || inRetail.has(c.id)) continue;
    const start = c.createdAt + 10 * 60_000;
    if (c.stage === 'unpaid') {
      if (age < 13 * DAY) continue;
      runs.push({
        journey: input.retail,
        customer: c,
        start,
        path: ['trigger', 'stage-unpaid', 'welcome', 'wait-first-order', 'value', 'wait-value', 'offer', 'wait-purchase', 'tag-dormant', 'exit-dormant'],
        end: start + 12 * DAY,
        status: 'completed',
        reason: 'dormant',
        tasks: [
          { node: 'welcome', title: title('welcome'), at: start },
          { node: 'value', title: title('value'), at: start + 2 * DAY },
          { node: 'offer', title: title('offer'), at: start + 5 * DAY },
        ],
      });
    } else {
      // The whole run takes 42 days (order, delivery, follow-up, add-on, 30 days for a repeat order).
      if (age < 43 * DAY) continue;
      runs.push({
        journey: input.retail,
        customer: c,
        start,
        path: ['trigger', 'stage-unpaid', 'welcome', 'wait-first-order', 'stage-paid', 'tag-first-order', 'wait-delivery', 'follow-up', 'wait-add-on', 'add-on', 'wait-repeat', 'exit-paid'],
        end: start + 42 * DAY,
        status: 'completed',
        reason: 'paid',
        tasks: [
          { node: 'welcome', title: title('welcome'), at: start },
          { node: 'follow-up', title: title('follow-up'), at: start + 4 * DAY },
          { node: 'add-on', title: title('add-on'), at: start + 11 * DAY },
        ],
      });
    }
  }
  // Earlier win-back rounds: repeat buyers who came back (the goal), and lapsed buyers who did not.
  for (const c of input.customers) {
    if (now - c.createdAt < 30 * DAY) continue;
    const x = rnd();
    const start = now - (12 + Math.floor(rnd() * 70)) * DAY;
    if (start < c.createdAt + DAY) continue;
    if ((c.stage === 'repeat' || c.stage === 'advocate') && x < 0.4) {
      const late = rnd() < 0.5;
      runs.push({
        journey: input.winBack,
        customer: c,
        start,
        path: late ? ['trigger', 'touch-1', 'wait-1', 'touch-2', 'wait-2'] : ['trigger', 'touch-1', 'wait-1'],
        end: start + (late ? 8 + rnd() * 10 : 1 + rnd() * 5) * DAY,
        status: 'exited',
        reason: 'goal',
        tasks: late
          ? [
              { node: 'touch-1', title: title('touch-1'), at: start },
              { node: 'touch-2', title: title('touch-2'), at: start + 7 * DAY },
            ]
          : [{ node: 'touch-1', title: title('touch-1'), at: start }],
      });
    } else if (c.stage === 'paid' && x < 0.3 && start + 21 * DAY < now) {
      runs.push({
        journey: input.winBack,
        customer: c,
        start,
        path: ['trigger', 'touch-1', 'wait-1', 'touch-2', 'wait-2', 'untag-dormant', 'tag-churned', 'exit-no-response'],
        end: start + 21 * DAY,
        status: 'completed',
        reason: 'no-response',
        tasks: [
          { node: 'touch-1', title: title('touch-1'), at: start },
          { node: 'touch-2', title: title('touch-2'), at: start + 7 * DAY },
        ],
      });
    }
  }

  // Care tasks ops hand out by hand (no journey): a few a day over the last month.
  const owned = input.customers.filter((c) => c.ownerId !== null);
  const care: Array<{ customer: SeededCustomer; title: string; at: number }> = [];
  for (let d = 30; d >= 1; d -= 1) {
    for (let k = 0; k < 4; k += 1) care.push({ customer: owned[Math.floor(rnd() * owned.length)]!, title: CARE[Math.floor(rnd() * CARE.length)]!, at: now - d * DAY });
  }

  const enrollments: EnrollmentRow[] = [];
  const steps: EnrollmentStepRow[] = [];
  const tasks: NewTaskRow[] = [];
  const closes: Array<{ index: number; status: 'done' | 'skipped'; at: number; outcome: string | null }> = [];
  const entries = new Map<string, number>();
  /** A task due during working hours that day, and what its owner did with it (by their habits). */
  const addTask = (customer: SeededCustomer, task: { node: string | null; title: string; at: number }, run: { enrollmentId: string; journeyId: string; visit: number } | null) => {
    const due = workingHour(task.at, rnd);
    if (due > now - HOUR) return;
    const owner = customer.ownerId;
    const habit = owner === null ? UNOWNED : (HABITS[input.reps.indexOf(owner)] ?? HABITS[0]!);
    tasks.push({
      workspace_id: input.workspaceId,
      customer_id: customer.id,
      owner_id: owner,
      enrollment_id: run?.enrollmentId ?? null,
      journey_id: run?.journeyId ?? null,
      node_id: task.node,
      visit: run?.visit ?? null,
      title: task.title,
      script: scriptFor(task.node, customer),
      priority: 'normal',
      due_at: new Date(due).toISOString(),
    });
    const x = rnd();
    // Left open: overdue now if recent, otherwise given up on (skipped) long ago.
    if (x >= habit.done + habit.skipped && due > now - 14 * DAY) return;
    const done = x < habit.done;
    // Log-normal around the rep's median; one in six is done ahead of time.
    const minutes = rnd() < 1 / 6 ? -rnd() * 60 : habit.medianMinutes * Math.exp((rnd() + rnd() + rnd() - 1.5) * 1.4);
    closes.push({ index: tasks.length - 1, status: done ? 'done' : 'skipped', at: Math.min(due + minutes * 60_000, now - 60_000), outcome: done ? OUTCOMES[Math.floor(rnd() * OUTCOMES.length)]! : 'no-answer' });
  };
  for (const run of runs) {
    const id = newId();
    const key = `${run.journey.journeyId}:${run.customer.id}`;
    const n = (entries.get(key) ?? 0) + 1;
    entries.set(key, n);
    const entryKey = run.journey === input.winBack ? `demo-${n}` : 'once';
    const iso = (ms: number) => new Date(Math.min(ms, now - 60_000)).toISOString();
    enrollments.push({
      id,
      workspace_id: input.workspaceId,
      journey_id: run.journey.journeyId,
      version_id: run.journey.versionId,
      customer_id: run.customer.id,
      entry_key: entryKey,
      workflow_id: `journey:${run.journey.journeyId}:customer:${run.customer.id}${entryKey === 'once' ? '' : `:${entryKey}`}`,
      trigger_event_id: null,
      status: run.status,
      cursor_node_id: run.path[run.path.length - 1]!,
      step_seq: run.path.length,
      visits: run.path.length,
      wait_until: null,
      wait_event_kind: null,
      wait_event_filter: null,
      wait_on_timeout: null,
      wait_on_event: null,
      wait_started_at: null,
      exit_reason: run.reason,
      started_at: iso(run.start),
      ended_at: iso(run.end),
      updated_at: iso(run.end),
      failed_node_id: null,
      failure: null,
    });
    run.path.forEach((node, i) => {
      const last = i === run.path.length - 1;
      const outcome = last ? (run.status === 'exited' ? 'goal' : `exit:${run.reason}`) : node.startsWith('wait-') && NODE_TYPES.get(node) === 'wait-for-event' ? (run.path[i + 1]?.startsWith('stage-paid') ? 'matched' : 'timeout') : 'out';
      steps.push({
        id: newId(),
        workspace_id: input.workspaceId,
        enrollment_id: id,
        journey_id: run.journey.journeyId,
        version_id: run.journey.versionId,
        visit: i + 1,
        node_id: node,
        node_type: NODE_TYPES.get(node) ?? node,
        outcome,
        detail: null,
        at: iso(run.start + ((run.end - run.start) * i) / run.path.length),
      });
    });
    for (const task of run.tasks) addTask(run.customer, task, { enrollmentId: id, journeyId: run.journey.journeyId, visit: run.path.indexOf(task.node) + 1 });
  }
  for (const task of care) addTask(task.customer, { node: null, title: task.title, at: task.at }, null);
  await insertAll(deps.db, enrollments, steps, tasks, closes);
  // What the runs did to the customers: the retail journey tags non-buyers dormant, the win-back
  // journey marks the silent ones churned.
  for (const run of runs) {
    const tag = run.reason === 'dormant' ? DORMANT : run.reason === 'no-response' ? CHURNED : null;
    if (!tag) continue;
    const at = new Date(run.end).toISOString();
    const customer = { id: run.customer.id };
    if (tag === CHURNED) await ingestEvent(deps, { workspaceId: input.workspaceId, customer, kind: 'tag.removed', payload: { tag: DORMANT }, occurredAt: at, idempotencyKey: `demo-undormant-${run.customer.index}` });
    await ingestEvent(deps, { workspaceId: input.workspaceId, customer, kind: 'tag.added', payload: { tag }, occurredAt: at, idempotencyKey: `demo-${run.reason}-${run.customer.index}` });
  }
  return { runs: runs.length, tasks: tasks.length };
}

async function insertAll(
  db: Db,
  enrollments: EnrollmentRow[],
  steps: EnrollmentStepRow[],
  tasks: NewTaskRow[],
  closes: Array<{ index: number; status: 'done' | 'skipped'; at: number; outcome: string | null }>,
) {
  const closed = new Map(closes.map((c) => [c.index, c]));
  const taskRows = tasks.map((t, i) => {
    const c = closed.get(i);
    return {
      ...t,
      id: newId(),
      status: c ? c.status : ('open' as const),
      outcome: c?.outcome ?? null,
      note: null,
      snoozed_until: null,
      completed_at: c ? new Date(c.at).toISOString() : null,
      created_at: new Date(Date.parse(t.due_at) - HOUR).toISOString(),
    };
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < enrollments.length; i += 100) await trx.insertInto('enrollments').values(enrollments.slice(i, i + 100)).execute();
    for (let i = 0; i < steps.length; i += 200) await trx.insertInto('enrollment_steps').values(steps.slice(i, i + 200)).execute();
    for (let i = 0; i < taskRows.length; i += 100) await trx.insertInto('tasks').values(taskRows.slice(i, i + 100)).execute();
  });
}
