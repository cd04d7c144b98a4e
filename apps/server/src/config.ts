import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TemporalSettings, WorkerTuning } from '@sopline/journey-worker';
import { TemporalEnv, temporalSettings, TuningEnv, wantsSecureConnection } from '@sopline/journey-worker';
import { repoRoot } from '@sopline/temporal-dev';
import { DEFAULT_API_BASE } from '@sopline/wecom';
import { z } from 'zod';

const onOff = z.enum(['on', 'off']);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Relative paths are taken from the repository root, whichever folder the process starts in. */
  SOPLINE_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  ...TemporalEnv.shape,
  ...TuningEnv.shape,
  SOPLINE_TASK_QUEUE: z.string().min(1).optional(),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** all: API, worker, dispatcher and bulk jobs in one process; api: HTTP only (workers run elsewhere). */
  SOPLINE_ROLE: z.enum(['all', 'api']).optional(),
  /** The older switch: off is the same as SOPLINE_ROLE=api. */
  SOPLINE_WORKER: onOff.default('on'),
  /** How long a dead process's dispatcher lease and bulk-job claims hold before another takes over. */
  SOPLINE_LEASE_SECONDS: z.coerce.number().min(2).max(3600).default(30),
  SOPLINE_SEED: onOff.default('on'),
  /** The demo's language: its names, journeys, scripts and tags are written in one language. */
  SOPLINE_SEED_LANG: z.enum(['zh-CN', 'en'], { error: 'zh-CN or en' }).default('zh-CN'),
  SOPLINE_PLUGINS: z.string().default(''),
  /** Optional: invitation e-mails go out through this SMTP server. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'an smtp:// or smtps:// URL, e.g. smtp://user:password@smtp.example.com:587' }).optional(),
  SMTP_FROM: z.string().min(3).max(200).optional(),
  /** The WeCom API: the real one, a proxy in front of it (private deployments), or a test simulator. */
  WECOM_API_BASE: z.url({ protocol: /^https?$/, error: 'an http(s):// URL, e.g. https://qyapi.weixin.qq.com' }).default(DEFAULT_API_BASE),
  WECOM_OAUTH_BASE: z.url({ protocol: /^https?$/, error: 'an http(s):// URL that serves WeCom’s OAuth pages (a proxy), e.g. https://open.weixin.qq.com' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  /** null: start (or reuse) the embedded Temporal dev server. */
  temporalAddress: string | null;
  namespace: string;
  /** How to connect (TLS, API key) to a Temporal at `temporalAddress`; the address is filled in at start for the embedded one. */
  temporal: Omit<TemporalSettings, 'connection'> & { connection: Omit<TemporalSettings['connection'], 'address'> };
  taskQueue: string | undefined;
  role: 'all' | 'api';
  leaseMs: number;
  temporalPort: number;
  temporalUiPort: number;
  sessionSecret: string;
  worker: boolean;
  /** The in-process worker's SOPLINE_MAX_CONCURRENT_STEPS and SOPLINE_CACHED_RUNS. */
  tuning: WorkerTuning;
  seed: boolean;
  /** The language the demo is seeded in (SOPLINE_SEED_LANG). */
  seedLang: 'zh-CN' | 'en';
  plugins: string[];
  /** null: no e-mail; invitation links are only shown to copy. */
  smtp: { url: string; from: string | undefined } | null;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  wecomApiBase: string;
  /** Replaces WeCom's OAuth and web-login hosts (a proxy, or the simulator); null: WeCom's own. */
  wecomOAuthBase: string | null;
};

export class ConfigError extends Error {}

/** The session secret: from the environment, else generated once and kept (mode 600) in the data dir. */
function sessionSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SOPLINE_ROLE === 'all' && e.SOPLINE_WORKER === 'off') problems.push('SOPLINE_WORKER: off contradicts SOPLINE_ROLE=all; set one of them');
  if (!e.TEMPORAL_ADDRESS && wantsSecureConnection(e)) {
    problems.push('TEMPORAL_ADDRESS: required with TEMPORAL_TLS / TEMPORAL_TLS_* / TEMPORAL_API_KEY (the embedded dev server takes plain connections)');
  }
  const { settings, problems: temporalProblems } = temporalSettings(e.TEMPORAL_ADDRESS ?? '', e);
  problems.push(...temporalProblems);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const { address: _address, ...connection } = settings.connection;
  const role = e.SOPLINE_ROLE ?? (e.SOPLINE_WORKER === 'off' ? 'api' : 'all');
  const dataDir = resolve(repoRoot() ?? process.cwd(), e.SOPLINE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? join(dataDir, 'sopline.db'),
    temporalAddress: e.TEMPORAL_ADDRESS ?? null,
    namespace: e.TEMPORAL_NAMESPACE,
    temporal: { ...settings, connection },
    taskQueue: e.SOPLINE_TASK_QUEUE,
    role,
    leaseMs: e.SOPLINE_LEASE_SECONDS * 1000,
    temporalPort: e.TEMPORAL_PORT,
    temporalUiPort: e.TEMPORAL_UI_PORT,
    sessionSecret: sessionSecret(dataDir, e.SESSION_SECRET),
    worker: role === 'all',
    tuning: { maxConcurrentSteps: e.SOPLINE_MAX_CONCURRENT_STEPS, cachedRuns: e.SOPLINE_CACHED_RUNS },
    seed: e.SOPLINE_SEED === 'on',
    seedLang: e.SOPLINE_SEED_LANG,
    plugins: e.SOPLINE_PLUGINS.split(',').map((s) => s.trim()).filter(Boolean),
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    logLevel: e.LOG_LEVEL,
    wecomApiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
    wecomOAuthBase: e.WECOM_OAUTH_BASE?.replace(/\/+$/, '') ?? null,
  };
}
