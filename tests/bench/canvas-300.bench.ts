import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { pino } from 'pino';
import { openDatabase, repos } from '@sopline/db';
import { createJourney, hashPassword } from '@sopline/domain';
import { validateGraph } from '@sopline/graph';
import { defaultRegistry } from '@sopline/registry';
import { loadConfig, startSopline } from '@sopline/server';
import { startDevServer } from '@sopline/temporal-dev';
import { launchBrowser } from '../support/browser.ts';
import { largeJourney } from './graph.ts';
import type { BenchMeta, BenchResult } from './types.ts';
import { percentile, summarise } from './types.ts';

const NODES = 300;
const RUNS = 7; // the first is a warm-up and is discarded
const TARGET_MS = 1500;
const EMAIL = 'bench@sopline.dev';
const PASSWORD = 'sopline-bench-password';

export const meta: BenchMeta = {
  section: 'canvas',
  title: `${NODES}-node canvas`,
  method: [
    `The real product in-process (API + worker, seed off, its own temporary data dir, a private Temporal dev server) with one user and one draft journey of exactly ${NODES} nodes`,
    `(manual trigger → chains of script/wait/tag/stage, each ending in a tag branch; every port wired; exits on every end; no problems from validateGraph with the default registry),`,
    `written straight through the domain. Headless Chromium at 1440×900 (zh-CN) logs in through the UI, then loads /journeys/<id> ${RUNS} times as a full navigation in the same tab`,
    `(HTTP cache warm; the first run is a warm-up and is discarded, so ${RUNS - 1} samples, and p95 is the largest of them).`,
    `Times are the page's own performance.now() (0 = navigation start), read in a requestAnimationFrame loop and from pointer events.`,
    `"Rendered" is the first frame in which the minimap holds all ${NODES} nodes (the store is complete), the canvas shows measured .react-flow__node elements,`,
    `and the opening view is applied (a journey this size opens at zoom 0.8 with the trigger at the top). The canvas sets onlyRenderVisibleElements,`,
    `so the DOM holds only the nodes in that view (the count is in the note), not ${NODES}.`,
    `"Interactive": as soon as it is rendered, a mouse click on the node nearest the canvas centre selects it and shows the inspector, then a 100 px mouse drag of that node`,
    `(to the left, away from the inspector) moves it, counted to 2 animation frames after mouseup. The drag is undone with the toolbar and saved before the next run, so every run opens the same draft.`,
    `Interactive is given from navigation start as driven (including the driver's waits and CDP round trips between steps) and with those waits removed`,
    `(rendered + click→inspector + drag). The 1.5 s target is information only. Task/script/layout/style times are CDP Performance.getMetrics totals since navigation start`,
    `(the renderer's counters restart with each document), read once interactive; the JS heap is JSHeapUsedSize at the same point.`,
  ].join(' '),
};

/** Records, per animation frame, the moment the canvas is complete; installed before the app's own code runs. */
const PROBE = `(() => {
  const bench = { changes: [], completeAt: null, downs: [], inspectorAt: null, dragDoneAt: null };
  window.__bench = bench;
  addEventListener('pointerdown', () => bench.downs.push(performance.now()), true);
  addEventListener('pointerup', () => requestAnimationFrame(() => requestAnimationFrame(() => { bench.dragDoneAt = performance.now(); })), true);
  let dom = -1, minimap = -1, view = null;
  const tick = () => {
    let d = 0;
    for (const el of document.querySelectorAll('.react-flow__node')) if (el.style.visibility !== 'hidden') d += 1;
    const m = document.querySelectorAll('.react-flow__minimap-node').length;
    const v = document.querySelector('.react-flow__viewport')?.style.transform ?? '';
    if (d !== dom || m !== minimap || v !== view) {
      dom = d; minimap = m; view = v;
      const t = performance.now();
      bench.changes.push({ t, dom: d, minimap: m, view: v });
      if (bench.completeAt === null && m === ${NODES} && d > 0 && v !== '' && !v.endsWith('scale(1)')) bench.completeAt = t;
    }
    if (bench.inspectorAt === null && document.querySelector('[data-testid="inspector"]')) bench.inspectorAt = performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

type Probe = { changes: Array<{ t: number; dom: number; minimap: number; view: string }>; completeAt: number | null; downs: number[]; inspectorAt: number | null; dragDoneAt: number | null };

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function frames(page: Page, count: number): Promise<number> {
  return (await page.evaluate(`new Promise((resolve) => { let n = ${count}; const step = () => (--n <= 0 ? resolve(performance.now()) : requestAnimationFrame(step)); requestAnimationFrame(step); })`)) as number;
}

async function setUp(dataDir: string) {
  const config = loadConfig({ SOPLINE_DATA_DIR: dataDir, PORT: '0', SOPLINE_SEED: 'off', LOG_LEVEL: 'warn' });
  const graph = largeJourney(NODES);
  const checked = validateGraph(graph, defaultRegistry);
  if (!checked.ok || checked.problems.length > 0 || checked.graph.nodes.length !== NODES) {
    throw new Error(`the generated journey is not valid: ${JSON.stringify(checked.problems.slice(0, 5))}`);
  }
  const database = await openDatabase(config.databaseUrl);
  try {
    const r = repos(database.db);
    const workspace = await r.workspaces.create({ name: 'Bench', timezone: 'Asia/Shanghai', quietStart: '21:00', quietEnd: '09:00', capPerDay: 3, capPerWeek: 10 });
    const user = await r.users.create({ workspaceId: workspace.id, email: EMAIL, name: 'Bench', role: 'ops', passwordHash: await hashPassword(PASSWORD) });
    const journey = await createJourney({ db: database.db, registry: defaultRegistry }, { workspaceId: workspace.id, name: `${NODES} 节点基准`, graph: checked.graph, userId: user.id });
    return { config, journeyId: journey.id };
  } finally {
    await database.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sopline-bench-'));
  const temporal = await startDevServer({ dbFile: join(dataDir, 'temporal.db') });
  const { config, journeyId } = await setUp(dataDir);
  const product = await startSopline({ ...config, temporalAddress: temporal.address }, pino({ level: 'warn' }));
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${product.url}/login`);
    await page.getByLabel('邮箱').fill(EMAIL);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/journeys$/);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    const rows = { inspector: [] as number[], drag: [] as number[], intrinsic: [] as number[], rendered: [] as number[], interactive: [] as number[], interaction: [] as number[], script: [] as number[], layout: [] as number[], style: [] as number[], task: [] as number[], heap: [] as number[], dom: [] as number[] };
    for (let i = 0; i < RUNS; i += 1) {
      await page.goto(`${product.url}/journeys/${journeyId}`, { waitUntil: 'commit' });
      // Act as soon as the store is complete and nodes are on screen, as a person would.
      await page.waitForFunction('window.__bench && window.__bench.completeAt !== null', undefined, { timeout: 30_000, polling: 'raf' });

      // Click the node nearest the centre of the canvas: it is selected and the inspector opens.
      const target = (await page.evaluate(`(() => {
        const canvas = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
        const cx = canvas.left + canvas.width / 2, cy = canvas.top + canvas.height / 2;
        let best = null;
        for (const el of document.querySelectorAll('.react-flow__node')) {
          const r = el.getBoundingClientRect();
          if (r.top < canvas.top + 20 || r.bottom > canvas.bottom - 20) continue;
          const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
          if (!best || d < best.d) best = { d, id: el.getAttribute('data-id'), x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        return best;
      })()`)) as { id: string; x: number; y: number } | null;
      if (!target) {
        const seen = await page.evaluate(`JSON.stringify({ canvas: document.querySelector('[data-testid="canvas"]').getBoundingClientRect(), nodes: [...document.querySelectorAll('.react-flow__node')].map((el) => [el.getAttribute('data-id'), el.getBoundingClientRect()]) })`);
        throw new Error(`run ${i}: no node to click in the open view: ${String(seen).slice(0, 2000)}`);
      }
      const transformOf = (id: string) => page.evaluate(`document.querySelector('.react-flow__node[data-id="${id}"]').style.transform`) as Promise<string>;
      await page.mouse.click(target.x, target.y);
      await page.getByTestId('inspector').waitFor({ state: 'visible' });
      // The node may have moved left as the inspector took room: drag it from where it is now.
      const start = await transformOf(target.id);
      const box = (await page.locator(`.react-flow__node[data-id="${target.id}"]`).boundingBox())!;
      const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      const dx = -100; // left: away from the inspector, so React Flow does not auto-pan
      await page.mouse.move(from.x + dx / 2, from.y, { steps: 4 });
      await page.mouse.move(from.x + dx, from.y, { steps: 4 });
      await page.mouse.up();
      const done = await frames(page, 2);
      const moved = await transformOf(target.id);
      if (moved === start) throw new Error(`the drag did not move node ${target.id} (${start})`);

      const after = await metrics(cdp);
      // Undo the drag (the toolbar's undo) and let the autosave finish: every run opens the same draft.
      await page.getByTestId('canvas-undo').click();
      await page.waitForFunction(`document.querySelector('.react-flow__node[data-id="${target.id}"]').style.transform === ${JSON.stringify(start)}`, undefined, { timeout: 5_000 });
      await page.waitForFunction(`document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved'`, undefined, { timeout: 15_000 });
      const probe = (await page.evaluate('window.__bench')) as Probe;
      const atRender = probe.changes.filter((c) => c.t <= probe.completeAt!).at(-1)!;
      if (atRender.minimap !== NODES) throw new Error(`the store holds ${atRender.minimap} nodes, expected ${NODES}`);
      if (i === 0) continue;
      // The renderer's counters restart with each document: since navigation start.
      const delta = (name: string) => (after[name] ?? 0) * 1000;
      const [clickAt, dragAt] = probe.downs;
      if (clickAt === undefined || dragAt === undefined || probe.inspectorAt === null || probe.dragDoneAt === null) throw new Error(`run ${i}: the probe missed the interaction`);
      rows.inspector.push(probe.inspectorAt - clickAt);
      rows.drag.push(probe.dragDoneAt - dragAt);
      rows.intrinsic.push(probe.completeAt! + (probe.inspectorAt - clickAt) + (probe.dragDoneAt - dragAt));
      rows.rendered.push(probe.completeAt!);
      rows.interactive.push(done);
      rows.interaction.push(done - probe.completeAt!);
      rows.script.push(delta('ScriptDuration'));
      rows.layout.push(delta('LayoutDuration'));
      rows.style.push(delta('RecalcStyleDuration'));
      rows.task.push(delta('TaskDuration'));
      rows.heap.push((after.JSHeapUsedSize ?? 0) / 2 ** 20);
      rows.dom.push(atRender.dom);
    }
    await context.close();

    const p50 = (xs: number[]) => percentile(xs, 50);
    const meets = (xs: number[]) => ({ value: TARGET_MS, on: 'p95' as const, met: percentile(xs, 95) <= TARGET_MS });
    return [
      summarise('rendered', `Navigation → all ${NODES} nodes in the store and every visible node in the DOM`, 'ms', rows.rendered, { note: `DOM nodes when rendered (onlyRenderVisibleElements): ${[...new Set(rows.dom)].join(', ')}` }),
      summarise('interactive', 'Navigation → interactive, as driven (click selects + inspector shown + 100 px drag done + 2 frames)', 'ms', rows.interactive, {
        target: meets(rows.interactive),
        note: 'includes the driver’s own waits and CDP round trips between steps',
      }),
      summarise('inspector', 'Click (pointerdown) → inspector in the DOM (next frame)', 'ms', rows.inspector),
      summarise('drag', 'Drag: pointerdown → 2 frames after pointerup (9 mouse moves)', 'ms', rows.drag, { note: 'paced by the driver’s mouse events' }),
      summarise('intrinsic', 'Rendered + click→inspector + drag (driver waits removed)', 'ms', rows.intrinsic, { target: meets(rows.intrinsic) }),
      summarise('task', 'Main-thread task time, navigation → interactive (CDP TaskDuration)', 'ms', rows.task),
      summarise('script', 'of which scripting (ScriptDuration)', 'ms', rows.script, { note: `${Math.round((100 * p50(rows.script)) / p50(rows.task))}% of task time at p50` }),
      summarise('layout', 'of which layout (LayoutDuration)', 'ms', rows.layout, { note: `${Math.round((100 * p50(rows.layout)) / p50(rows.task))}% of task time at p50` }),
      summarise('style', 'of which style recalculation (RecalcStyleDuration)', 'ms', rows.style, { note: `${Math.round((100 * p50(rows.style)) / p50(rows.task))}% of task time at p50` }),
      summarise('heap', 'JS heap used once interactive (JSHeapUsedSize)', 'MB', rows.heap),
    ];
  } finally {
    await browser.close();
    await product.stop();
    await temporal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
