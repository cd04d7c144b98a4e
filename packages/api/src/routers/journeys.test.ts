import { repos } from '@sopline/db';
import type { Resume } from '@sopline/domain';
import { ingestEvent, listJourneys, runSteps } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture, Caller } from '../testing.ts';
import { codeOf, createApiFixture, SIMPLE_JOURNEY } from '../testing.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-03T02:00:00.000Z');

/** The error a call failed with (fails the test when it succeeded). */
async function errorOf(call: Promise<unknown>): Promise<TRPCError & { data?: unknown }> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(err)}`);
  return err;
}

/** The formatted error data the client would see (zod issues, domain code, problems, details). */
function domainOf(err: TRPCError) {
  const cause = err.cause as unknown as { code: string; problems: Array<{ nodeId?: string; code: string }>; details: Record<string, unknown> | null };
  return cause;
}

/** trigger → send-script (missing script) → nothing wired: saves as a draft, cannot be published. */
const HALF_BUILT: JourneyGraphInput = {
  nodes: [
    { id: 'start', type: 'trigger-manual' },
    { id: 'hello', type: 'send-script', config: { script: '   ' } },
    { id: 'stray', type: 'exit' },
  ],
  edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' }],
};

describe('journeys router', () => {
  let f: ApiFixture;
  let ops: Caller;
  beforeEach(async () => {
    f = await createApiFixture();
    ops = f.callerAs(f.a.ops);
  });
  afterEach(async () => {
    await f.close();
  });

  const step = async (enrollmentId: string, now: number, resume: Resume) => {
    const e = (await repos(f.db).enrollments.get(enrollmentId))!;
    return runSteps(f.deps, { enrollmentId, seq: e.step_seq, now, resume });
  };

  describe('drafts', () => {
    it('creates a blank journey holding one manual trigger, and reads it back', async () => {
      const { id, revision } = await ops.journeys.create({ name: '  欢迎旅程 ' });
      expect(revision).toBe(1);
      const journey = await ops.journeys.get({ id });
      expect(journey).toMatchObject({ id, name: '欢迎旅程', status: 'draft', revision: 1, liveVersionId: null, updatedBy: { id: f.a.ops.id, name: f.a.ops.name } });
      const graph = journey.graph as { nodes: Array<{ type: string }>; edges: unknown[] };
      expect(graph.nodes.map((n) => n.type)).toEqual(['trigger-manual']);
      expect(graph.edges).toEqual([]);
    });

    it('creates a journey from a template in the creator\'s language, with its parameters', async () => {
      const { id } = await ops.journeys.create({ name: '生日关怀', template: { id: 'birthday-care', locale: 'zh-CN', params: { property: 'dob', daysBefore: 5 } } });
      const graph = (await ops.journeys.get({ id })).graph as { nodes: Array<{ id: string; type: string; config: Record<string, unknown> }> };
      expect(graph.nodes.find((n) => n.id === 'wait-heads-up')!.config).toMatchObject({ mode: 'date-property', property: 'dob', offsetDays: -5 });
      expect(String(graph.nodes.find((n) => n.id === 'wishes')!.config.script)).toContain('生日快乐');
      expect((await ops.journeys.publish({ id })).version).toBe(1);

      const english = await ops.journeys.create({ name: 'Win-back', template: { id: 'dormant-win-back', locale: 'en' } });
      const wb = (await ops.journeys.get({ id: english.id })).graph as { nodes: Array<{ id: string; config: Record<string, unknown> }>; settings: unknown };
      expect(wb.nodes.find((n) => n.id === 'trigger')!.config).toEqual({ tags: ['dormant'] });
      expect(wb.settings).toEqual({ reentry: 'after-exit', goal: { kind: 'purchase' } });
    });

    it('refuses bad template parameters field by field, an unknown template, and a graph with a template', async () => {
      const bad = await errorOf(ops.journeys.create({ name: 'R', template: { id: 'repurchase-revisit', locale: 'en', params: { cycleDays: 30, fraction: 2 } } }));
      expect(bad.code).toBe('BAD_REQUEST');
      const cause = bad.cause as unknown as { code: string; problems: Array<{ path: unknown[]; message: { en: string } }> };
      expect(cause.code).toBe('template.invalid-params');
      expect(cause.problems.map((p) => [p.path, p.message.en])).toEqual([[['params', 'fraction'], '"Revisit at this fraction of the cycle" must be a number from 0.1 to 1']]);
      expect(domainOf(await errorOf(ops.journeys.create({ name: 'X', template: { id: 'nope', locale: 'en' } }))).code).toBe('template.unknown');
      expect((await errorOf(ops.journeys.create({ name: 'X', graph: SIMPLE_JOURNEY, template: { id: 'birthday-care', locale: 'en' } }))).code).toBe('BAD_REQUEST');
      expect((await errorOf(ops.journeys.create({ name: 'X', template: { id: 'birthday-care', locale: 'fr' as 'en' } }))).code).toBe('BAD_REQUEST');
      expect(await ops.journeys.list()).toEqual([]);
    });

    it('saves a half-built draft with its problems, bumps the revision, and refuses a malformed document', async () => {
      const { id } = await ops.journeys.create({ name: 'Draft' });
      const saved = await ops.journeys.saveDraft({ id, graph: HALF_BUILT, baseRevision: 1 });
      expect(saved.revision).toBe(2);
      expect(saved.problems.map((p) => [p.nodeId, p.code])).toEqual(expect.arrayContaining([['hello', 'node.invalid-config'], ['stray', 'node.unreachable']]));
      expect(((await ops.journeys.get({ id })).graph as { nodes: unknown[] }).nodes).toHaveLength(3);

      const malformed = await errorOf(ops.journeys.saveDraft({ id, graph: { nodes: 'nope' }, baseRevision: 2 }));
      expect(malformed.code).toBe('BAD_REQUEST');
      expect(domainOf(malformed).code).toBe('journey.malformed');
      expect((await ops.journeys.get({ id })).revision).toBe(2);
    });

    it('of two saves from the same revision exactly one wins; the other gets CONFLICT with who saved', async () => {
      const { id } = await ops.journeys.create({ name: 'Contested' });
      const admin = f.callerAs(f.a.admin);
      const results = await Promise.allSettled([
        ops.journeys.saveDraft({ id, graph: SIMPLE_JOURNEY, baseRevision: 1 }),
        admin.journeys.saveDraft({ id, graph: HALF_BUILT, baseRevision: 1 }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const err = lost[0]!.reason as TRPCError;
      expect(err.code).toBe('CONFLICT');
      const winner = results[0]!.status === 'fulfilled' ? f.a.ops : f.a.admin;
      expect(domainOf(err).details).toMatchObject({ currentRevision: 2, savedBy: { id: winner.id, name: winner.name } });
      expect((await ops.journeys.get({ id })).revision).toBe(2);
      // The loser reloads and saves on top of the current revision.
      expect((await ops.journeys.saveDraft({ id, graph: SIMPLE_JOURNEY, baseRevision: 2 })).revision).toBe(3);
    });

    it('validates the saved draft, or an unsaved graph', async () => {
      const { id } = await ops.journeys.create({ name: 'V', graph: HALF_BUILT });
      const draft = await ops.journeys.validate({ id });
      expect(draft.ok).toBe(false);
      expect(draft.problems.some((p) => p.nodeId === 'hello')).toBe(true);
      expect(await ops.journeys.validate({ id, graph: SIMPLE_JOURNEY })).toEqual({ ok: true, problems: [] });
    });

    it('simulates the saved draft or unsaved edits, for a real or hypothetical customer, writing nothing', async () => {
      const { id } = await ops.journeys.create({ name: 'S', graph: SIMPLE_JOURNEY });
      const customer = await f.customer(f.a.sales, { name: '陈女士' });
      const tasksBefore = await repos(f.db).tasks.ofCustomer(customer.id);
      const real = await ops.journeys.simulate({ id, customer: { id: customer.id } });
      expect(real.steps.map((s) => [s.nodeId, s.outcome])).toEqual([
        ['start', 'out'],
        ['hello', 'out'],
        ['pause', 'wait'],
        ['pause', 'out'],
        ['end', 'exit:completed'],
      ]);
      expect(real.tasks).toMatchObject([{ nodeId: 'hello', title: '问候', script: '陈女士您好' }]);
      expect(real.end).toMatchObject({ status: 'completed', reason: 'completed' });
      expect(Date.parse(real.end.at) - Date.parse(real.steps[0]!.at)).toBe(DAY);
      expect(await repos(f.db).tasks.ofCustomer(customer.id)).toEqual(tasksBefore);

      const hypothetical = await ops.journeys.simulate({ id, graph: HALF_BUILT, customer: { hypothetical: { name: '假想客户' } } }).catch((e: unknown) => e as TRPCError);
      expect(hypothetical).toBeInstanceOf(TRPCError);
      expect(domainOf(hypothetical as TRPCError).code).toBe('journey.invalid');
      const ok = await ops.journeys.simulate({ id, customer: { hypothetical: { name: '假想客户', tags: ['vip'] } }, horizonDays: 1 });
      expect(ok.tasks[0]?.script).toBe('假想客户您好');
      expect(await codeOf(ops.journeys.simulate({ id, customer: { id: 'nobody' } }))).toBe('NOT_FOUND');
    });

    it('renames, duplicates the draft under a new name, and lists with search and edit info', async () => {
      const { id } = await ops.journeys.create({ name: 'Welcome', graph: SIMPLE_JOURNEY });
      await f.callerAs(f.a.admin).journeys.rename({ id, name: '新客欢迎' });
      const copy = await ops.journeys.duplicate({ id, name: '新客欢迎 副本' });
      expect(copy.id).not.toBe(id);
      expect((await ops.journeys.get({ id: copy.id })).graph).toEqual((await ops.journeys.get({ id })).graph);
      await ops.journeys.create({ name: 'Birthday 100%' });

      const all = await ops.journeys.list();
      expect(all.map((j) => j.name).sort()).toEqual(['Birthday 100%', '新客欢迎', '新客欢迎 副本']);
      const renamed = all.find((j) => j.id === id)!;
      expect(renamed).toMatchObject({ status: 'draft', liveVersion: null, inJourney: 0, updatedBy: { id: f.a.admin.id, name: f.a.admin.name } });
      expect((await ops.journeys.list({ search: '副本' })).map((j) => j.id)).toEqual([copy.id]);
      // % is a literal character, not a wildcard.
      expect((await ops.journeys.list({ search: '100%' })).map((j) => j.name)).toEqual(['Birthday 100%']);
      expect(await ops.journeys.list({ search: '%' })).toHaveLength(1);
    });
  });

  describe('list numbers', () => {
    const GOAL: JourneyGraphInput = { ...SIMPLE_JOURNEY, settings: { reentry: 'never', goal: { kind: 'purchase' } } };
    // Days in the workspace's zone (Asia/Shanghai), as the page sends them.
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

    it('per journey: entered in the period, in it now, goal conversion — the same numbers as the dashboard, in one query for all', async () => {
      const { journeyId } = await f.liveJourney(f.a, GOAL, '召回');
      const plain = await f.liveJourney(f.a, SIMPLE_JOURNEY, '欢迎');
      const { id: draft } = await ops.journeys.create({ name: '草稿' });
      await f.liveJourney(f.b, GOAL, 'B 的旅程');
      const now = Date.now();
      const [c1, c2, c3, c4, c5] = await Promise.all([1, 2, 3, 4, 5].map(() => f.customer(f.a.sales)));
      const started = new Map<string, string>();
      for (const c of [c1!, c2!, c3!, c4!, c5!]) started.set(c.id, (await f.enrolAndStart(f.a, journeyId, c.id, new Date(now))).enrollmentId);
      await f.enrolAndStart(f.a, plain.journeyId, c1!.id, new Date(now));
      // c1 buys (goal); c2 finishes at the exit; c4 is cancelled; c3 waits; c5 entered 60 days ago and still waits.
      const bought = await ingestEvent(f.deps, { workspaceId: f.a.workspace.id, customer: { id: c1!.id }, kind: 'purchase', payload: { amount: 99 } });
      await runSteps(f.deps, { enrollmentId: started.get(c1!.id)!, seq: 1, now, resume: { kind: 'goal', eventId: bought.event.id } });
      await runSteps(f.deps, { enrollmentId: started.get(c2!.id)!, seq: 1, now: now + DAY + 1000, resume: { kind: 'timer' } });
      await ops.enrollments.cancel({ enrollmentId: started.get(c4!.id)! });
      await f.db.updateTable('enrollments').set({ started_at: new Date(now - 60 * DAY).toISOString() }).where('id', '=', started.get(c5!.id)!).execute();

      const period = { from: day(now - 6 * DAY), to: day(now) };
      const list = await ops.journeys.list({ period });
      const numbers = (id: string) => {
        const j = list.find((x) => x.id === id)!;
        return { entered: j.entered, inJourney: j.inJourney, reachedGoal: j.reachedGoal, hasGoal: j.hasGoal, goalRate: j.goalRate };
      };
      expect(list.map((j) => j.name).sort()).toEqual(['召回', '欢迎', '草稿']);
      expect(numbers(journeyId)).toEqual({ entered: 4, inJourney: 2, reachedGoal: 1, hasGoal: true, goalRate: 0.25 });
      expect(numbers(plain.journeyId)).toEqual({ entered: 1, inJourney: 1, reachedGoal: 0, hasGoal: false, goalRate: null });
      expect(numbers(draft)).toEqual({ entered: 0, inJourney: 0, reachedGoal: 0, hasGoal: false, goalRate: null });
      // The dashboard's journey card counts the same cohort the same way.
      for (const row of await ops.analytics.journeyConversion(period)) {
        expect([row.name, row.enrolled, row.reachedGoal, row.rate]).toEqual([row.name, numbers(row.journeyId).entered, numbers(row.journeyId).reachedGoal, numbers(row.journeyId).goalRate]);
      }
      // An earlier period has c5 only; without a period, the last 30 days.
      const earlier = await ops.journeys.list({ period: { from: day(now - 90 * DAY), to: day(now - 30 * DAY) } });
      expect(earlier.find((j) => j.id === journeyId)).toMatchObject({ entered: 1, inJourney: 2, reachedGoal: 0, goalRate: 0 });
      expect((await ops.journeys.list()).find((j) => j.id === journeyId)).toMatchObject({ entered: 4, goalRate: 0.25 });

      // One query for the rows and their numbers, and one for goals not seen before — however many journeys.
      let queries = 0;
      const counted = f.db.withPlugin({ transformQuery: (args) => (queries++, args.node), transformResult: async (args) => args.result });
      const count = async () => {
        queries = 0;
        await listJourneys({ db: counted }, { workspaceId: f.a.workspace.id, from: new Date(now - 7 * DAY), to: new Date(now + DAY) });
        return queries;
      };
      expect(await count()).toBe(1);
      for (let i = 0; i < 5; i++) await f.liveJourney(f.a, GOAL, `更多 ${i}`);
      expect(await count()).toBe(2);
      expect(await count()).toBe(1);
    });

    it('counts the customers a failed step stopped, per journey and whatever the period, until they are retried or skipped', async () => {
      const broken = await f.liveJourney(f.a, SIMPLE_JOURNEY, '出错');
      const fine = await f.liveJourney(f.a, SIMPLE_JOURNEY, '正常');
      await f.liveJourney(f.b, SIMPLE_JOURNEY, 'B 的旅程');
      // The wait's node type is not installed on the worker that runs these three: each stops there.
      const missing = Object.assign(Object.create(f.deps.registry) as typeof f.deps.registry, { get: (t: string) => (t === 'wait' ? undefined : f.deps.registry.get(t)) });
      const failed: string[] = [];
      for (let i = 0; i < 3; i++) {
        const c = await f.customer(f.a.sales);
        const enrolled = await ops.enrollments.enrol({ journeyId: broken.journeyId, customerId: c.id });
        if (!enrolled.enrolled) throw new Error(enrolled.reason);
        const { enrollmentId } = enrolled;
        await runSteps({ ...f.deps, registry: missing }, { enrollmentId, seq: 0, now: Date.now(), resume: { kind: 'start' } });
        failed.push(enrollmentId);
      }
      await f.enrolAndStart(f.a, fine.journeyId, (await f.customer(f.a.sales)).id);
      // One of them entered long ago: still counted, failures are not a period's number.
      await f.db.updateTable('enrollments').set({ started_at: new Date(Date.now() - 200 * DAY).toISOString() }).where('id', '=', failed[0]!).execute();
      const failedOf = async () => Object.fromEntries((await ops.journeys.list()).map((j) => [j.name, j.failed]));
      expect(await failedOf()).toEqual({ 出错: 3, 正常: 0 });
      expect((await ops.enrollments.list({ journeyId: broken.journeyId, status: 'failed', nodeId: 'pause' })).total).toBe(3);

      // Retried with the wait installed, one goes on; one is skipped past the node; the third stays.
      expect(await ops.enrollments.retry({ enrollmentIds: [failed[0]!], skip: false })).toEqual({ retried: 1, stillFailed: 0, notFailed: 0 });
      expect(await ops.enrollments.retry({ enrollmentIds: [failed[1]!], skip: true })).toEqual({ retried: 1, stillFailed: 0, notFailed: 0 });
      expect(await failedOf()).toEqual({ 出错: 1, 正常: 0 });
    });

    it('refuses a bad period, naming the field', async () => {
      const err = await errorOf(ops.journeys.list({ period: { from: '2025-03-02', to: '2025-03-01' } }));
      expect(err.code).toBe('BAD_REQUEST');
      expect((err.cause as unknown as { issues: Array<{ path: string[] }> }).issues.map((i) => i.path)).toEqual([['period', 'to']]);
    });
  });

  describe('publishing', () => {
    it('refuses an invalid draft with BAD_REQUEST and problems addressed to nodes, writing no version', async () => {
      const { id } = await ops.journeys.create({ name: 'Broken', graph: HALF_BUILT });
      const err = await errorOf(ops.journeys.publish({ id, notes: 'v1' }));
      expect(err.code).toBe('BAD_REQUEST');
      const domain = domainOf(err);
      expect(domain.code).toBe('journey.invalid');
      expect(domain.problems.filter((p) => p.nodeId === 'hello').map((p) => p.code)).toContain('node.invalid-config');
      expect(domain.problems.filter((p) => p.nodeId === 'stray').map((p) => p.code)).toContain('node.unreachable');
      expect(await ops.journeys.versions({ id })).toEqual([]);
      expect((await ops.journeys.get({ id })).status).toBe('draft');
    });

    it('publishes the saved draft as numbered versions, lists them, and serves one read-only', async () => {
      const { id } = await ops.journeys.create({ name: 'Welcome', graph: SIMPLE_JOURNEY });
      const v1 = await ops.journeys.publish({ id, notes: '首发', revision: 1 });
      expect(v1).toMatchObject({ version: 1, notes: '首发' });
      await ops.journeys.saveDraft({ id, graph: { ...SIMPLE_JOURNEY, nodes: SIMPLE_JOURNEY.nodes.map((n) => (n.id === 'pause' ? { ...n, config: { amount: 2 } } : n)) }, baseRevision: 1 });
      // A revision other than the draft's is refused: the operator reviewed something else.
      expect(await codeOf(ops.journeys.publish({ id, revision: 1 }))).toBe('CONFLICT');
      const v2 = await f.callerAs(f.a.admin).journeys.publish({ id, notes: 'wait 2 days' });
      expect(v2.version).toBe(2);
      expect(v2.graphHash).not.toBe(v1.graphHash);

      const versions = await ops.journeys.versions({ id });
      expect(versions.map((v) => [v.version, v.notes, v.publishedBy?.name, v.nodeCount, v.live])).toEqual([
        [2, 'wait 2 days', f.a.admin.name, 4, true],
        [1, '首发', f.a.ops.name, 4, false],
      ]);
      expect(versions[1]!.graphHash).toBe(v1.graphHash);
      const one = await ops.journeys.version({ id, versionId: v1.id });
      expect((one.graph as { nodes: Array<{ id: string; config: Record<string, unknown> }> }).nodes.find((n) => n.id === 'pause')!.config).toMatchObject({ amount: 1, unit: 'days' });
      expect((await ops.journeys.get({ id })).liveVersionId).toBe(v2.id);
      expect((await ops.journeys.list()).find((j) => j.id === id)).toMatchObject({ status: 'live', liveVersion: 2 });
    });
  });

  describe('operating', () => {
    it('pause refuses new entrants while customers in flight keep going; resume lets them in again', async () => {
      const { journeyId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      const first = await f.customer(f.a.sales);
      const second = await f.customer(f.a.sales);
      const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, first.id, new Date(T0));

      expect(await ops.journeys.pause({ id: journeyId })).toEqual({ status: 'paused' });
      const refused = await errorOf(ops.enrollments.enrol({ journeyId, customerId: second.id }));
      expect(refused.code).toBe('BAD_REQUEST');
      expect(domainOf(refused).code).toBe('journey.not-live');
      expect(await codeOf(ops.enrollments.enrolBulk({ journeyId }))).toBe('BAD_REQUEST');
      expect((await ops.journeys.list()).find((j) => j.id === journeyId)).toMatchObject({ status: 'paused', inJourney: 1 });

      // The customer already in it finishes its wait and completes while the journey is paused.
      expect(await step(enrollmentId, T0 + DAY, { kind: 'timer' })).toMatchObject({ done: true, status: 'completed' });
      // Publishing a new version does not resume a paused journey.
      await ops.journeys.publish({ id: journeyId, notes: 'same again' });
      expect((await ops.journeys.get({ id: journeyId })).status).toBe('paused');

      expect(await ops.journeys.resume({ id: journeyId })).toEqual({ status: 'live' });
      expect(await ops.enrollments.enrol({ journeyId, customerId: second.id })).toMatchObject({ enrolled: true });
      // Pausing a draft makes no sense.
      const { id: draftId } = await ops.journeys.create({ name: 'draft' });
      expect(await codeOf(ops.journeys.pause({ id: draftId }))).toBe('BAD_REQUEST');
      expect(await codeOf(ops.journeys.resume({ id: draftId }))).toBe('BAD_REQUEST');
    });

    it('archive hides the journey, refuses entrants, edits and publishing, and lets in-flight customers finish', async () => {
      const { journeyId } = await f.liveJourney(f.a, SIMPLE_JOURNEY, 'Old');
      const c = await f.customer(f.a.sales);
      const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, c.id, new Date(T0));
      expect(await ops.journeys.archive({ id: journeyId })).toEqual({ status: 'archived' });

      expect((await ops.journeys.list()).map((j) => j.id)).not.toContain(journeyId);
      expect((await ops.journeys.list({ includeArchived: true })).find((j) => j.id === journeyId)).toMatchObject({ status: 'archived', inJourney: 1 });
      expect(await codeOf(ops.enrollments.enrol({ journeyId, customerId: (await f.customer(f.a.sales)).id }))).toBe('BAD_REQUEST');
      expect(await codeOf(ops.journeys.saveDraft({ id: journeyId, graph: SIMPLE_JOURNEY, baseRevision: 1 }))).toBe('BAD_REQUEST');
      expect(await codeOf(ops.journeys.publish({ id: journeyId }))).toBe('BAD_REQUEST');
      expect(await step(enrollmentId, T0 + DAY, { kind: 'timer' })).toMatchObject({ done: true, status: 'completed' });
    });
  });

  describe('migrate', () => {
    // v1: start → w1 (wait 1 day) → w2 (wait for a purchase, 7 days) → matched: bought / timeout: lapsed
    const V1: JourneyGraphInput = {
      nodes: [
        { id: 'start', type: 'trigger-manual' },
        { id: 'w1', type: 'wait', config: {} },
        { id: 'w2', type: 'wait-for-event', config: { event: { kind: 'purchase' } } },
        { id: 'bought', type: 'exit', config: { reason: 'bought' } },
        { id: 'lapsed', type: 'exit', config: { reason: 'lapsed' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'w1' },
        { id: 'e2', source: 'w1', target: 'w2' },
        { id: 'e3', source: 'w2', sourcePort: 'matched', target: 'bought' },
        { id: 'e4', source: 'w2', sourcePort: 'timeout', target: 'lapsed' },
      ],
    };
    // v2: start → w1 → w3 (wait for a purchase) → matched: w2 (now a plain wait) → bought / timeout: lapsed
    const V2: JourneyGraphInput = {
      nodes: [
        { id: 'start', type: 'trigger-manual' },
        { id: 'w1', type: 'wait', config: {} },
        { id: 'w3', type: 'wait-for-event', config: { event: { kind: 'purchase' } } },
        { id: 'w2', type: 'wait', config: { amount: 3 } },
        { id: 'bought', type: 'exit', config: { reason: 'bought' } },
        { id: 'lapsed', type: 'exit', config: { reason: 'lapsed' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'w1' },
        { id: 'e2', source: 'w1', target: 'w3' },
        { id: 'e3', source: 'w3', sourcePort: 'matched', target: 'w2' },
        { id: 'e4', source: 'w3', sourcePort: 'timeout', target: 'lapsed' },
        { id: 'e5', source: 'w2', target: 'bought' },
      ],
    };

    it('counts per node on a dry run, explains what cannot move, then moves open customers who continue in the new version', async () => {
      const { journeyId, versionId: v1 } = await f.liveJourney(f.a, V1);
      const atW1 = [await f.customer(f.a.sales), await f.customer(f.a.sales)];
      const ids: string[] = [];
      for (const c of atW1) ids.push((await f.enrolAndStart(f.a, journeyId, c.id, new Date(T0))).enrollmentId);
      const atW2 = (await f.enrolAndStart(f.a, journeyId, (await f.customer(f.a.sales)).id, new Date(T0))).enrollmentId;
      await step(atW2, T0 + DAY, { kind: 'timer' });
      const done = (await f.enrolAndStart(f.a, journeyId, (await f.customer(f.a.sales)).id, new Date(T0))).enrollmentId;
      await step(done, T0 + DAY, { kind: 'timer' });
      expect(await step(done, T0 + 9 * DAY, { kind: 'timer' })).toMatchObject({ done: true });
      // Entered but its workflow has not run the first step yet.
      const notStarted = (await ops.enrollments.enrol({ journeyId, customerId: (await f.customer(f.a.sales)).id })) as { enrollmentId: string };

      await ops.journeys.saveDraft({ id: journeyId, graph: V2, baseRevision: 1 });
      const v2 = await ops.journeys.publish({ id: journeyId, notes: 'v2' });

      const dry = await ops.journeys.migrate({ id: journeyId });
      expect(dry).toMatchObject({ dryRun: true, toVersionId: v2.id, toVersion: 2, totals: { open: 4, mappable: 3, unmappable: 1, moved: 0, changedMeanwhile: 0 } });
      expect(dry.moves).toEqual(
        expect.arrayContaining([
          { fromVersionId: v1, fromVersion: 1, fromNodeId: 'w1', toNodeId: 'w1', count: 2, moved: 0 },
          { fromVersionId: v1, fromVersion: 1, fromNodeId: null, toNodeId: 'start', count: 1, moved: 0 },
        ]),
      );
      expect(dry.moves).toHaveLength(2);
      expect(dry.unmapped).toEqual([{ fromVersionId: v1, fromVersion: 1, fromNodeId: 'w2', reason: 'type-changed', count: 1 }]);
      // Explicit mappings: to a node the target lacks, and to a node without the exits the wait needs.
      expect((await ops.journeys.migrate({ id: journeyId, mapping: { w2: 'gone' } })).unmapped).toMatchObject([{ fromNodeId: 'w2', reason: 'target-node-missing', count: 1 }]);
      expect((await ops.journeys.migrate({ id: journeyId, mapping: { w2: 'w2' } })).unmapped).toMatchObject([{ fromNodeId: 'w2', reason: 'exit-missing', count: 1 }]);
      // A dry run changed nothing.
      expect((await repos(f.db).enrollments.get(atW2))).toMatchObject({ version_id: v1, cursor_node_id: 'w2' });

      const applied = await ops.journeys.migrate({ id: journeyId, mapping: { w2: 'w3' }, dryRun: false });
      expect(applied.totals).toEqual({ open: 4, mappable: 4, unmappable: 0, moved: 4, changedMeanwhile: 0 });
      expect(applied.moves).toEqual(expect.arrayContaining([{ fromVersionId: v1, fromVersion: 1, fromNodeId: 'w2', toNodeId: 'w3', count: 1, moved: 1 }]));
      const r = repos(f.db).enrollments;
      expect(await r.get(atW2)).toMatchObject({ version_id: v2.id, cursor_node_id: 'w3', status: 'waiting' });
      expect(await r.get(done)).toMatchObject({ version_id: v1, status: 'completed' });
      // Nothing left to move.
      expect((await ops.journeys.migrate({ id: journeyId, dryRun: false })).totals.open).toBe(0);

      // Each continues from the mapped node of v2 at its next step.
      const purchase = await ingestEvent(f.deps, { workspaceId: f.a.workspace.id, customer: { id: (await r.get(atW2))!.customer_id }, kind: 'purchase', payload: { amount: 99 } });
      await step(atW2, T0 + 2 * DAY, { kind: 'event', eventId: purchase.event.id });
      expect(await r.get(atW2)).toMatchObject({ version_id: v2.id, cursor_node_id: 'w2', status: 'waiting' });
      await step(ids[0]!, T0 + DAY, { kind: 'timer' });
      expect(await r.get(ids[0]!)).toMatchObject({ cursor_node_id: 'w3', status: 'waiting', wait_event_kind: 'purchase' });
      await step(notStarted.enrollmentId, T0, { kind: 'start' });
      expect(await r.get(notStarted.enrollmentId)).toMatchObject({ version_id: v2.id, cursor_node_id: 'w1', status: 'waiting' });

      // Going back: v2-only nodes are not in v1.
      const back = await ops.journeys.migrate({ id: journeyId, toVersionId: v1 });
      expect(back.unmapped).toEqual(expect.arrayContaining([{ fromVersionId: v2.id, fromVersion: 2, fromNodeId: 'w3', reason: 'not-in-target', count: 1 }]));
      expect(await codeOf(ops.journeys.migrate({ id: journeyId, toVersionId: v1, fromVersionIds: [v1] }))).toBe('BAD_REQUEST');
    });

    it('a move is a compare-and-set: a customer whose steps ran since it was read is not overwritten', async () => {
      const { journeyId, versionId: v1 } = await f.liveJourney(f.a, V1);
      const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, (await f.customer(f.a.sales)).id, new Date(T0));
      const seen = (await repos(f.db).enrollments.get(enrollmentId))!;
      await step(enrollmentId, T0 + DAY, { kind: 'timer' });
      const r = repos(f.db).enrollments;
      expect(await r.moveToVersion(enrollmentId, seen.step_seq, { versionId: v1, cursorNodeId: 'w1' })).toBe(false);
      expect(await r.get(enrollmentId)).toMatchObject({ cursor_node_id: 'w2' });
    });
  });

  describe('access', () => {
    const calls = (c: Caller, id: string, versionId: string) => ({
      list: () => c.journeys.list(),
      get: () => c.journeys.get({ id }),
      create: () => c.journeys.create({ name: 'x' }),
      rename: () => c.journeys.rename({ id, name: 'y' }),
      duplicate: () => c.journeys.duplicate({ id, name: 'z' }),
      saveDraft: () => c.journeys.saveDraft({ id, graph: SIMPLE_JOURNEY, baseRevision: 1 }),
      validate: () => c.journeys.validate({ id }),
      simulate: () => c.journeys.simulate({ id, customer: { hypothetical: { name: 'x' } } }),
      publish: () => c.journeys.publish({ id }),
      versions: () => c.journeys.versions({ id }),
      version: () => c.journeys.version({ id, versionId }),
      pause: () => c.journeys.pause({ id }),
      resume: () => c.journeys.resume({ id }),
      migrate: () => c.journeys.migrate({ id }),
      // Last: an archived journey refuses edits.
      archive: () => c.journeys.archive({ id }),
    });

    it('sales reps get FORBIDDEN and signed-out callers UNAUTHORIZED on every procedure; nothing changes', async () => {
      const { journeyId, versionId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      const before = await ops.journeys.get({ id: journeyId });
      for (const [name, call] of Object.entries(calls(f.callerAs(f.a.sales), journeyId, versionId))) {
        expect([name, await codeOf(call())]).toEqual([name, 'FORBIDDEN']);
      }
      for (const [name, call] of Object.entries(calls(f.callerAs(null), journeyId, versionId))) {
        expect([name, await codeOf(call())]).toEqual([name, 'UNAUTHORIZED']);
      }
      expect(await ops.journeys.get({ id: journeyId })).toEqual(before);
      expect(await ops.journeys.list()).toHaveLength(1);
    });

    it('admins may do what ops managers do', async () => {
      const { journeyId, versionId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      for (const [name, call] of Object.entries(calls(f.callerAs(f.a.admin), journeyId, versionId))) {
        expect([name, await codeOf(call())]).toEqual([name, 'OK']);
      }
    });
  });
});
