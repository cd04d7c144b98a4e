import { join, resolve } from 'node:path';
import { repoRoot } from '@sopline/temporal-dev';
import { z } from 'zod';

const Env = z.object({
  /** Relative paths are taken from the repository root, whichever folder the process starts in. */
  SOPLINE_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SOPLINE_TASK_QUEUE: z.string().min(1).optional(),
  SOPLINE_PLUGINS: z.string().default(''),
  SOPLINE_DISPATCHER: z.enum(['on', 'off']).default('on'),
});

export type WorkerConfig = {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string | undefined;
  plugins: string[];
  dispatcher: boolean;
};

/** Reads the worker's configuration from the environment; a bad value fails with the variable's name. */
export function workerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL ?? join(resolve(repoRoot() ?? process.cwd(), e.SOPLINE_DATA_DIR), 'sopline.db'),
    temporalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.SOPLINE_TASK_QUEUE,
    plugins: e.SOPLINE_PLUGINS.split(',').map((s) => s.trim()).filter(Boolean),
    dispatcher: e.SOPLINE_DISPATCHER === 'on',
  };
}
