import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { startProduct } from './server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Debian's Chromium, headless, with nothing reaching out to the network. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A page that throws says so in the test's output: when a browser test times out waiting for
  // something that never drew, the reason is then in the CI log rather than lost with the page.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('page', (page) => {
      page.on('pageerror', (error) => console.error(`[browser] uncaught on ${page.url()}: ${error.stack ?? error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith('A page failed to draw')) console.error(`[browser] ${message.text()}`);
      });
    });
    return context;
  };
  return browser;
}

/** Saves a full-page screenshot under tests/artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * For a browser test file: the real product (demo seeded, unless `seed: false` leaves it empty) and
 * Chromium, started before the tests and stopped after. Read `.product` and `.browser` inside the tests.
 */
export function productAndBrowser(
  hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void },
  options: { seed?: boolean; env?: Record<string, string> | (() => Record<string, string>) } = {},
) {
  const env = {} as { product: Awaited<ReturnType<typeof startProduct>>; browser: Browser };
  hooks.beforeAll(async () => {
    env.product = await startProduct({ seed: options.seed, env: typeof options.env === 'function' ? options.env() : options.env });
    env.browser = await launchBrowser();
  });
  hooks.afterAll(async () => {
    await env.browser?.close();
    await env.product?.close();
  });
  return env;
}

/** A tRPC query or mutation as the signed-in page makes it (its cookies, its origin); throws with the server's error. */
export async function trpcCall<T>(page: Page, kind: 'query' | 'mutation', path: string, input?: unknown): Promise<T> {
  return page.evaluate(
    async ({ kind, path, input }) => {
      const res =
        kind === 'query'
          ? await fetch(`/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`)
          : await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
      const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
      if (!res.ok || !body.result) throw new Error(`${path}: ${res.status} ${JSON.stringify(body.error)}`);
      return body.result.data;
    },
    { kind, path, input },
  ) as Promise<T>;
}

/**
 * A new browser context in `locale` (desktop size unless a viewport is given), signed in on the sign-in
 * page as the demo's ops manager (or `email`), on the journeys list. Close it with `page.context().close()`.
 */
export async function signedInAsOps(browser: Browser, url: string, locale: 'zh-CN' | 'en', viewport = { width: 1440, height: 900 }, email = 'ops@demo.sopline.dev'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel(locale === 'en' ? 'E-mail' : '邮箱').fill(email);
  await page.getByLabel(locale === 'en' ? 'Password' : '密码').fill('sopline-demo');
  await page.getByRole('button', { name: locale === 'en' ? 'Sign in' : '登录' }).click();
  await page.waitForURL(/\/journeys$/);
  return page;
}
