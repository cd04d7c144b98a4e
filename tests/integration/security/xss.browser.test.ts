import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, repos } from '@sopline/db';
import type { TestDatabase } from '@sopline/db/testing';
import { createTestDatabase } from '@sopline/db/testing';
import { hashPassword } from '@sopline/domain';
import { loadConfig, startSopline } from '@sopline/server';
import { launchBrowser, screenshot } from '../../support/browser.ts';

/**
 * Stored XSS, end to end in Chromium: markup and script URLs typed into customer fields, journey
 * names, node labels and scripts come back on every page that shows them as literal text. Each page
 * is checked three ways: `window.__xss` (what every payload sets) stays undefined, no dialog opens,
 * and the DOM holds no element the payloads would have created.
 */

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const JS_URL = 'javascript:window.__xss=1';
const SVG = '<svg onload="window.__xss=1"></svg>';

type Probe = { page: Page; dialogs: string[]; violations: string[] };

async function open(context: BrowserContext): Promise<Probe> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return { page, dialogs, violations };
}

/** Nothing ran, nothing popped up, and the payloads stayed text: no element of theirs is in the page. */
async function expectInert({ page, dialogs }: Probe, where: string) {
  expect(await page.evaluate('window.__xss'), where).toBeUndefined();
  expect(dialogs, where).toEqual([]);
  // Page-side code as a string: this package is type-checked without the DOM library.
  const injected = await page.evaluate(`({
    img: document.querySelectorAll('img[src="x"]').length,
    svg: document.querySelectorAll('svg[onload]').length,
    inlineScript: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    jsLinks: [...document.querySelectorAll('a[href], iframe[src], form[action]')].filter((e) => /^\\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '')).length,
  })`);
  expect(injected, where).toEqual({ img: 0, svg: 0, inlineScript: 0, handlers: 0, jsLinks: 0 });
}

async function signIn(page: Page, url: string, email: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码', { exact: true }).fill('sopline-demo');
  await page.getByRole('button', { name: '登录' }).click();
}

/** A same-origin tRPC mutation with the page's own cookie, as the app would send it. */
async function mutate(page: Page, path: string, input: unknown): Promise<unknown> {
  const result = await page.evaluate(
    async ({ path, input }) => {
      const res = await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return { status: res.status, body: (await res.json()) as { result?: { data: unknown } } };
    },
    { path, input },
  );
  if (result.status !== 200) throw new Error(`${path}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body.result!.data;
}

describe('stored XSS in a real browser', () => {
  // The real product (API, worker, dispatcher) without the demo seed, which this test does not need, on
  // the test database (PostgreSQL in the -pg project): one workspace with an ops manager and a sales rep.
  const env = {} as { product: { url: string; stop(): Promise<void> }; database: TestDatabase; dataDir: string; browser: Browser };
  beforeAll(async () => {
    env.database = await createTestDatabase('xss');
    env.dataDir = mkdtempSync(join(tmpdir(), 'sopline-xss-'));
    const config = loadConfig({ SOPLINE_DATA_DIR: env.dataDir, DATABASE_URL: env.database.url, PORT: '0', TEMPORAL_ADDRESS: inject('temporalDevAddress'), SOPLINE_SEED: 'off' });
    env.product = await startSopline(config, pino({ level: 'warn' }));
    const database = await openDatabase(env.database.url);
    const r = repos(database.db);
    const workspace = await r.workspaces.create({ name: 'XSS', timezone: 'Asia/Shanghai' });
    const passwordHash = await hashPassword('sopline-demo');
    await r.users.create({ workspaceId: workspace.id, email: 'ops@demo.sopline.dev', name: '<b>运营</b>', role: 'ops', passwordHash });
    await r.users.create({ workspaceId: workspace.id, email: 'rep1@demo.sopline.dev', name: '<i>顾问</i>', role: 'sales', passwordHash });
    await database.close();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.product?.stop();
    await env.database?.drop();
    if (env.dataDir) rmSync(env.dataDir, { recursive: true, force: true });
  });

  it('customer fields, journey names, node labels and scripts render as text on every page', async () => {
    const url = env.product.url;
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });

    // The headers that keep a missed sink from running: scripts only from our own files, never framed.
    const home = await fetch(`${url}/journeys`, { headers: { accept: 'text/html' } });
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    expect(home.headers.get('x-frame-options')).toBe('DENY');
    expect(home.headers.get('referrer-policy')).toBe('same-origin');

    // A rep creates the customer (a rep's new customer is their own, so the task lands in their inbox).
    const rep = await open(context);
    await signIn(rep.page, url, 'rep1@demo.sopline.dev');
    await rep.page.waitForURL(/\/inbox$/);
    const customer = (await mutate(rep.page, 'customers.create', {
      name: IMG,
      email: `${SVG}@example.com`,
      properties: { note: SCRIPT, website: JS_URL, [IMG]: 'key' },
      tags: ['<b>vip</b>'],
    })) as { id: string };

    // The ops manager builds, publishes and enrols with hostile text everywhere.
    const ops = await open((await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })));
    await signIn(ops.page, url, 'ops@demo.sopline.dev');
    await ops.page.waitForURL(/\/journeys$/);
    const graph = {
      settings: { reentry: 'never', goal: null },
      nodes: [
        { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 }, label: SVG },
        { id: 'hello', type: 'send-script', config: { title: IMG, script: `${SCRIPT} {{customer.name}} ${JS_URL}` }, position: { x: 0, y: 160 }, label: IMG },
        { id: 'pause', type: 'wait', config: {}, position: { x: 0, y: 320 }, label: JS_URL },
        { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 480 }, label: SCRIPT },
      ],
      edges: [
        { id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' },
        { id: 'e2', source: 'hello', sourcePort: 'out', target: 'pause' },
        { id: 'e3', source: 'pause', sourcePort: 'out', target: 'end' },
      ],
    };
    const journey = (await mutate(ops.page, 'journeys.create', { name: `${SCRIPT}${IMG}`, graph })) as { id: string };
    await mutate(ops.page, 'journeys.publish', { id: journey.id, notes: IMG });
    await mutate(ops.page, 'enrollments.enrol', { journeyId: journey.id, customerId: customer.id });

    // Journeys list.
    await ops.page.goto(`${url}/journeys`);
    await ops.page.getByText(`${SCRIPT}${IMG}`).first().waitFor();
    await expectInert(ops, 'journeys list');

    // Designer: node labels on the canvas, then the simulation preview with a hostile name.
    await ops.page.goto(`${url}/journeys/${journey.id}`);
    await ops.page.getByText(IMG, { exact: true }).first().waitFor();
    await ops.page.getByText(JS_URL, { exact: true }).first().waitFor();
    await expectInert(ops, 'designer');
    await ops.page.getByTestId('simulate-button').click();
    await ops.page.getByTestId('simulate-name').fill(SVG);
    await ops.page.getByTestId('simulate-run').click();
    const result = ops.page.getByTestId('simulate-result');
    await result.waitFor();
    await result.getByText(SVG, { exact: false }).first().waitFor();
    await expectInert(ops, 'simulation preview');
    await screenshot(ops.page, 'xss-simulation');

    // Customer list and customer page.
    await ops.page.goto(`${url}/customers?q=${encodeURIComponent('img')}`);
    await ops.page.getByText(IMG, { exact: true }).first().waitFor();
    await expectInert(ops, 'customer list');
    await ops.page.goto(`${url}/customers/${customer.id}`);
    await ops.page.getByRole('heading', { name: IMG }).waitFor();
    await ops.page.getByText(SCRIPT, { exact: false }).first().waitFor();
    await ops.page.getByText(JS_URL, { exact: false }).first().waitFor();
    await expectInert(ops, 'customer page');
    await screenshot(ops.page, 'xss-customer');

    // Dashboards (journey names appear in its pickers and tables).
    await ops.page.goto(`${url}/dashboards`);
    await ops.page.waitForLoadState('networkidle');
    await expectInert(ops, 'dashboards');

    // The rep's inbox: the task's title and its script, with the hostile name filled in.
    const card = rep.page.getByTestId('task-card').filter({ hasText: JS_URL });
    for (let i = 0; i < 60 && (await card.count()) === 0; i += 1) {
      await rep.page.goto(`${url}/inbox`);
      await rep.page.getByTestId('task-card').first().waitFor().catch(() => undefined);
      if ((await card.count()) === 0) await rep.page.waitForTimeout(1000);
    }
    expect(await card.first().getByTestId('task-script').textContent()).toBe(`${SCRIPT} ${IMG} ${JS_URL}`);
    await expectInert(rep, 'inbox');
    await screenshot(rep.page, 'xss-inbox');

    // The detector works, and CSP is the second wall: markup forced into the page is created, but
    // its inline handler never runs.
    await rep.page.evaluate(`document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(IMG)})`);
    await rep.page.waitForTimeout(300);
    expect(await rep.page.evaluate(`document.querySelectorAll('img[src="x"]').length`)).toBe(1);
    expect(await rep.page.evaluate('window.__xss')).toBeUndefined();
    expect(rep.violations.join('\n')).toMatch(/script-src|inline event handler/i);

    console.info(`[reliability] CSP reports during normal use: ops ${ops.violations.length}, rep ${rep.violations.length - 1}; ${[...new Set(ops.violations)].join(' | ').slice(0, 300)}`);
    await context.close();
  });
});
