// An outside engineer's view of the SDK: pack @sopline/node-sdk (and @sopline/graph, which it depends
// on) as npm would publish them, install the tarballs into a fresh plugin project by hand (offline: no
// registry), write the plugin in plain JavaScript, and load it through the registry's plugin loader —
// JavaScript under node_modules, where Node strips no types. Also typechecks a TypeScript plugin against
// the packed declarations, and shows a plugin built for another plugin API refused with a clear message.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describeNodeTypes, loadRegistry } from '@sopline/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as testkitModule from '@sopline/node-sdk/testkit';

type Testkit = typeof testkitModule;

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sopline-sdk-pack-'));
const tarballs = join(work, 'tarballs');

/** `npm install` of a file: tarball, by hand: the tarball's package/ becomes node_modules/<name>. */
async function installTarball(project: string, name: string, tarball: string): Promise<void> {
  const into = join(project, 'node_modules', ...name.split('/'));
  mkdirSync(into, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', into, '--strip-components=1']);
}

function pluginProject(dir: string, sdkRange: string, source: string): string {
  const project = join(work, dir);
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: `@acme/${dir}`,
      version: '1.0.0',
      type: 'module',
      exports: { '.': './index.js' },
      peerDependencies: { '@sopline/node-sdk': sdkRange },
      dependencies: { '@sopline/node-sdk': `file:${join(tarballs, 'sopline-node-sdk-1.0.0.tgz')}`, zod: '4.6.7' },
    }),
  );
  writeFileSync(join(project, 'index.js'), source);
  return project;
}

const STAMP_PLUGIN = `
import { defineNode, OUT, text } from '@sopline/node-sdk';
import { z } from 'zod';

export const stamp = defineNode({
  type: 'acme-stamp',
  version: 1,
  category: 'action',
  title: text('盖章', 'Stamp'),
  description: text('给客户打上带节点编号的标签。', 'Tags the customer with the node it passed.'),
  icon: 'rubber-stamp',
  config: z.object({ prefix: z.string().max(20).default('stamp').meta({ label: text('前缀', 'Prefix') }) }),
  summary: (c, lang) => (lang === 'en' ? 'Stamp ' + c.prefix : '盖章 ' + c.prefix),
  ports: () => [OUT],
  async execute(ctx, config) {
    await ctx.addTags([config.prefix + ':' + ctx.nodeId]);
    return { next: OUT.id };
  },
});
export default stamp;
`;

let project: string;

beforeAll(async () => {
  mkdirSync(tarballs);
  // prepack builds each package to dist/ (tsc), then pnpm swaps in the publishConfig exports.
  for (const pkg of ['graph', 'node-sdk']) await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(repo, 'packages', pkg) });
  project = pluginProject('sopline-stamp', '^1.0.0', STAMP_PLUGIN);
  for (const p of [project, pluginProject('sopline-future', '^2.0.0', STAMP_PLUGIN)]) {
    await installTarball(p, '@sopline/node-sdk', join(tarballs, 'sopline-node-sdk-1.0.0.tgz'));
    await installTarball(join(p, 'node_modules', '@sopline', 'node-sdk'), '@sopline/graph', join(tarballs, 'sopline-graph-1.0.0.tgz'));
    symlinkSync(realpathSync(join(repo, 'packages', 'graph', 'node_modules', 'zod')), join(p, 'node_modules', 'zod'));
  }
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed SDK', () => {
  it('holds JavaScript and declarations only, with its dependencies pinned to versions', async () => {
    const { stdout } = await run('tar', ['tzf', join(tarballs, 'sopline-node-sdk-1.0.0.tgz')]);
    const files = stdout.trim().split('\n').sort();
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/testkit.d.ts');
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const { default: pkg } = (await import(pathToFileURL(join(project, 'node_modules', '@sopline', 'node-sdk', 'package.json')).href, { with: { type: 'json' } })) as {
      default: { version: string; dependencies: Record<string, string>; exports: Record<string, unknown> };
    };
    expect(pkg.version).toBe('1.0.0');
    expect(pkg.dependencies['@sopline/graph']).toBe('1.0.0');
    expect(Object.values(pkg.dependencies).some((v) => v.startsWith('workspace:') || v.startsWith('catalog:'))).toBe(false);
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  });

  it('a JavaScript plugin installed from the tarball loads through the plugin loader and runs in the test kit', async () => {
    const entry = join(project, 'index.js');
    const registry = await loadRegistry({ plugins: [entry] });
    const stamp = registry.get('acme-stamp');
    expect(stamp?.title['zh-CN']).toBe('盖章');
    expect(describeNodeTypes(registry).find((d) => d.type === 'acme-stamp')).toMatchObject({
      source: { kind: 'plugin', name: entry },
      icon: { kind: 'tabler', name: 'rubber-stamp' },
      configSchema: { properties: { prefix: { label: { 'zh-CN': '前缀', en: 'Prefix' } } } },
    });
    // The packed test kit, as the plugin's own tests would import it.
    const testkit = (await import(pathToFileURL(join(project, 'node_modules', '@sopline', 'node-sdk', 'dist', 'testkit.js')).href)) as Testkit;
    const { result, effects } = await testkit.runNode(stamp!, { prefix: 'vip' }, { nodeId: 'stamp-1' });
    expect(result).toEqual({ next: 'out' });
    expect(effects.tagsAdded).toEqual(['vip:stamp-1']);
  });

  it('a TypeScript plugin typechecks against the packed declarations', async () => {
    writeFileSync(join(project, 'check.ts'), `${STAMP_PLUGIN.replace("config.prefix + ':' + ctx.nodeId", 'config.prefix.toUpperCase() + ctx.nodeId')}\nconst n: number = stamp.version;\nvoid n;\n`);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['check.ts'] }),
    );
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    await expect(run(process.execPath, [tsc, '-p', project])).resolves.toBeDefined();
    // A wrong use is caught: the declarations carry real types, not any.
    writeFileSync(join(project, 'check.ts'), `${STAMP_PLUGIN}\nconst s: string = stamp.version;\nvoid s;\n`);
    await expect(run(process.execPath, [tsc, '-p', project])).rejects.toMatchObject({ stdout: expect.stringContaining("Type 'number' is not assignable to type 'string'") });
  }, 30_000);

  it('a plugin built for another plugin API is refused, naming it and both versions', async () => {
    const entry = join(work, 'sopline-future', 'index.js');
    expect(readdirSync(join(work, 'sopline-future', 'node_modules', '@sopline'))).toEqual(['node-sdk']);
    await expect(loadRegistry({ plugins: [entry] })).rejects.toThrow(
      `Plugin "${entry}" is built for @sopline/node-sdk ^2.0.0, but this Sopline runs plugins built for @sopline/node-sdk 1.x (plugin API 1)`,
    );
  });
});
