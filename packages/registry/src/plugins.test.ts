import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinNodes, loadRegistry, sdkCompatibilityProblem } from './index.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));

describe('loadRegistry', () => {
  it('without plugins holds exactly the built-ins', async () => {
    const registry = await loadRegistry();
    expect(registry.list().map((d) => d.type)).toEqual(builtinNodes.map((d) => d.type));
  });

  it('adds a plugin that default-exports one definition', async () => {
    const registry = await loadRegistry({ plugins: [fixture('webhook-plugin')] });
    expect(registry.get('acme-webhook')?.title.en).toBe('Call webhook');
    expect(registry.list()).toHaveLength(builtinNodes.length + 1);
  });

  it('adds every definition of a plugin that exports an array, triggers included', async () => {
    const registry = await loadRegistry({ plugins: [fixture('pair-plugin')] });
    expect(registry.get('acme-score')?.version).toBe(2);
    expect(registry.triggersFor('reply.logged').map((t) => t.type)).toEqual(['acme-replied']);
  });

  it('resolves plugin package names', async () => {
    // Resolvable from the registry package; rejected only because it repeats a built-in.
    await expect(loadRegistry({ plugins: ['@sopline/node-wait'], resolveFrom: fileURLToPath(new URL('..', import.meta.url)) })).rejects.toThrow(
      'Plugin "@sopline/node-wait" defines node type "wait", which a built-in node already defines',
    );
  });

  it('names the package that cannot be found', async () => {
    await expect(loadRegistry({ plugins: ['@acme/not-installed'] })).rejects.toThrow(/^Plugin "@acme\/not-installed" could not be loaded/);
  });

  it('names the package without a default export', async () => {
    await expect(loadRegistry({ plugins: [fixture('no-default-plugin')] })).rejects.toThrow(/no-default-plugin\.ts" must default-export a node definition/);
  });

  it('says what is wrong with a malformed definition', async () => {
    const error = await loadRegistry({ plugins: [fixture('broken-plugin')] }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('broken-plugin.ts" does not export a valid node definition');
    for (const part of ['type must be a slug', 'version must be a positive integer', 'category must be one of', 'title needs zh-CN and en', 'config must be a zod schema', 'execute() is missing']) {
      expect((error as Error).message).toContain(part);
    }
  });

  it('refuses a plugin that reuses a type name, or two plugins that share one', async () => {
    await expect(loadRegistry({ plugins: [fixture('clashing-plugin')] })).rejects.toThrow(/defines node type "wait", which a built-in node already defines/);
    await expect(loadRegistry({ plugins: [fixture('webhook-plugin'), fixture('webhook-plugin')] })).rejects.toThrow(/"acme-webhook", which plugin ".*webhook-plugin\.ts" already defines/);
  });
});

describe('loading plugins by path and by SDK version', () => {
  it('refuses a folder and says to name the entry file', async () => {
    const folder = fileURLToPath(new URL('./fixtures/folder-plugin', import.meta.url));
    await expect(loadRegistry({ plugins: [folder] })).rejects.toThrow(/folder-plugin" could not be loaded: .*folder-plugin is a folder; name the plugin's entry file \(e\.g\. .*src\/index\.ts/);
    const registry = await loadRegistry({ plugins: [`${folder}/index.ts`] });
    expect(registry.get('acme-webhook')).toBeDefined();
  });

  it('refuses a plugin built for another plugin API, saying which SDK it needs and which this Sopline runs', async () => {
    await expect(loadRegistry({ plugins: [fixture('future-plugin/index')] })).rejects.toThrow(
      /^Plugin ".*future-plugin\/index\.ts" is built for @sopline\/node-sdk \^2\.0\.0, but this Sopline runs plugins built for @sopline\/node-sdk 1\.x \(plugin API 1\)/,
    );
  });

  it('accepts any range that admits this major, and says nothing of ranges it cannot read', () => {
    const pkg = (range: string) => ({ json: { peerDependencies: { '@sopline/node-sdk': range } }, installedSdkVersion: null });
    for (const ok of ['^1.0.0', '1.x', '>=0.9 <3', '*', 'workspace:*', 'file:../sdk.tgz']) expect(sdkCompatibilityProblem('p', pkg(ok))).toBeNull();
    for (const bad of ['^2.0.0', '0.x', '~0.4.1']) expect(sdkCompatibilityProblem('p', pkg(bad))).toMatch(/is built for @sopline\/node-sdk/);
    expect(sdkCompatibilityProblem('p', { json: { dependencies: { '@sopline/node-sdk': 'file:../sdk.tgz' } }, installedSdkVersion: '2.1.0' })).toMatch(/brings its own @sopline\/node-sdk 2\.1\.0/);
  });
});
