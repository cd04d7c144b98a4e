// The web app carries node types' manifests only: no executor code (steps, Node built-ins) in the built
// bundle, and no plugin at all — plugins reach the designer at run time through nodeTypes.list. Reads the
// build the server serves (SOPLINE_WEB_DIST, else apps/web/dist, which `pnpm install` builds).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.SOPLINE_WEB_DIST || join(repo, 'apps', 'web', 'dist');

/** Names that only executors use (kept by the minifier: they are property names), and Node built-ins. */
const EXECUTOR_ONLY = [
  { marker: 'createTask', source: 'packages/nodes/send-script/src/index.ts' },
  { marker: 'listensFor', source: 'packages/nodes/wait-for-event/src/index.ts' },
  { marker: 'idempotencyKey', source: 'packages/node-sdk/src/context.ts' },
  { marker: 'node:crypto', source: 'examples/node-random-split/src/index.ts' },
];

describe('the built web app', () => {
  it('holds no executor code and no plugin', () => {
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    const bundle = readdirSync(join(dist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dist, 'assets', f), 'utf8'))
      .join('\n');
    // What it should hold: the built-ins' manifests.
    expect(bundle).toContain('按标签分支');
    for (const { marker, source } of EXECUTOR_ONLY) {
      // The marker really is executor code, so its absence below means something.
      expect(readFileSync(join(repo, source), 'utf8')).toContain(marker);
      expect({ marker, found: bundle.includes(marker) }).toEqual({ marker, found: false });
    }
    expect(bundle).not.toMatch(/from\s*["']node:/);
    // The example plugin's name: it reaches the designer from the server, never from the bundle.
    expect(bundle).not.toContain('随机分流');
  });
});
