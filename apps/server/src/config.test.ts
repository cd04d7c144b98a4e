import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
    expect(loadConfig({ SOPLINE_DATA_DIR: dir, SMTP_URL: 'smtps://u:p@mail.example.com:465' }).smtp).toEqual({ url: 'smtps://u:p@mail.example.com:465', from: undefined });
    expect(loadConfig({ SOPLINE_DATA_DIR: dir }).smtp).toBeNull();
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, WECOM_API_BASE: 'qyapi.weixin.qq.com' })).toThrow(/WECOM_API_BASE: an http\(s\):\/\/ URL/);
    expect(loadConfig({ SOPLINE_DATA_DIR: dir }).wecomApiBase).toBe('https://qyapi.weixin.qq.com');
    expect(loadConfig({ SOPLINE_DATA_DIR: dir, WECOM_API_BASE: 'https://wecom-proxy.example.com/' }).wecomApiBase).toBe('https://wecom-proxy.example.com');
    expect(loadConfig({ SOPLINE_DATA_DIR: dir }).wecomOAuthBase).toBeNull();
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, WECOM_OAUTH_BASE: 'open.weixin.qq.com' })).toThrow(/WECOM_OAUTH_BASE: an http\(s\):\/\/ URL/);
    expect(loadConfig({ SOPLINE_DATA_DIR: dir, WECOM_OAUTH_BASE: 'https://wecom-proxy.example.com/' }).wecomOAuthBase).toBe('https://wecom-proxy.example.com');
  });

  it('passes the worker tuning on, and refuses a cache too small to work', () => {
    const dir = dataDir();
    expect(loadConfig({ SOPLINE_DATA_DIR: dir }).tuning).toEqual({ maxConcurrentSteps: undefined, cachedRuns: undefined });
    expect(loadConfig({ SOPLINE_DATA_DIR: dir, SOPLINE_MAX_CONCURRENT_STEPS: '4', SOPLINE_CACHED_RUNS: '500' }).tuning).toEqual({ maxConcurrentSteps: 4, cachedRuns: 500 });
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, SOPLINE_CACHED_RUNS: '1' })).toThrow(/SOPLINE_CACHED_RUNS/);
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, SOPLINE_MAX_CONCURRENT_STEPS: 'many' })).toThrow(/SOPLINE_MAX_CONCURRENT_STEPS/);
  });

  it('runs as API only with SOPLINE_ROLE=api (or the older SOPLINE_WORKER=off)', () => {
    expect(loadConfig({ SOPLINE_DATA_DIR: dataDir(), SOPLINE_ROLE: 'api' })).toMatchObject({ role: 'api', worker: false });
    expect(loadConfig({ SOPLINE_DATA_DIR: dataDir(), SOPLINE_WORKER: 'off' })).toMatchObject({ role: 'api', worker: false });
    expect(loadConfig({ SOPLINE_DATA_DIR: dataDir() })).toMatchObject({ role: 'all', worker: true, leaseMs: 30_000 });
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dataDir(), SOPLINE_ROLE: 'worker' })).toThrow(/SOPLINE_ROLE/);
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dataDir(), SOPLINE_ROLE: 'all', SOPLINE_WORKER: 'off' })).toThrow(/SOPLINE_WORKER: off contradicts SOPLINE_ROLE=all/);
  });

  it('connects to a remote Temporal over TLS with the given files, naming any that is wrong', () => {
    const dir = dataDir();
    for (const f of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(join(dir, f), `-----BEGIN ${f}-----\n`);
    const remote = { SOPLINE_DATA_DIR: dir, TEMPORAL_ADDRESS: 'sopline.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'sopline.a1b2c' };
    const config = loadConfig({ ...remote, TEMPORAL_TLS_CA: join(dir, 'ca.pem'), TEMPORAL_TLS_CERT: join(dir, 'client.pem'), TEMPORAL_TLS_KEY: join(dir, 'client.key'), TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' });
    expect(config.namespace).toBe('sopline.a1b2c');
    expect(config.temporal.tls).toBe(true);
    expect(config.temporal.connection.tls?.serverNameOverride).toBe('temporal.internal');
    expect(config.temporal.connection.tls?.serverRootCACertificate?.toString()).toContain('ca.pem');
    expect(config.temporal.connection.tls?.clientCertPair?.key.toString()).toContain('client.key');
    expect(loadConfig({ ...remote, TEMPORAL_TLS: 'true' }).temporal.connection.tls).toEqual({});
    expect(loadConfig({ ...remote, TEMPORAL_API_KEY: 'k-123' }).temporal).toMatchObject({ tls: true, connection: { apiKey: 'k-123', tls: {} } });
    expect(loadConfig(remote).temporal).toMatchObject({ tls: false, connection: {} });

    expect(() => loadConfig({ ...remote, TEMPORAL_TLS_CERT: join(dir, 'missing.pem'), TEMPORAL_TLS_KEY: join(dir, 'client.key') })).toThrow(/TEMPORAL_TLS_CERT: cannot read .*missing\.pem \(ENOENT\)/);
    expect(() => loadConfig({ ...remote, TEMPORAL_TLS_CERT: join(dir, 'client.pem') })).toThrow(/TEMPORAL_TLS_KEY: required with TEMPORAL_TLS_CERT/);
    expect(() => loadConfig({ ...remote, TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: join(dir, 'ca.pem') })).toThrow(/TEMPORAL_TLS: is false/);
    expect(() => loadConfig({ ...remote, TEMPORAL_TLS: 'yes' })).toThrow(/TEMPORAL_TLS/);
    // The embedded dev server takes plain connections: TLS settings without an address are a mistake.
    expect(() => loadConfig({ SOPLINE_DATA_DIR: dir, TEMPORAL_TLS: 'true' })).toThrow(/TEMPORAL_ADDRESS: required with TEMPORAL_TLS/);
  });

  it('uses TEMPORAL_ADDRESS and DATABASE_URL when given', () => {
    const config = loadConfig({ SOPLINE_DATA_DIR: dataDir(), TEMPORAL_ADDRESS: 'temporal.internal:7233', DATABASE_URL: '/srv/sopline.db' });
    expect(config.temporalAddress).toBe('temporal.internal:7233');
    expect(config.databaseUrl).toBe('/srv/sopline.db');
  });
});
