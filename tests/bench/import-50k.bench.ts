import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { openDatabase, repos } from '@sopline/db';
import type { ImportMapping, Viewer } from '@sopline/domain';
import { exportCustomers, previewImport, startImport, uploadImport } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { csvStream } from '@sopline/tabular';
import iconv from 'iconv-lite';
import { freshDataDir, sized } from './engine/setup.ts';
import type { BenchMeta, BenchResult } from './types.ts';
import { figure } from './types.ts';

const ROWS = sized('BENCH_IMPORT_ROWS', 2000, 50_000);

export const meta: BenchMeta = {
  section: 'import-50k',
  title: `Importing ${ROWS.toLocaleString('en')} customers from a GBK CSV`,
  layout: 'figures',
  method: [
    `A fresh SQLite file (as \`pnpm start\` uses) with one workspace and its members. The file: ${ROWS.toLocaleString('en')} rows of a customers sheet as Excel saves it on a Chinese Windows`,
    '(GBK, CRLF, Chinese headers 姓名/手机号码/客户阶段/标签/负责人/城市/生日, a stage by label, two tags, every tenth row owned by a rep named by name, a quoted city with a comma, a birthday).',
    'In this process, through the domain functions the API calls: the upload (the file in 1 MB pieces, as POST /api/imports streams it), the mapping step (preview of 20 rows),',
    'the dry run, the import, the same file imported again (every row an update) and an export of the whole list as CSV. Memory is the process RSS and V8 heap sampled every 20 ms during each',
    'phase, against the values right before it; the file is also held once by the bench itself.',
  ].join(' '),
};

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;

/** Runs `work`, sampling memory meanwhile: its time and how far RSS and heap rose above where they started. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; rssMB: number; heapMB: number; retainedMB: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    // What the phase left behind once garbage is collected: a leak grows this with the rows.
    global.gc?.();
    return { value, ms, rssMB: (rss - base.rss) / 2 ** 20, heapMB: (heap - base.heapUsed) / 2 ** 20, retainedMB: (process.memoryUsage().heapUsed - base.heapUsed) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<BenchResult[]> {
  const dataDir = freshDataDir();
  const conn = await openDatabase(join(dataDir, 'sopline.db'));
  const results: BenchResult[] = [];
  try {
    const r = repos(conn.db);
    const ws = await r.workspaces.create({ name: 'Bench', timezone: 'Asia/Shanghai' });
    const ops = await r.users.create({ workspaceId: ws.id, email: 'ops@bench.test', name: '运营', role: 'ops' });
    await r.users.create({ workspaceId: ws.id, email: 'rep@bench.test', name: '小林', role: 'sales' });
    const viewer: Viewer = { workspaceId: ws.id, userId: ops.id, role: 'ops' };
    const deps = { db: conn.db, registry: defaultRegistry, runner: { start: async () => {}, signalEvent: async () => {}, signalGoal: async () => {}, cancel: async () => {}, retry: async () => {} } };

    const lines = ['姓名,手机号码,客户阶段,标签,负责人,城市,生日'];
    const stages = ['未付费', '已付费', '复购', 'KOC 推荐官'];
    for (let i = 0; i < ROWS; i += 1) {
      lines.push(`客户${i},13${String(i).padStart(9, '0')},${stages[i % 4]},小红书|门店,${i % 10 === 0 ? '小林' : ''},"杭州, 西湖",19${80 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`);
    }
    const file = iconv.encode(lines.join('\r\n'), 'gbk');
    const pieces = Array.from({ length: Math.ceil(file.length / 65_536) }, (_, i) => file.subarray(i * 65_536, (i + 1) * 65_536));
    const mb = file.length / 2 ** 20;

    const note = (m: { rssMB: number; heapMB: number; retainedMB: number }) => `peak RSS +${m.rssMB.toFixed(0)} MB, peak heap +${m.heapMB.toFixed(0)} MB over the phase's start, ${signed(m.retainedMB)} MB retained after it`;
    const upload = await measured(() => uploadImport(deps, viewer, { kind: 'customers', fileName: 'bench.csv', body: pieces }));
    results.push(figure('upload', `Upload of the ${mb.toFixed(1)} MB file (stored in pieces, encoding detected, header read)`, 'ms', upload.ms, { note: note(upload) }));
    const preview = await measured(() => previewImport(deps, viewer, { id: upload.value.id }));
    results.push(figure('preview', 'Mapping step (header, guessed mapping, 20 rows checked)', 'ms', preview.ms, { note: note(preview) }));
    const mapping = preview.value.mapping as ImportMapping;

    const runPhase = async (id: string, phase: 'check' | 'import', jobId: string) => {
      const m = await measured(async () => {
        const started = await startImport(deps, viewer, { id: jobId, phase, mapping });
        await started.finished;
        return (await r.imports.byId(jobId))!;
      });
      const job = m.value;
      const counts = `${job.created} new, ${job.updated} updated, ${job.rejected} refused`;
      results.push(
        figure(`${id}-rate`, `${id === 'check' ? 'Dry run' : id === 'import' ? 'Import' : 'Import again (all updates)'}: rows per second`, '/s', (ROWS / m.ms) * 1000, { note: `${(m.ms / 1000).toFixed(1)} s for ${ROWS} rows; ${counts}; ${note(m)}`, details: { state: job.state, error: job.error } }),
        figure(`${id}-rss`, `${id === 'check' ? 'Dry run' : id === 'import' ? 'Import' : 'Import again'}: peak RSS growth`, 'MB', m.rssMB, { note: `peak heap +${m.heapMB.toFixed(0)} MB (garbage included), ${signed(m.retainedMB)} MB retained after a GC` }),
      );
    };
    await runPhase('check', 'check', upload.value.id);
    await runPhase('import', 'import', upload.value.id);
    const again = await uploadImport(deps, viewer, { kind: 'customers', fileName: 'bench.csv', body: pieces });
    await runPhase('again', 'import', again.id);

    const exported = await measured(async () => {
      const out = await exportCustomers(deps, viewer, { lang: 'zh-CN' });
      let bytes = 0;
      await pipeline(
        csvStream(
          (async function* () {
            yield out.header;
            yield* out.rows;
          })(),
        ),
        new Writable({
          write(chunk: Buffer, _enc, done) {
            bytes += chunk.length;
            done();
          },
        }),
      );
      return bytes;
    });
    results.push(figure('export', `Export of the ${ROWS} customers as CSV: rows per second`, '/s', (ROWS / exported.ms) * 1000, { note: `${(exported.ms / 1000).toFixed(1)} s, ${(exported.value / 2 ** 20).toFixed(1)} MB; ${note(exported)}` }));
    return results;
  } finally {
    await conn.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
