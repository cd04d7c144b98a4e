import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { DomainDeps } from '@sopline/domain';
import { journeyConversion, overdueByRep, removeDemoData, segmentCounts, stageFunnel, taskCompletion } from '@sopline/domain';
import { FakeRunner } from '@sopline/domain/testing';
import { defaultRegistry } from '@sopline/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './demo.ts';

const DAY = 86_400_000;
const NOW = new Date();

describe('the demo seed', () => {
  let conn: Awaited<ReturnType<typeof openTestDatabase>>;
  let deps: DomainDeps;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    conn = await openTestDatabase({ prefix: 'demo-seed' });
    deps = { db: conn.db, registry: defaultRegistry, runner: new FakeRunner() };
    seeded = await seedDemo(deps, { now: NOW });
  }, 60_000);
  afterAll(async () => {
    await conn?.close();
  });

  it('keeps what pnpm start promises: 200 customers and 40 in the retail journey', () => {
    expect(seeded.customers).toBe(200);
    expect(seeded.enrolled).toBe(40);
  });

  it("gives the reps' past tasks the scripts they would have sent: the customer's name in, never a {{placeholder}} or the task's title", async () => {
    const rows = await conn.db.selectFrom('tasks').innerJoin('customers', 'customers.id', 'tasks.customer_id').select(['tasks.title', 'tasks.script', 'tasks.node_id', 'customers.name']).execute();
    const withScript = rows.filter((t) => t.script !== '');
    expect(withScript.length).toBeGreaterThan(50);
    expect(rows.filter((t) => t.script.includes('{{'))).toEqual([]);
    expect(rows.filter((t) => t.script !== '' && t.script === t.title)).toEqual([]);
    expect(withScript.filter((t) => t.node_id !== null).every((t) => t.script.includes(t.name))).toBe(true);
  });

  it("leaves no open send task without its script: a rep always has something to copy (the welcome message names its owner)", async () => {
    const sends = await conn.db
      .selectFrom('tasks')
      .innerJoin('customers', 'customers.id', 'tasks.customer_id')
      .leftJoin('users', 'users.id', 'tasks.owner_id')
      .select(['tasks.node_id', 'tasks.status', 'tasks.script', 'customers.name', 'users.name as owner'])
      .where('tasks.node_id', 'is not', null)
      .execute();
    const open = sends.filter((t) => t.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((t) => t.script.trim() === '')).toEqual([]);
    expect(sends.filter((t) => t.script.trim() === '')).toEqual([]);
    const welcomes = sends.filter((t) => t.node_id === 'welcome' && t.owner !== null);
    expect(welcomes.length).toBeGreaterThan(5);
    for (const t of welcomes) expect(t.script).toContain(`${t.name}您好，我是您的专属顾问${t.owner}`);
  });

  it('gives every dashboard something to show over the last 90 days', async () => {
    const workspaceId = seeded.workspace.id;
    // Through tomorrow: the in-flight customers entered a moment after NOW.
    const period = { workspaceId, from: new Date(NOW.getTime() - 90 * DAY), to: new Date(NOW.getTime() + DAY) };
    const funnel = await stageFunnel(deps, period);
    expect(funnel.current.reduce((n, s) => n + s.customers, 0)).toBe(200);
    expect(funnel.transitions.length).toBeGreaterThanOrEqual(3);
    for (const p of funnel.period.slice(0, -1)) expect([p.stage, p.passed > 0, p.movedOn! > 0]).toEqual([p.stage, true, true]);

    const reps = await taskCompletion(deps, { ...period, now: NOW });
    const [rep1, rep2] = seeded.users.filter((u) => u.role === 'sales').map((u) => reps.find((r) => r.rep?.id === u.id)!);
    for (const rep of [rep1!, rep2!]) {
      expect(rep.due).toBeGreaterThan(20);
      expect(rep.skipped).toBeGreaterThan(0);
      expect(rep.medianMinutesToDone).not.toBeNull();
    }
    // The two reps work differently, so the chart has a story to tell.
    expect(rep1!.completionRate!).toBeGreaterThan(rep2!.completionRate!);
    expect(rep1!.medianMinutesToDone!).toBeLessThan(rep2!.medianMinutesToDone!);

    const overdue = await overdueByRep(deps, { workspaceId, now: NOW });
    expect(overdue.filter((r) => r.rep !== null && r.overdue > 0).length).toBe(2);

    const segments = await segmentCounts(deps, { workspaceId });
    expect(segments.dormant).toBeGreaterThan(5);
    expect(segments.churned).toBeGreaterThan(2);

    const journeys = await journeyConversion(deps, period);
    expect(journeys).toHaveLength(2);
    const winBack = journeys.find((j) => j.hasGoal)!;
    expect(winBack.name).toMatch(/召回/);
    expect(winBack.rate).toBeGreaterThan(0);
    expect(winBack.rate).toBeLessThan(1);
    const retail = journeys.find((j) => !j.hasGoal)!;
    expect(retail.inJourney).toBe(40);
    expect(retail.exits.map((e) => e.reason).sort()).toEqual(['dormant', 'paid']);
  });

  // Last: it empties the workspace the tests above read.
  it('is marked as the demo, and an admin can empty it: runs cancelled, rows gone, other demo accounts removed', async () => {
    const workspaceId = seeded.workspace.id;
    expect((await repos(conn.db).workspaces.demo())?.id).toBe(workspaceId);
    const admin = seeded.users.find((u) => u.role === 'admin')!;
    const viewer = { workspaceId, userId: admin.id, role: admin.role };
    await expect(removeDemoData(deps, viewer, { confirmName: 'not the name' })).rejects.toMatchObject({ code: 'demo.confirm', details: { field: 'confirmName' } });
    expect(await repos(conn.db).customers.ids(workspaceId, {})).toHaveLength(200);

    const runner = deps.runner as FakeRunner;
    const removed = await removeDemoData(deps, viewer, { confirmName: seeded.workspace.name });
    expect(removed).toMatchObject({ customers: 200, journeys: 2, users: 3 });
    expect(removed.cancelledRuns).toBeGreaterThanOrEqual(40);
    expect(runner.of('cancel').length).toBe(removed.cancelledRuns);
    for (const table of ['customers', 'journeys', 'journey_versions', 'enrollments', 'enrollment_steps', 'tasks', 'events', 'tags'] as const) {
      const left = await conn.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
      expect([table, Number(left.n)]).toEqual([table, 0]);
    }
    expect((await conn.db.selectFrom('users').select('email').where('workspace_id', '=', workspaceId).execute()).map((u) => u.email)).toEqual([admin.email]);
    expect(await repos(conn.db).workspaces.demo()).toBeUndefined();
    // Emptied once: it is no longer the demo, so a second attempt is refused.
    await expect(removeDemoData(deps, viewer, { confirmName: seeded.workspace.name })).rejects.toMatchObject({ code: 'demo.not-demo' });
  });
});
