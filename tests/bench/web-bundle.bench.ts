/**
 * What a first visit downloads: builds the web app (its own temporary output dir, never apps/web/dist) and
 * sums the JS and CSS that the first visit to /inbox — a sales rep on a phone — needs: the entry chunk and
 * everything it imports statically, from vite's manifest. Unlike the other benchmarks this one has budgets:
 * `pnpm bench` exits non-zero when the first visit grows past them (run.ts, `target.budget`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchMeta, BenchResult } from './types.ts';
import { figure } from './types.ts';

const web = fileURLToPath(new URL('../../apps/web/', import.meta.url));

/**
 * Budgets for the first visit to /inbox, in bytes: the figures measured when the pages were split by route
 * (2026-12-07: JS 899,574 raw / 283,813 gzip, CSS 279,279 / 40,677) plus about 25 %, so that a feature's
 * ordinary growth fits and a heavy library pulled into the entry (the node catalogue, React Flow, the charts,
 * all of Mantine in the vendor chunk: each +30 % or more in gzip) does not.
 */
export const BUDGET = { jsRaw: 1_125_000, jsGzip: 355_000, cssRaw: 350_000, cssGzip: 51_000 } as const;

/** The pages whose first visit counts, as vite's manifest names their modules (when they are chunks of their own). */
const FIRST_VISIT = { '/inbox': 'src/inbox/InboxPage.tsx', '/login': 'src/auth/LoginPage.tsx' } as const;

export const meta: BenchMeta = {
  section: 'web-bundle',
  title: 'Web app: what the first visit to /inbox downloads',
  layout: 'figures',
  method: [
    'The web app built as `pnpm install` builds it (`vite build`, production, with `--manifest`) into a temporary directory.',
    "The first visit to a page is the entry chunk (index.html's script), every chunk it imports statically (vite's",
    '.vite/manifest.json `imports`, transitively; the page preloads them) and the CSS of all of them; a page that is a chunk of its',
    'own (React.lazy) adds its chunk and its static imports. Opening a lazy page later adds what it needs beyond the first visit.',
    "Bytes are the files as written (raw: what the product's server sends, it does not compress) and each file gzipped on its",
    "own at zlib's default level 6 (what a compressing proxy in front of it sends). Dynamic imports (elkjs, the pages) are not",
    'counted in the first visit. Budgets: `pnpm bench` fails when the first visit to /inbox is above one of them.',
  ].join(' '),
};

type Chunk = { file: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };
type Manifest = Record<string, Chunk>;

/** The files (JS and CSS) that loading `keys` pulls in: the chunks, their static imports, and their CSS. */
function closure(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

type Size = { files: number; raw: number; gzip: number };

function sizes(dist: string, files: Iterable<string>, ext: '.js' | '.css'): Size {
  const size: Size = { files: 0, raw: 0, gzip: 0 };
  for (const file of files) {
    if (!file.endsWith(ext)) continue;
    const bytes = readFileSync(join(dist, file));
    size.files += 1;
    size.raw += bytes.length;
    size.gzip += gzipSync(bytes).length;
  }
  return size;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const count = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
const within = (value: number, budget: number) => ({ value: budget, met: value <= budget, on: 'max' as const, budget: true });
const budgetNote = (value: number, budget: number) => `budget ≤ ${budget.toLocaleString('en')}: **${value <= budget ? 'met' : 'NOT MET'}**`;

export async function run(): Promise<BenchResult[]> {
  const dist = mkdtempSync(join(tmpdir(), 'sopline-bench-web-'));
  try {
    const started = performance.now();
    execFileSync(join(web, 'node_modules', '.bin', 'vite'), ['build', '--outDir', dist, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], { cwd: web, stdio: ['ignore', 'ignore', 'inherit'] });
    const buildS = (performance.now() - started) / 1000;
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
    if (!entry) throw new Error('the manifest names no entry chunk');
    const firstVisit = (page: string) => closure(manifest, [entry, ...(manifest[page] ? [page] : [])]);

    const results: BenchResult[] = [];
    const inbox = firstVisit(FIRST_VISIT['/inbox']);
    const js = sizes(dist, inbox, '.js');
    const css = sizes(dist, inbox, '.css');
    const lazy = manifest[FIRST_VISIT['/inbox']] ? 'the inbox is a chunk of its own' : 'the inbox is in the entry chunk';
    results.push(
      figure('inbox-js-raw', 'First visit to /inbox: JavaScript, raw', 'bytes', js.raw, { target: within(js.raw, BUDGET.jsRaw), note: `${count(js.files)}; ${lazy}; ${budgetNote(js.raw, BUDGET.jsRaw)}` }),
      figure('inbox-js-gzip', 'First visit to /inbox: JavaScript, gzip', 'bytes', js.gzip, { target: within(js.gzip, BUDGET.jsGzip), note: budgetNote(js.gzip, BUDGET.jsGzip) }),
      figure('inbox-css-raw', 'First visit to /inbox: CSS, raw', 'bytes', css.raw, { target: within(css.raw, BUDGET.cssRaw), note: `${count(css.files)}; ${budgetNote(css.raw, BUDGET.cssRaw)}` }),
      figure('inbox-css-gzip', 'First visit to /inbox: CSS, gzip', 'bytes', css.gzip, { target: within(css.gzip, BUDGET.cssGzip), note: budgetNote(css.gzip, BUDGET.cssGzip) }),
    );
    const login = firstVisit(FIRST_VISIT['/login']);
    const loginJs = sizes(dist, login, '.js');
    const loginCss = sizes(dist, login, '.css');
    results.push(
      figure('login-js-gzip', 'First visit to /login: JavaScript, gzip', 'bytes', loginJs.gzip, { note: `raw ${loginJs.raw.toLocaleString('en')} in ${count(loginJs.files)}` }),
      figure('login-css-gzip', 'First visit to /login: CSS, gzip', 'bytes', loginCss.gzip, { note: `raw ${loginCss.raw.toLocaleString('en')}` }),
    );

    // Each page that loads when opened: what it adds to what the first visit already holds.
    const pages = Object.entries(manifest)
      .filter(([key, chunk]) => chunk.isDynamicEntry && key.startsWith('src/'))
      .sort(([a], [b]) => a.localeCompare(b));
    for (const [key] of pages) {
      const extra = [...closure(manifest, [key])].filter((f) => !inbox.has(f));
      const extraJs = sizes(dist, extra, '.js');
      const extraCss = sizes(dist, extra, '.css');
      const name = key.replace(/^src\//, '').replace(/\.tsx?$/, '');
      results.push(
        figure(`open-${name}`, `Opening ${name} after the inbox: JavaScript added, gzip`, 'bytes', extraJs.gzip, {
          note: `raw ${extraJs.raw.toLocaleString('en')} in ${count(extraJs.files)}${extraCss.files ? `; CSS ${kb(extraCss.raw)} raw, ${kb(extraCss.gzip)} gzip` : ''}`,
        }),
      );
    }

    const all = readdirSync(join(dist, 'assets'));
    const allJs = sizes(dist, all.map((f) => `assets/${f}`), '.js');
    results.push(
      figure('all-js-gzip', 'The whole build: JavaScript, gzip (every chunk, elkjs included)', 'bytes', allJs.gzip, { note: `raw ${allJs.raw.toLocaleString('en')} in ${count(allJs.files)}; built in ${buildS.toFixed(1)} s` }),
    );
    return results;
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}
