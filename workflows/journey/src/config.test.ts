import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workerConfig } from './config.ts';

describe('the worker’s configuration', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'worker-config-'));
    dirs.push(d);
    return d;
  };

  it('opens WeCom secrets with SESSION_SECRET, else with the secret `pnpm start` keeps in the data dir, else not at all', () => {
    const dir = dataDir();
    expect(workerConfig({ SOPLINE_DATA_DIR: dir }).serverSecret).toBeNull();
    writeFileSync(join(dir, 'session-secret'), 'from-the-data-dir-0123456789-0123456789\n');
    expect(workerConfig({ SOPLINE_DATA_DIR: dir }).serverSecret).toBe('from-the-data-dir-0123456789-0123456789');
    expect(workerConfig({ SOPLINE_DATA_DIR: dir, SESSION_SECRET: 'e'.repeat(40) }).serverSecret).toBe('e'.repeat(40));
  });

  it('talks to WeCom where WECOM_API_BASE says, and refuses what is not a URL', () => {
    expect(workerConfig({ SOPLINE_DATA_DIR: dataDir() }).wecomApiBase).toBe('https://qyapi.weixin.qq.com');
    expect(workerConfig({ SOPLINE_DATA_DIR: dataDir(), WECOM_API_BASE: 'http://wecom-proxy.internal:8080/' }).wecomApiBase).toBe('http://wecom-proxy.internal:8080');
    expect(() => workerConfig({ WECOM_API_BASE: 'qyapi.weixin.qq.com' })).toThrow(/WECOM_API_BASE/);
    expect(() => workerConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: at least 32 characters/);
  });
});
