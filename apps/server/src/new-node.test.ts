// `pnpm sopline new-node` as an engineer runs it: the real CLI in a child process writes the starter, the
// starter loads through the registry's plugin loader and its own generated test passes under vitest.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeNodeTypes, loadRegistry } from '@sopline/registry';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sopline-new-node-'));

type Result = { code: number; stdout: string; stderr: string };
function run(file: string, args: string[], cwd = work): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

/** What `pnpm install` would give the plugin: the SDK, zod and vitest, linked from the repository. */
function linkDependencies(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '@sopline'), { recursive: true });
  symlinkSync(join(repo, 'packages', 'node-sdk'), join(dir, 'node_modules', '@sopline', 'node-sdk'));
  symlinkSync(realpathSync(join(repo, 'packages', 'node-sdk', 'node_modules', 'zod')), join(dir, 'node_modules', 'zod'));
  symlinkSync(realpathSync(join(repo, 'node_modules', 'vitest')), join(dir, 'node_modules', 'vitest'));
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pnpm sopline new-node', { timeout: 60_000 }, () => {
  it('writes a plugin package that loads and whose own test passes', async () => {
    const made = await run(process.execPath, [cli, 'new-node', 'lucky-draw']);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const dir = join(work, 'plugins', 'lucky-draw');
    expect(made.stdout).toContain(`Created the node type plugin in ${dir}`);
    expect(made.stdout).toContain('SOPLINE_PLUGINS=./plugins/lucky-draw/src/index.ts pnpm start');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; sopline: unknown; peerDependencies: Record<string, string> };
    expect(pkg).toMatchObject({ name: 'sopline-node-lucky-draw', sopline: { node: 'lucky-draw' }, peerDependencies: { '@sopline/node-sdk': '^1.0.0' } });
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('docs/plugins.md');

    linkDependencies(dir);
    const entry = join(dir, 'src', 'index.ts');
    const registry = await loadRegistry({ plugins: [entry] });
    expect(registry.get('lucky-draw')?.category).toBe('action');
    expect(describeNodeTypes(registry).find((d) => d.type === 'lucky-draw')).toMatchObject({
      source: { kind: 'plugin', name: entry },
      configSchema: { properties: { tag: { label: { 'zh-CN': '标签', en: 'Tag' }, default: 'lucky-draw' } } },
    });

    const tested = await run(process.execPath, [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir], dir);
    expect(tested.stdout + tested.stderr).toMatch(/Tests\s+.*3 passed/);
    expect(tested.code).toBe(0);
  });

  it('writes where --dir says', async () => {
    const made = await run(process.execPath, [cli, 'new-node', 'vip-check', '--dir', 'elsewhere/vip']);
    expect(made.code).toBe(0);
    expect(readFileSync(join(work, 'elsewhere', 'vip', 'src', 'manifest.ts'), 'utf8')).toContain("type: 'vip-check'");
  });

  it('refuses a name that is not a slug, and a folder that exists, saying why', async () => {
    for (const bad of ['Lucky_Draw', 'a--b']) {
      const refused = await run(process.execPath, [cli, 'new-node', bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`"${bad}" is not a node type name: use lowercase letters, digits and single hyphens`);
    }
    const again = await run(process.execPath, [cli, 'new-node', 'lucky-draw']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${join(work, 'plugins', 'lucky-draw')} already exists`);
    expect((await run(process.execPath, [cli, 'new-node'])).stderr).toContain('new-node takes one name');
  });
});
