import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@sopline/db';
import { validateGraph } from '@sopline/graph';
import { defaultRegistry } from '@sopline/registry';
import type { SecurityApp } from './app.ts';
import { signIn, startSecurityApp, trpc } from './app.ts';

/**
 * Arbitrary journey graphs through the real tRPC API over HTTP: saveDraft, validate, simulate and
 * publish never answer 5xx; a refused draft or publish writes nothing; a published version always
 * passes the strict validator.
 */

const SEED = 20_261_124;
/** On PostgreSQL (the -pg project) every query is a round trip to a server: fewer runs, same seeds. */
const SCALE = process.env.SOPLINE_TEST_DATABASE?.startsWith('postgres') ? 0.4 : 1;
const runs = (n: number) => Math.round(n * SCALE);
const figures = { runs: 0, saved: 0, refusedDrafts: 0, published: 0, refusedPublish: 0, statuses: {} as Record<string, number> };

const hostile = ['<img src=x onerror=window.__xss=1>', '<script>window.__xss=1</script>', 'javascript:alert(1)', '{{customer.name}}', '\u0000', '\uD800', '👩‍👩‍👧‍👦', '长'.repeat(40)];
const label = fc.oneof(fc.constantFrom(...hostile, '', 'x'.repeat(120), 'x'.repeat(121), 'y'.repeat(10_000)), fc.string({ unit: 'grapheme', maxLength: 140 }));
// Deeply nested arrays travel as a marker spliced into the body text (JSON.stringify would overflow here first).
const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 30, max: 100_000 }).map((n) => `@deep:${n}@`));
const splice = (json: string) => json.replace(/"@deep:(\d+)@"/g, (_, n: string) => `${'['.repeat(Number(n))}${']'.repeat(Number(n))}`);
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: bad, weight: 1 });
/** For the document's shape: rarely broken, so most drafts save and the deeper checks run. */
const rarely = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 40 }, { arbitrary: bad, weight: 1 });
const shortLabel = fc.oneof(fc.constantFrom(...hostile, '', 'x'.repeat(120)), fc.string({ unit: 'grapheme-composite', maxLength: 30 }));

/** A plausible config per node type (valid or not by a field or two), else anything. */
const configs: Record<string, fc.Arbitrary<unknown>> = {
  'trigger-manual': fc.constant({}),
  'trigger-purchase': fc.record({ minAmount: mostly(fc.nat(), junk), product: label }, { requiredKeys: [] }),
  'trigger-tag-added': fc.record({ tags: mostly(fc.array(label, { minLength: 1, maxLength: 3 }), junk) }),
  'trigger-customer-created': fc.record({ source: label }, { requiredKeys: [] }),
  'trigger-stage-changed': fc.record({ to: fc.constantFrom('paid', 'Bad Stage') }, { requiredKeys: [] }),
  'send-script': fc.record({ title: label, script: mostly(fc.constantFrom(...hostile, '您好 {{customer.name}}', 'x'.repeat(4001)), junk), priority: fc.constantFrom('low', 'high', 'urgent') }, { requiredKeys: ['script'] }),
  wait: fc.record({ mode: fc.constantFrom('duration', 'weekday', 'date-property', 'nope'), amount: mostly(fc.integer({ min: -1, max: 400 }), junk), unit: fc.constantFrom('days', 'hours', 'years') }, { requiredKeys: [] }),
  'wait-for-event': fc.record({ event: mostly(fc.record({ kind: fc.constantFrom('purchase', 'tag.added', 'nope') }), junk), timeout: mostly(fc.record({ amount: fc.integer({ min: 0, max: 4000 }), unit: fc.constantFrom('days', 'weeks') }), junk) }, { requiredKeys: [] }),
  'branch-tag': fc.record({ tags: mostly(fc.array(label, { minLength: 1, maxLength: 3 }), junk), match: fc.constantFrom('any', 'all', 'some'), mode: fc.constantFrom('has', 'lacks') }, { requiredKeys: [] }),
  'branch-purchase': fc.record({ withinDays: mostly(fc.integer({ min: 0, max: 4000 }), junk), minAmount: fc.double(), minCount: fc.integer({ min: 0, max: 2000 }) }, { requiredKeys: [] }),
  'add-tag': fc.record({ tags: mostly(fc.array(label, { minLength: 1, maxLength: 3 }), junk) }),
  'remove-tag': fc.record({ tags: mostly(fc.array(label, { minLength: 1, maxLength: 3 }), junk) }),
  'set-stage': fc.record({ stage: fc.constantFrom('paid', 'repeat-buyer', 'Paid!', '') }),
  exit: fc.record({ reason: label }, { requiredKeys: [] }),
};
const TYPES = Object.keys(configs);
const PORTS = ['out', 'yes', 'no', 'matched', 'timeout', 'missing'];

/** Random graphs: nodes of random types with plausible or junk configs, random edges among a small id pool. */
const randomGraph = fc
  .record({
    nodes: fc.array(
      fc.record(
        {
          id: rarely(fc.constantFrom('n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'), fc.oneof(label, junk)),
          type: mostly(fc.constantFrom(...TYPES), fc.oneof(fc.constantFrom('nope', '__proto__', 'constructor'), label)),
          config: rarely(fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 3 }), junk),
          position: rarely(fc.record({ x: fc.double({ noNaN: true, noDefaultInfinity: true }), y: fc.integer() }), junk),
          label: rarely(shortLabel, label),
        },
        { requiredKeys: ['id', 'type'] },
      ),
      { minLength: 0, maxLength: 10 },
    ),
    edges: fc.array(
      fc.record({ id: fc.uuid(), source: fc.constantFrom('n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'zz'), sourcePort: rarely(fc.constantFrom(...PORTS), fc.constant('Bad Port')), target: fc.constantFrom('n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'zz') }),
      { maxLength: 16 },
    ),
    settings: rarely(fc.record({ reentry: rarely(fc.constantFrom('never', 'after-exit', 'always'), fc.constant('sometimes')), goal: fc.constant(null) }), junk),
    pick: fc.array(fc.oneof(...TYPES.map((t) => configs[t]!)), { minLength: 10, maxLength: 10 }),
  })
  .map(({ nodes, edges, settings, pick }) => ({
    // Known types get a config shaped for some type (often their own), so validation goes deep.
    nodes: nodes.map((n, i) => (typeof n.type === 'string' && n.type in configs && i % 4 !== 3 ? { ...n, config: pick[i] } : n)),
    edges,
    settings,
  }));

/** Publishable journeys with hostile text: trigger → script → wait → exit, sometimes a loop back through the wait (allowed) or without one (refused). */
const lineGraph = fc.record({ script: fc.constantFrom(...hostile.filter((h) => h.trim()), 'ok {{customer.name}}'), title: label, labels: fc.array(label, { minLength: 4, maxLength: 4 }), loop: fc.constantFrom('none', 'through-wait', 'without-wait') }).map(({ script, title, labels, loop }) => ({
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 }, label: labels[0] },
    { id: 'hello', type: 'send-script', config: { title, script }, position: { x: 0, y: 100 }, label: labels[1] },
    { id: 'pause', type: 'wait', config: {}, position: { x: 0, y: 200 }, label: labels[2] },
    { id: 'tag', type: 'add-tag', config: { tags: ['<b>vip</b>'] }, position: { x: 0, y: 300 }, label: labels[3] },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 400 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' },
    { id: 'e2', source: 'hello', sourcePort: 'out', target: loop === 'without-wait' ? 'tag' : 'pause' },
    { id: 'e3', source: 'pause', sourcePort: 'out', target: loop === 'through-wait' ? 'hello' : 'tag' },
    { id: 'e4', source: 'tag', sourcePort: 'out', target: loop === 'without-wait' ? 'hello' : 'end' },
  ],
}));

type Row = { draft_revision: number; live_version_id: string | null; versions: number };
async function journeyRow(db: Db, id: string): Promise<Row> {
  const j = await db.selectFrom('journeys').select(['draft_revision', 'live_version_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const v = await db.selectFrom('journey_versions').select((eb) => eb.fn.countAll<number>().as('n')).where('journey_id', '=', id).executeTakeFirstOrThrow();
  return { ...j, versions: Number(v.n) };
}

describe('fuzzing journey drafts and publishing through the tRPC API over HTTP', () => {
  let app: SecurityApp;
  let cookie: string;
  let journeyId: string;
  let revision: number;

  beforeAll(async () => {
    app = await startSecurityApp();
    cookie = await signIn(app, app.users.ops.email);
    const created = await trpc(app, 'journeys.create', { name: '<img src=x onerror=window.__xss=1>' }, { cookie });
    expect(created.status).toBe(200);
    ({ id: journeyId, revision } = created.json.result!.data as { id: string; revision: number });
  });
  afterAll(async () => {
    await app?.close();
    console.info(`[reliability] graph fuzz figures: ${JSON.stringify(figures)}`);
  });

  const count = (what: string, status: number) => {
    const key = `${what} ${status}`;
    figures.statuses[key] = (figures.statuses[key] ?? 0) + 1;
  };

  /** A tRPC mutation whose body text has the deep markers spliced in. */
  async function mutate(path: string, input: unknown) {
    const res = await fetch(`${app.base}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.base, 'sec-fetch-site': 'same-origin', cookie },
      body: splice(JSON.stringify(input)),
    });
    const text = await res.text();
    return { status: res.status, json: JSON.parse(text) as { result?: { data: unknown }; error?: { data: Record<string, unknown> } } };
  }

  async function saveThenPublish(graph: unknown) {
    figures.runs += 1;
    const before = await journeyRow(app.db, journeyId);
    const saved = await mutate('journeys.saveDraft', { id: journeyId, graph, baseRevision: revision });
    count('saveDraft', saved.status);
    expect(saved.status, JSON.stringify(saved.json).slice(0, 400)).toBeLessThan(500);
    if (saved.status === 200) {
      figures.saved += 1;
      const data = saved.json.result!.data as { revision: number; problems: unknown[] };
      expect(data.revision).toBe(revision + 1);
      revision = data.revision;
      expect((await journeyRow(app.db, journeyId)).draft_revision).toBe(revision);
    } else {
      figures.refusedDrafts += 1;
      if (process.env.DEBUG_FUZZ) console.log(JSON.stringify((saved.json.error!.data.domain as { problems: Array<{ message: { en: string } }> } | null)?.problems.map((p) => p.message.en)).slice(0, 300));
      expect(saved.status).toBe(400);
      expect(saved.json.error!.data.domain ?? saved.json.error!.data.zodError).toBeTruthy();
      // A refused draft leaves the stored one as it was.
      expect(await journeyRow(app.db, journeyId)).toEqual(before);
    }

    const checked = await mutate('journeys.validate', { id: journeyId, graph });
    count('validate', checked.status);
    expect(checked.status).toBeLessThan(500);
    const simulated = await mutate('journeys.simulate', { id: journeyId, graph, customer: { hypothetical: { name: '<script>window.__xss=1</script>', tags: ['vip'] } }, horizonDays: 30 });
    count('simulate', simulated.status);
    expect(simulated.status, JSON.stringify(simulated.json).slice(0, 400)).toBeLessThan(500);

    const beforePublish = await journeyRow(app.db, journeyId);
    const published = await mutate('journeys.publish', { id: journeyId, notes: '<img src=x onerror=window.__xss=1>' });
    count('publish', published.status);
    expect(published.status, JSON.stringify(published.json).slice(0, 400)).toBeLessThan(500);
    const after = await journeyRow(app.db, journeyId);
    if (published.status === 200) {
      figures.published += 1;
      const { id } = published.json.result!.data as { id: string };
      expect(after.versions).toBe(beforePublish.versions + 1);
      expect(after.live_version_id).toBe(id);
      // What went live is a journey the strict validator accepts.
      const version = await app.db.selectFrom('journey_versions').select('graph').where('id', '=', id).executeTakeFirstOrThrow();
      const result = validateGraph(typeof version.graph === 'string' ? JSON.parse(version.graph) : version.graph, defaultRegistry);
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.ok).toBe(true);
    } else {
      figures.refusedPublish += 1;
      expect(published.status).toBe(400);
      const problems = (published.json.error!.data.domain as { problems: Array<{ severity: string; message: { en: string; 'zh-CN': string } }> }).problems;
      expect(problems.some((p) => p.severity === 'error')).toBe(true);
      for (const p of problems) expect(p.message.en && p.message['zh-CN']).toBeTruthy();
      expect(after).toEqual(beforePublish);
    }
  }

  it('random graphs (unknown types, junk configs, dangling and looping edges, huge labels): never 5xx, nothing written on refusal', async () => {
    const started = Date.now();
    await fc.assert(fc.asyncProperty(randomGraph, saveThenPublish), { numRuns: runs(100), seed: SEED });
    expect(figures.saved).toBeGreaterThan(runs(10));
    expect(figures.refusedDrafts).toBeGreaterThan(runs(10));
    console.info(`[reliability] random graphs: ${runs(100)} runs in ${Date.now() - started} ms`);
  });

  it('publishable journeys carrying hostile text publish; a loop without a wait is refused', async () => {
    const publishedBefore = figures.published;
    await fc.assert(fc.asyncProperty(lineGraph, saveThenPublish), { numRuns: runs(40), seed: SEED + 1 });
    expect(figures.published - publishedBefore).toBeGreaterThan(runs(8));
  });

  it('NUL characters and deep JSON in any tRPC input get a 400 that says why (PostgreSQL refuses NUL in text)', async () => {
    const before = await journeyRow(app.db, journeyId);
    const customers = async () => Number((await app.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const customersBefore = await customers();
    const nul = await mutate('customers.create', { name: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect((nul.json.error!.data.domain as { text: { en: string; 'zh-CN': string } }).text).toEqual({ en: 'Text must not contain the NUL character (U+0000)', 'zh-CN': '文本中不能含有 NUL 字符（U+0000）' });
    expect((await mutate('journeys.rename', { id: journeyId, name: 'x\u0000' })).status).toBe(400);
    const deep = await mutate('customers.create', { name: 'deep', properties: { note: '@deep:100000@' } });
    expect(deep.status).toBe(400);
    expect(JSON.stringify(deep.json)).toContain('properties are nested more than 32 levels deep');
    expect(await customers()).toBe(customersBefore);
    expect(await journeyRow(app.db, journeyId)).toEqual(before);
  });

  it('graph documents at and over the limits: 500 nodes save, 501 are refused, a 3 MB label is refused without a 5xx', async () => {
    const nodes = Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, type: i === 0 ? 'trigger-manual' : 'exit', config: {}, position: { x: i, y: i } }));
    const edges = Array.from({ length: 2000 }, (_, i) => ({ id: `e${i}`, source: 'n0', sourcePort: 'out', target: `n${1 + (i % 499)}` }));
    await saveThenPublish({ nodes, edges });
    const before = await journeyRow(app.db, journeyId);
    const over = await trpc(app, 'journeys.saveDraft', { id: journeyId, graph: { nodes: [...nodes, { id: 'extra', type: 'exit' }], edges: [] }, baseRevision: revision }, { cookie });
    expect(over.status).toBe(400);
    const huge = await trpc(app, 'journeys.saveDraft', { id: journeyId, graph: { nodes: [{ id: 'a', type: 'exit', label: 'x'.repeat(3_000_000) }], edges: [] }, baseRevision: revision }, { cookie });
    expect([400, 413]).toContain(huge.status);
    const tooBig = await trpc(app, 'journeys.saveDraft', { id: journeyId, graph: { nodes: [{ id: 'a', type: 'exit', label: 'x'.repeat(5_000_000) }], edges: [] }, baseRevision: revision }, { cookie });
    expect([400, 413]).toContain(tooBig.status);
    expect(await journeyRow(app.db, journeyId)).toEqual(before);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });
});
