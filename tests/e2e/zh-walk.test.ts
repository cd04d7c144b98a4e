import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

/**
 * Every screen a demo user can reach, in zh-CN, with the demo data: no English word and no raw code
 * on a Chinese screen. The routes come from the app's router (apps/web/src/App.tsx), and a route left
 * unwalked fails the test, like the isolation table's coverage check.
 */

const ROUTES = [...readFileSync(new URL('../../apps/web/src/App.tsx', import.meta.url), 'utf8').matchAll(/<Route path="([^"]+)"/g)].map((m) => m[1]!).filter((p) => p !== '/*' && p !== '*');

/** Routes a demo user never sees, and why. */
const NOT_WALKED: Record<string, string> = {
  '/setup': 'only before a workspace exists; with the demo seeded it leads home',
  '/': 'leads to each role’s home (walked as /journeys and /inbox)',
};

/**
 * Latin words a Chinese screen may show: brand and product names, file formats, units and the
 * demo's own tags. Everything else is English a Chinese user should not meet.
 */
const ALLOWED = new Set(
  [
    // Brands, products and file formats.
    'Sopline',
    'WeCom',
    'Excel',
    'CSV',
    'XLSX',
    'PNG',
    'JSON',
    'UTF-8',
    'GBK',
    // Terms Chinese operators use as they are.
    'SOP',
    'KOC',
    'VIP',
    'QR',
    'API',
    'CRM',
    'B2B',
    'ID',
    'URL',
    'HTTP',
    'HTTPS',
    'SMTP',
    'Webhook',
    'Bearer',
    // WeChat's and WeCom's own names, as its Chinese admin console shows them.
    'unionid',
    'openid',
    'Secret',
    'AgentId',
    'Token',
    'EncodingAESKey',
    'ww',
    // The language switch names each language in itself; keys on the keyboard.
    'English',
    'Esc',
    'Enter',
    'Tab',
    'Ctrl',
    'Shift',
    'Alt',
    'Cmd',
    'Delete',
    'Backspace',
  ].map((w) => w.toLowerCase()),
);

type Finding = { route: string; word: string; context: string };

/**
 * What a person sees or hears on the page: its text plus placeholders, titles and labels, and the
 * shown value of pickers. Code samples and keyboard keys (pre, code, kbd) are taken out: they are
 * meant to be typed as they are. A string, so the test needs no DOM types.
 */
const READ_SCREEN = `(() => {
  const code = Array.from(document.querySelectorAll('pre, code, kbd')).map((el) => el.innerText);
  let text = document.body.innerText;
  for (const c of code) text = text.replace(c, ' ');
  const out = [text];
  for (const el of Array.from(document.querySelectorAll('[placeholder], [title], [aria-label]'))) {
    if (el.closest('[aria-hidden="true"]')) continue;
    for (const attr of ['placeholder', 'title', 'aria-label']) {
      const v = el.getAttribute(attr);
      if (v) out.push(v);
    }
  }
  for (const input of Array.from(document.querySelectorAll('input:not([type=hidden]):not([type=file])'))) {
    if (input.readOnly || input.getAttribute('aria-haspopup')) out.push(input.value);
  }
  return out;
})()`;

async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(READ_SCREEN);
}

/** The Latin-letter words in a text that are not allowed, with a little context around each. */
export function latinWords(text: string, userData: ReadonlySet<string>): Array<{ word: string; context: string }> {
  const cleaned = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ') // e-mail addresses: user data
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[\w-]+(\.[\w-]+)*\.(com|cn|dev|net|org)\b/g, ' ') // host names (work.weixin.qq.com)
    .replace(/(^|[\s（(])\/[\w/.{}:-]+/g, ' ') // paths (/api/v1)
    .replace(/\.(xlsx|csv)\b/gi, ' ')
    // IANA zone ids in the zone pickers (Asia/Shanghai, "例如 Shanghai"): the picker lists zones by id
    // until it has names per language (layout/TimeZoneSelect.tsx); everywhere else a zone is named (中国时间).
    .replace(/\b(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[\w/+-]+/g, ' ')
    .replace(/例如 Shanghai/g, ' ')
    .replace(/\{\{[\w.…]+\}\}/g, ' '); // a script's variables are its syntax, shown with their labels
  const found: Array<{ word: string; context: string }> = [];
  for (const m of cleaned.matchAll(/[A-Za-z0-9][A-Za-z0-9_'’-]*/g)) {
    const word = m[0].replace(/['’-]+$/, '');
    if (!/[A-Za-z]/.test(word)) continue;
    // v3, 30d: a version or a number with a unit letter is a code only when it is not one of ours.
    // A single letter is a keyboard key (j/k, c 复制); v3 is a version.
    if (word.length === 1 || /^v\d+$/i.test(word)) continue;
    if (ALLOWED.has(word.toLowerCase()) || userData.has(word)) continue;
    found.push({ word, context: cleaned.slice(Math.max(0, m.index - 20), m.index + word.length + 20).replace(/\s+/g, ' ') });
  }
  return found;
}

async function signIn(browser: Browser, url: string, email: string, locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel(/邮箱|E-mail/).fill(email);
  await page.getByLabel(/密码|Password/).fill('sopline-demo');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  return page;
}

/** Waits until the page has loaded its data: no request for a moment, no spinner. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
  await page
    .locator('.mantine-Loader-root')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(250);
}

/** Selects a node on the canvas, fitting the view first when it is off screen, and waits for the inspector. */
async function openNode(page: Page, id: string) {
  const node = page.getByTestId(`node-${id}`);
  if (!(await node.isVisible())) await page.getByTestId('canvas-fit-view').click();
  await node.click();
  await page.getByTestId('inspector').waitFor();
}

describe('every screen in zh-CN (real Chromium, the demo workspace)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });
  const findings: Finding[] = [];
  const walked = new Set<string>();
  // The demo's password, shown on the sign-in page for the demo's logins.
  const userData = new Set<string>(['sopline-demo']);

  /** Reads the screen as it is now and notes every word that should not be there. */
  async function check(page: Page, route: string, label = route) {
    await settle(page);
    walked.add(route);
    for (const text of await visibleText(page)) for (const f of latinWords(text, userData)) findings.push({ route: label, ...f });
  }

  async function visit(page: Page, route: string, path = route) {
    await page.goto(`${env.product.url}${path}`);
    await check(page, route, path);
  }

  it('walks every route as ops, admin, a rep and a visitor, and finds no English word or raw code', async () => {
    const ops = await signIn(env.browser, env.product.url, 'ops@demo.sopline.dev');
    const api = async <T>(path: string, input?: unknown): Promise<T> =>
      ops.evaluate(
        async ([p, i]) => {
          const q = i === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(i))}`;
          return ((await (await fetch(`/trpc/${p}${q}`)).json()) as { result: { data: unknown } }).result.data;
        },
        [path, input] as const,
      ) as Promise<T>;

    await visit(ops, '/journeys');
    await ops.getByRole('button', { name: '新建旅程' }).first().click();
    await ops.getByRole('dialog').waitFor();
    await check(ops, '/journeys', '/journeys 新建旅程（模板）');
    await ops.getByTestId('template-card-retail-lifecycle').click();
    await check(ops, '/journeys', '/journeys 新建旅程：零售生命周期');
    await ops.keyboard.press('Escape');

    // The demo's retail journey: the canvas, then the inspector on one node of each kind.
    const journeyId = async (name: string) => {
      await ops.goto(`${env.product.url}/journeys`);
      await ops.getByRole('row').filter({ hasText: name }).first().click();
      await ops.waitForURL(/\/journeys\/[\w-]+$/);
      return { id: new URL(ops.url()).pathname.split('/').pop()! };
    };
    const retail = await journeyId('零售生命周期');
    const winBack = await journeyId('沉睡客户召回');
    await visit(ops, '/journeys/:id', `/journeys/${retail.id}`);
    await screenshot(ops, 'zh-walk-journey');
    for (const node of ['trigger', 'welcome', 'wait-first-order', 'wait-delivery', 'stage-paid', 'tag-dormant', 'exit-dormant', 'exit-paid']) {
      await openNode(ops, node);
      // A wait node lists the customers waiting there: open the first one.
      const waiting = ops.getByTestId('inspector').locator('button[aria-expanded="false"]').first();
      if (await waiting.count()) await waiting.click();
      await check(ops, '/journeys/:id', `/journeys/${retail.id} 节点 ${node}`);
      if (node === 'exit-dormant') await screenshot(ops, 'zh-walk-exit-inspector');
    }
    for (const panel of ['versions-button', 'settings-button']) {
      await ops.getByTestId(panel).click();
      await check(ops, '/journeys/:id', `/journeys/${retail.id} ${panel}`);
      await ops.keyboard.press('Escape');
    }
    await visit(ops, '/journeys/:id', `/journeys/${winBack.id}`);
    await openNode(ops, 'exit-no-response');
    await check(ops, '/journeys/:id', `/journeys/${winBack.id} 节点 exit-no-response`);
    await openNode(ops, 'untag-dormant');
    await check(ops, '/journeys/:id', `/journeys/${winBack.id} 节点 untag-dormant`);

    // A new blank draft: its problems name the unwired exit.
    await visit(ops, '/journeys');
    await ops.getByRole('button', { name: '新建旅程' }).first().click();
    await ops.getByLabel('名称').fill('走查草稿');
    await ops.getByRole('button', { name: '创建并打开' }).click();
    await ops.waitForURL(/\/journeys\/[\w-]+$/);
    await ops.locator('[data-testid^="node-trigger"]').first().click();
    await ops.getByTestId('validate-button').click();
    await ops.getByTestId('problem-item').first().waitFor();
    await check(ops, '/journeys/:id', '/journeys/（新草稿）问题列表');
    await screenshot(ops, 'zh-walk-problems');

    await visit(ops, '/customers');
    // Customers whose journeys ended (each exit reason), with a birthday and a city.
    const paid = await api<{ items: Array<{ id: string }> }>('customers.search', { stage: 'paid', limit: 20 });
    const unpaid = await api<{ items: Array<{ id: string }> }>('customers.search', { stage: 'unpaid', limit: 50 });
    for (const c of [...paid.items.slice(0, 3), ...unpaid.items.slice(-3)]) {
      await visit(ops, '/customers/:id', `/customers/${c.id}`);
    }
    await screenshot(ops, 'zh-walk-customer');
    await visit(ops, '/dashboards');
    await screenshot(ops, 'zh-walk-dashboards');
    await visit(ops, '/channel-codes');
    await visit(ops, '/imports');
    const job = await ops.evaluate(async () => {
      const body = '姓名,手机号,阶段,生日,城市\n张三,13900000001,已付费,1990-01-02,上海\n';
      const res = await fetch(`/api/imports?kind=customers&name=${encodeURIComponent('走查名单.csv')}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
      return (await res.json()) as { id: string };
    });
    await visit(ops, '/imports/:id', `/imports/${job.id}`);
    for (const tab of ['', '?tab=workspace', '?tab=team']) await visit(ops, '/settings', `/settings${tab}`);

    const admin = await signIn(env.browser, env.product.url, 'admin@demo.sopline.dev');
    for (const tab of ['', '?tab=workspace', '?tab=team', '?tab=wecom', '?tab=api-keys']) await visit(admin, '/settings', `/settings${tab}`);
    await admin.goto(`${env.product.url}/settings?tab=workspace`);
    await screenshot(admin, 'zh-walk-settings-workspace');
    const invitation = await admin.evaluate(async () => {
      const res = await fetch('/trpc/invitations.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'new-rep@demo.sopline.dev', role: 'sales' }) });
      return ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
    });

    const rep = await signIn(env.browser, env.product.url, 'rep1@demo.sopline.dev');
    await visit(rep, '/inbox');
    await screenshot(rep, 'zh-walk-inbox');
    await visit(rep, '/settings');
    const task = rep.locator('[data-testid="task-card"]').first();
    if (await task.count()) {
      await task.getByRole('link').first().click();
      await rep.waitForURL(/\/customers\/[\w-]+/);
      await check(rep, '/customers/:id', `${new URL(rep.url()).pathname}（销售）`);
    }

    const visitor = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const anon = await visitor.newPage();
    await visit(anon, '/login');
    await visit(anon, '/invite/:token', `/invite/${invitation}`);
    await visit(anon, '/sidebar');

    const missing = ROUTES.filter((r) => !walked.has(r) && !NOT_WALKED[r]);
    expect(missing, 'routes in App.tsx that the walk does not visit').toEqual([]);

    // One line per word: where it was first seen, in what words, and how many screens show it.
    const byWord = new Map<string, { first: Finding; routes: Set<string> }>();
    for (const f of findings) {
      const seen = byWord.get(f.word) ?? { first: f, routes: new Set<string>() };
      seen.routes.add(f.route);
      byWord.set(f.word, seen);
    }
    const report = [...byWord.values()].map(({ first, routes }) => `${first.route}${routes.size > 1 ? ` (+${routes.size - 1} more)` : ''}: «${first.word}» in “${first.context}”`).join('\n');
    if (byWord.size) console.log(`${byWord.size} English words or codes on Chinese screens:\n${report}`);
    expect([...byWord.keys()], report).toEqual([]);
  }, 600_000);
});

/** Chinese characters (and full-width punctuation) on a screen. */
function chineseRuns(text: string): Array<{ word: string; context: string }> {
  const found: Array<{ word: string; context: string }> = [];
  for (const m of text.matchAll(/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+/g)) {
    // The language switch names Chinese in Chinese.
    if (m[0] === '中文') continue;
    found.push({ word: m[0], context: text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).replace(/\s+/g, ' ') });
  }
  return found;
}

describe('and the reverse: every main screen in English with the demo seeded in English', () => {
  const env = productAndBrowser({ beforeAll, afterAll }, { env: { SOPLINE_SEED_LANG: 'en' } });

  it('shows no Chinese on English screens', async () => {
    const findings: Finding[] = [];
    const check = async (page: Page, label: string) => {
      await settle(page);
      for (const text of await visibleText(page)) for (const f of chineseRuns(text)) findings.push({ route: label, ...f });
    };
    const visit = async (page: Page, path: string) => {
      await page.goto(`${env.product.url}${path}`);
      await check(page, path);
    };
    const ops = await signIn(env.browser, env.product.url, 'ops@demo.sopline.dev', 'en');
    await visit(ops, '/journeys');
    await ops.getByRole('row').filter({ hasText: 'Retail lifecycle' }).first().click();
    await ops.waitForURL(/\/journeys\/[\w-]+$/);
    for (const node of ['trigger', 'welcome', 'wait-first-order', 'stage-paid', 'exit-dormant']) {
      await openNode(ops, node);
      await check(ops, `${new URL(ops.url()).pathname} node ${node}`);
      if (node === 'exit-dormant') await screenshot(ops, 'en-walk-exit-inspector');
    }
    await visit(ops, '/customers');
    await ops.locator('tbody tr').first().click();
    await ops.waitForURL(/\/customers\/[\w-]+$/);
    await check(ops, '/customers/:id');
    await screenshot(ops, 'en-walk-customer');
    for (const path of ['/dashboards', '/channel-codes', '/imports', '/settings?tab=team', '/settings']) await visit(ops, path);
    await screenshot(ops, 'en-walk-settings-workspace');
    const rep = await signIn(env.browser, env.product.url, 'rep1@demo.sopline.dev', 'en');
    await visit(rep, '/inbox');
    await screenshot(rep, 'en-walk-inbox');

    const byWord = new Map<string, Finding>();
    for (const f of findings) if (!byWord.has(f.word)) byWord.set(f.word, f);
    const report = [...byWord.values()].map((f) => `${f.route}: «${f.word}» in “${f.context}”`).join('\n');
    if (byWord.size) console.log(`${byWord.size} Chinese words on English screens:\n${report}`);
    expect([...byWord.keys()], report).toEqual([]);
  }, 600_000);
});
