import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'sopline-config-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('has embedded defaults: port 3000, SQLite in the data dir, embedded Temporal', () => {
    const dir = dataDir();
    const config = loadConfig({ SOPLINE_DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, dataDir: dir, databaseUrl: join(dir, 'sopline.db'), temporalAddress: null, worker: true, seed: true });
  });

  it('generates the session secret once, keeps it private in the data dir, and reuses it', () => {
    const dir = dataDir();
    const first = loadConfig({ SOPLINE_DATA_DIR: dir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ SOPLINE_DATA_DIR: dir }).sessionSecret).toBe(first);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'session-secret')).mode & 0o077).toBe(0);
    expect(loadConfig({ SOPLINE_DATA_DIR: dir, SESSION_SECRET: 's'.repeat(40) }).sessionSecret).toBe('s'.repeat(40));
  });

  it('names the variable that is wrong', () => {
    const dir = dataDir();
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: at least 32 characters/);
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, SOPLINE_WORKER: 'maybe' })).toThrow(/SOPLINE_WORKER/);
  });

  it('uses TEMPORAL_ADDRESS and DATABASE_URL when given', () => {
    const config = loadConfig({ SOPLINE_DATA_DIR: dataDir(), TEMPORAL_ADDRESS: 'temporal.internal:7233', DATABASE_URL: '/srv/sopline.db' });
    expect(config.temporalAddress).toBe('temporal.internal:7233');
    expect(config.databaseUrl).toBe('/srv/sopline.db');
  });
});
