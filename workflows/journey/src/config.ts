import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '@sopline/temporal-dev';
import { z } from 'zod';
import type { TemporalSettings } from './temporal-connection.ts';
import { TemporalEnv, temporalSettings } from './temporal-connection.ts';

/** How hard one worker works; read by the worker entry and by `pnpm start`'s in-process worker. */
export const TuningEnv = z.object({
  SOPLINE_MAX_CONCURRENT_STEPS: z.coerce.number().int().min(1).max(1000).optional(),
  /** Runs kept in the worker's memory between their wake-ups; others are replayed from history when they wake. */
  SOPLINE_CACHED_RUNS: z.coerce.number().int().min(2).max(1_000_000).optional(),
});

export type WorkerTuning = { maxConcurrentSteps: number | undefined; cachedRuns: number | undefined };

const Env = z.object({
  /** Relative paths are taken from the repository root, whichever folder the process starts in. */
  SOPLINE_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  ...TemporalEnv.shape,
  SOPLINE_TASK_QUEUE: z.string().min(1).optional(),
  SOPLINE_PLUGINS: z.string().default(''),
  SOPLINE_DISPATCHER: z.enum(['on', 'off']).default('on'),
  SOPLINE_BULK_JOBS: z.enum(['on', 'off']).default('on'),
  /** How long a dead process's dispatcher lease and bulk-job claims hold before another takes over. */
  SOPLINE_LEASE_SECONDS: z.coerce.number().min(2).max(3600).default(30),
  /** The API's server secret: the worker opens the WeCom secrets with it to process WeCom's callbacks. */
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  WECOM_API_BASE: z.url({ protocol: /^https?$/ }).default('https://qyapi.weixin.qq.com'),
  ...TuningEnv.shape,
});

export type WorkerConfig = {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  temporal: TemporalSettings;
  taskQueue: string | undefined;
  plugins: string[];
  dispatcher: boolean;
  bulkJobs: boolean;
  leaseMs: number;
  /** null: this worker cannot open the WeCom secrets (no SESSION_SECRET, no data/session-secret), so it leaves WeCom's callbacks to the API process. */
  serverSecret: string | null;
  wecomApiBase: string;
} & WorkerTuning;

/** Reads the worker's configuration from the environment; a bad value fails with the variable's name. */
export function workerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const { settings, problems } = temporalSettings(e.TEMPORAL_ADDRESS, e);
  if (problems.length > 0) throw new Error(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const dataDir = resolve(repoRoot() ?? process.cwd(), e.SOPLINE_DATA_DIR);
  // The same secret the server uses: from the environment, else the file `pnpm start` keeps in the data dir.
  const secretFile = join(dataDir, 'session-secret');
  const serverSecret = e.SESSION_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : null);
  return {
    databaseUrl: e.DATABASE_URL ?? join(dataDir, 'sopline.db'),
    temporalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    temporal: settings,
    taskQueue: e.SOPLINE_TASK_QUEUE,
    plugins: e.SOPLINE_PLUGINS.split(',').map((s) => s.trim()).filter(Boolean),
    dispatcher: e.SOPLINE_DISPATCHER === 'on',
    bulkJobs: e.SOPLINE_BULK_JOBS === 'on',
    leaseMs: e.SOPLINE_LEASE_SECONDS * 1000,
    maxConcurrentSteps: e.SOPLINE_MAX_CONCURRENT_STEPS,
    cachedRuns: e.SOPLINE_CACHED_RUNS,
    serverSecret,
    wecomApiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
  };
}
