// The baseline's worker process: its workflow (baseline-workflow.ts) and one activity that writes
// rows with plain prepared better-sqlite3 statements in one transaction — the cheapest way to write
// them. Worker options as the journey worker's (createJourneyWorker). Environment: BENCH_TEMPORAL_ADDRESS,
// BENCH_DB, BENCH_TASK_QUEUE.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { openSqlite } from './deps.ts';

export const BASELINE_SCHEMA = `
  create table if not exists baseline_customers (id text primary key, run integer not null, done integer not null default 0, updated_at text not null);
  create table if not exists baseline_rows (id integer primary key, customer_id text not null, run integer not null, n integer not null, payload text not null, at text not null);
`;

function createActivities(dbFile: string) {
  const db = openSqlite(dbFile);
  db.exec(BASELINE_SCHEMA);
  const insert = db.prepare('insert into baseline_rows (customer_id, run, n, payload, at) values (?, ?, ?, ?, ?)');
  const advance = db.prepare('update baseline_customers set run = ?, done = ?, updated_at = ? where id = ?');
  const write = db.transaction((input: { id: string; run: number; rows: number; last: boolean }) => {
    const at = new Date().toISOString();
    for (let n = 0; n < input.rows; n += 1) insert.run(input.id, input.run, n, `{"customer":"${input.id}","run":${input.run},"n":${n}}`, at);
    advance.run(input.run, input.last ? 1 : 0, at, input.id);
  });
  return {
    async write(input: { id: string; run: number; rows: number; last: boolean }): Promise<void> {
      write(input);
    },
  };
}
export type BaselineActivities = ReturnType<typeof createActivities>;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const address = process.env.BENCH_TEMPORAL_ADDRESS!;
  Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: process.env.BENCH_TASK_QUEUE!,
    workflowsPath: fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url)),
    activities: createActivities(process.env.BENCH_DB!),
    maxConcurrentActivityTaskExecutions: 8,
    shutdownGraceTime: '10 seconds',
  });
  process.once('SIGTERM', () => worker.shutdown());
  console.log('baseline worker ready');
  await worker.run();
  await connection.close();
}
