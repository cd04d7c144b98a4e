// Finds the Temporal CLI and the time-skipping test server without downloading anything.
// Order: an explicit env var, then PATH, then the project's tools folder (filled by fetch.ts).
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type LocateOptions = {
  /** Environment to read TEMPORAL_CLI / TEMPORAL_TEST_SERVER / PATH from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Repository root whose `.tools/bin` is searched last; defaults to the folder holding pnpm-workspace.yaml. */
  root?: string | null;
};

type Tool = { envVar: string; binary: string };

export const TEMPORAL_CLI: Tool = { envVar: 'TEMPORAL_CLI', binary: 'temporal' };
export const TEST_SERVER: Tool = { envVar: 'TEMPORAL_TEST_SERVER', binary: 'temporal-test-server' };

/** The folder holding pnpm-workspace.yaml, walking up from this file; null outside the monorepo. */
export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** `<repo root>/.tools/bin`, where fetch.ts puts the binaries it downloads. */
export function toolsBinDir(root: string | null = repoRoot()): string | null {
  return root === null ? null : join(root, '.tools', 'bin');
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(binary: string, pathVar: string | undefined): string | null {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, binary);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function locate(tool: Tool, opts: LocateOptions): string | null {
  const env = opts.env ?? process.env;
  const explicit = env[tool.envVar];
  if (explicit !== undefined && explicit !== '') {
    // An explicit setting that points nowhere is a mistake to report, not a reason to look elsewhere.
    if (!isExecutableFile(explicit)) throw new Error(`${tool.envVar}=${explicit} is not an executable file`);
    return explicit;
  }
  const found = onPath(tool.binary, env.PATH);
  if (found !== null) return found;
  const bin = toolsBinDir(opts.root === undefined ? repoRoot() : opts.root);
  if (bin !== null && isExecutableFile(join(bin, tool.binary))) return join(bin, tool.binary);
  return null;
}

/** TEMPORAL_CLI → `temporal` on PATH → `<repo>/.tools/bin/temporal`; null when none is there. */
export function findTemporalCli(opts: LocateOptions = {}): string | null {
  return locate(TEMPORAL_CLI, opts);
}

/** TEMPORAL_TEST_SERVER → `temporal-test-server` on PATH → `<repo>/.tools/bin/temporal-test-server`. */
export function findTestServer(opts: LocateOptions = {}): string | null {
  return locate(TEST_SERVER, opts);
}
