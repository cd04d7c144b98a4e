// `pnpm sopline new-node <name>`: a plugin package to start a node type from — manifest, executor, a test
// with the SDK's test kit, a README — that loads and passes its test as generated. The files are
// templates below; docs/plugins.md explains every part.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PLUGIN_API_VERSION } from '@sopline/registry';

/** The node type's name: stored in every journey that uses it, so a slug, and never renamed. */
export const NODE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export class NewNodeError extends Error {}

export type NewNode = { dir: string; files: string[]; next: string[] };

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Writes the starter into `dir` (default ./plugins/<name> under `cwd`); refuses a bad name or a folder that exists. */
export function createNodePackage(name: string, options: { dir?: string; cwd?: string } = {}): NewNode {
  if (!NODE_NAME.test(name) || name.length > 48) {
    throw new NewNodeError(`"${name}" is not a node type name: use lowercase letters, digits and single hyphens, starting with a letter, at most 48 characters (e.g. lucky-draw)`);
  }
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.dir ?? join('plugins', name));
  if (existsSync(dir)) throw new NewNodeError(`${dir} already exists: choose another name or --dir, or delete that folder first`);
  const id = camel(name);
  const sdk = `^${PLUGIN_API_VERSION}.0.0`;
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: `sopline-node-${name}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        description: `Sopline node type ${name}`,
        sopline: { node: name },
        exports: { '.': './src/index.ts', './manifest': './src/manifest.ts' },
        scripts: { test: 'vitest run' },
        peerDependencies: { '@sopline/node-sdk': sdk, zod: '^4.1.0' },
        devDependencies: { '@sopline/node-sdk': sdk, vitest: '^5.1.1', zod: '^4.1.0' },
      },
      null,
      2,
    )}\n`,
    'src/manifest.ts': `// What the designer shows — names, icon, ports, summary and the config form in zh-CN and en.
// Browser-safe: no Node built-ins or server code in this file.
import { defineManifest, OUT, text } from '@sopline/node-sdk';
import { z } from 'zod';

export const Config = z.object({
  tag: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .default('${name}')
    .meta({ label: text('标签', 'Tag'), help: text('经过这一步的客户会被打上这个标签。', 'Customers passing this step get this tag.') }),
});
export type Config = z.output<typeof Config>;

export const manifest = defineManifest({
  type: '${name}',
  version: 1,
  category: 'action',
  // TODO: name it in natural product Chinese and in English.
  title: text('${name}', '${name}'),
  description: text('给客户打上一个标签（由 sopline new-node 生成的起点）。', 'Tags the customer (a starting point made by sopline new-node).'),
  // Any Tabler icon by name (https://tabler.io/icons), or an SVG document as a string.
  icon: 'puzzle',
  aliases: ['${name}'],
  config: Config,
  summary: (config, lang) => (lang === 'en' ? \`Tag: \${config.tag}\` : \`打标签：\${config.tag}\`),
  summaryTemplate: text('打标签：{{tag}}', 'Tag: {{tag}}'),
  ports: () => [OUT],
});
`,
    'src/index.ts': `// The executor: the manifest plus the step. Runs on the server, inside the step's database transaction.
import { defineNode, OUT } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const ${id} = defineNode({
  ...manifest,
  async execute(ctx, config) {
    await ctx.addTags([config.tag]);
    return { next: OUT.id };
  },
});

export default ${id};
`,
    'src/index.test.ts': `import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import ${id}, { Config } from './index.ts';

describe('${name}', () => {
  it('tags the customer and goes on', async () => {
    const { result, effects } = await runNode(${id}, { tag: 'VIP' }, { nodeId: 'step-1', customer: { name: '王小明' }, timezone: 'Asia/Shanghai', now: '2026-03-02T02:00:00Z' });
    expect(result).toEqual({ next: 'out' });
    expect(effects.tagsAdded).toEqual(['VIP']);
  });

  it('has a default, and refuses an empty tag', () => {
    expect(Config.parse({})).toEqual({ tag: '${name}' });
    expect(Config.safeParse({ tag: ' ' }).success).toBe(false);
  });

  it('speaks both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) expect(${id}.summary({ tag: 'VIP' }, lang)).toContain('VIP');
  });
});
`,
    'README.md': `# ${name} — a Sopline node type

Made by \`pnpm sopline new-node ${name}\`. Edit \`src/manifest.ts\` (what the designer shows) and
\`src/index.ts\` (what the step does); \`src/index.test.ts\` runs it with the SDK's test kit.

- Test: \`pnpm exec vitest run ${name}\` (in the Sopline repository, after \`pnpm install\`), or \`npm test\`
  in a project of its own once \`@sopline/node-sdk\` ${sdk} is installed.
- Load it: \`SOPLINE_PLUGINS=./plugins/${name}/src/index.ts pnpm start\` — the entry file, not the folder —
  in the server and every worker. Published as a package, name the package instead.
- Compatibility: \`@sopline/node-sdk\` ${sdk} — the SDK's major version is Sopline's plugin API version.

The guide: docs/plugins.md.
`,
  };
  mkdirSync(join(dir, 'src'), { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content, { flag: 'wx' });
  const shown = relative(cwd, dir);
  const inside = !shown.startsWith('..') && !isAbsolute(shown);
  const entry = inside ? `./${join(shown, 'src', 'index.ts')}` : join(dir, 'src', 'index.ts');
  return {
    dir,
    files: Object.keys(files),
    next: inside ? ['pnpm install', `pnpm exec vitest run ${shown}`, `SOPLINE_PLUGINS=${entry} pnpm start`] : [`install @sopline/node-sdk ${sdk} and zod there (npm install), then npm test`, `SOPLINE_PLUGINS=${entry} pnpm start`],
  };
}
