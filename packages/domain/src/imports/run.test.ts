import { repos } from '@sopline/db';
import { xlsxBuffer } from '@sopline/tabular';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import type { Viewer } from '../users/viewer.ts';
import { previewImport } from './preview.ts';
import { IMPORT_ROWS_PER_COMMIT, runImportJob, startImport, startImportJobRunner } from './run.ts';
import { uploadImport } from './upload.ts';

let f: Fixture;
let ops: Viewer;
beforeEach(async () => {
  f = await createFixture();
  const user = await repos(f.db).users.create({ workspaceId: f.workspace.id, email: 'ops@example.com', name: '王运营', role: 'ops' });
  ops = { workspaceId: f.workspace.id, userId: user.id, role: 'ops' };
});
afterEach(async () => {
  await f.close();
});

const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `客户${from + i},139${String(from + i).padStart(8, '0')}\n`).join('');

describe('import jobs', () => {
  it('resume where they stopped after their process died, neither skipping nor repeating a row', async () => {
    const total = IMPORT_ROWS_PER_COMMIT * 2 + 37;
    // One row in the middle names the same phone as the first: refused, wherever the run restarts.
    const csv = `姓名,手机\n${rows(300)}重复,13900000000\n${rows(total - 301, 300)}`;
    const job = await uploadImport(f.deps, ops, { kind: 'customers', fileName: 'big.csv', body: [Buffer.from(csv)] });
    // Queued for the workers: nothing runs it until a runner claims it.
    const queued = await startImport({ ...f.deps, backgroundJobs: 'workers' }, ops, { id: job.id, phase: 'import', mapping: ['name', 'phone'] });
    await queued.finished;
    const r = repos(f.db);

    // A first process takes it and stops after one group, as on a shutdown: its claim is given back.
    const first = (await r.imports.claimNext('first', 30_000))!;
    let groups = 0;
    await runImportJob(f.deps, first, { holder: 'first', ttlMs: 30_000 }, { shouldStop: () => ++groups >= 1 });
    const halfway = (await r.imports.byId(job.id))!;
    expect(halfway).toMatchObject({ state: 'importing', rows_done: IMPORT_ROWS_PER_COMMIT, created: IMPORT_ROWS_PER_COMMIT, claimed_until: null });

    // A second process dies mid-group: its transaction never commits, its claim lapses.
    const second = (await r.imports.claimNext('second', 1))!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The runner of a third process finds the lapsed claim and finishes the job.
    const runner = startImportJobRunner(f.deps, { holder: 'third', intervalMs: 10 });
    for (let i = 0; i < 200 && (await r.imports.byId(job.id))!.state === 'importing'; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    await runner.stop();
    expect(second.id).toBe(job.id);
    const done = (await r.imports.byId(job.id))!;
    expect(done).toMatchObject({ state: 'imported', rows_total: total, created: total - 1, updated: 0, rejected: 1, claimed_by: 'third' });
    const count = await f.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', f.workspace.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(total - 1);
    expect((await r.imports.rejects(job.id, 'import', { limit: 10 })).map((x) => x.row)).toEqual([302]);
  });

  it('reads the chosen sheet of a workbook', async () => {
    const book = await xlsxBuffer('名单', ['姓名', '手机号', '生日'], [
      ['王一', '13700000001', new Date(Date.UTC(1991, 2, 9))],
      ['王二', '13700000002', null],
    ]);
    const job = await uploadImport(f.deps, ops, { kind: 'customers', fileName: 'list.xlsx', body: [book] });
    expect(job).toMatchObject({ format: 'xlsx', sheet: '名单', sheets: [{ name: '名单', rows: 2 }] });
    const preview = await previewImport(f.deps, ops, { id: job.id });
    expect(preview.mapping).toEqual(['name', 'phone', 'birthday']);
    expect(preview.rows.map((r) => r.cells)).toEqual([
      ['王一', '13700000001', '1991-03-09'],
      ['王二', '13700000002', ''],
    ]);
    await expect(previewImport(f.deps, ops, { id: job.id, sheet: 'Sheet9' })).rejects.toThrow(/Sheet9/);
    const started = await startImport(f.deps, ops, { id: job.id, phase: 'import', mapping: preview.mapping });
    await started.finished;
    const wang = await repos(f.db).customers.findByExternalId(f.workspace.id, { phone: '13700000001' });
    expect(wang?.properties).toEqual({ birthday: '1991-03-09' });
  });
});
