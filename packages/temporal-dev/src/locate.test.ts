import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTemporalCli, findTestServer, repoRoot, toolsBinDir } from './locate.ts';

const scratch = mkdtempSync(join(tmpdir(), 'locate-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function executable(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

const explicitCli = executable(join(scratch, 'explicit'), 'my-temporal');
const explicitTestServer = executable(join(scratch, 'explicit'), 'my-test-server');
const pathDir = join(scratch, 'on-path');
const pathCli = executable(pathDir, 'temporal');
const pathTestServer = executable(pathDir, 'temporal-test-server');
const root = join(scratch, 'repo');
const toolsCli = executable(join(root, '.tools', 'bin'), 'temporal');
const toolsTestServer = executable(join(root, '.tools', 'bin'), 'temporal-test-server');

describe('findTemporalCli', () => {
  it('prefers TEMPORAL_CLI over PATH and the tools folder', () => {
    expect(findTemporalCli({ env: { TEMPORAL_CLI: explicitCli, PATH: pathDir }, root })).toBe(explicitCli);
  });

  it('uses `temporal` on PATH before the tools folder', () => {
    expect(findTemporalCli({ env: { PATH: `/nonexistent:${pathDir}` }, root })).toBe(pathCli);
  });

  it('falls back to <root>/.tools/bin/temporal', () => {
    expect(findTemporalCli({ env: { PATH: '/nonexistent' }, root })).toBe(toolsCli);
  });

  it('returns null when nothing is found', () => {
    expect(findTemporalCli({ env: { PATH: '' }, root: join(scratch, 'empty') })).toBeNull();
    expect(findTemporalCli({ env: {}, root: null })).toBeNull();
  });

  it('ignores files on PATH that are not executable', () => {
    const dir = join(scratch, 'not-executable');
    mkdirSync(dir);
    writeFileSync(join(dir, 'temporal'), 'not a program');
    expect(findTemporalCli({ env: { PATH: dir }, root })).toBe(toolsCli);
  });

  it('reports a TEMPORAL_CLI that points nowhere instead of silently looking elsewhere', () => {
    expect(() => findTemporalCli({ env: { TEMPORAL_CLI: join(scratch, 'missing'), PATH: pathDir }, root })).toThrow(/TEMPORAL_CLI=.*missing is not an executable file/);
  });
});

describe('findTestServer', () => {
  it('follows TEMPORAL_TEST_SERVER → PATH → tools folder', () => {
    expect(findTestServer({ env: { TEMPORAL_TEST_SERVER: explicitTestServer, PATH: pathDir }, root })).toBe(explicitTestServer);
    expect(findTestServer({ env: { TEMPORAL_CLI: explicitCli, PATH: pathDir }, root })).toBe(pathTestServer);
    expect(findTestServer({ env: { PATH: '' }, root })).toBe(toolsTestServer);
  });
});

describe('repoRoot', () => {
  it('is the monorepo root when called from this package', () => {
    const here = repoRoot();
    expect(here).not.toBeNull();
    expect(existsSync(join(here ?? '', 'packages', 'temporal-dev', 'package.json'))).toBe(true);
    expect(toolsBinDir(here)).toBe(join(here ?? '', '.tools', 'bin'));
    expect(toolsBinDir(null)).toBeNull();
  });

  it('walks up to the nearest workspace file', () => {
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    mkdirSync(join(root, 'packages', 'deep'), { recursive: true });
    expect(repoRoot(join(root, 'packages', 'deep'))).toBe(root);
  });
});
