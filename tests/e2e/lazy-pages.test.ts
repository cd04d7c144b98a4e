// Pages load when opened (React.lazy): a rep's first visit to the inbox downloads none of the designer, the
// charts or the import wizard; a page whose code is on its way shows a spinner inside the shell; a page whose
// code cannot be loaded any more (a deploy replaced the files while the tab was open) shows the page's crash
// notice, whose reload button brings the page back.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

/** The JS files the page has asked for, by name without the hash (`JourneyEditorPage`, `vendor`, …). */
function scriptsOf(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (req) => {
    const m = /\/assets\/(.+)-[\w-]{8}\.js$/.exec(new URL(req.url()).pathname);
    if (m) names.push(m[1]!);
  });
  return names;
}

async function signIn(page: Page, url: string, email: string, landing: RegExp) {
  await page.goto(`${url}/login`);
  await page.getByLabel(/邮箱|E-mail/).fill(email);
  await page.getByLabel(/密码|Password/).fill('sopline-demo');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL(landing);
}

describe('pages load when opened (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it("a rep's phone downloads the inbox without the designer, charts or imports, and a page on its way shows a spinner in the shell", async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const scripts = scriptsOf(page);
    await signIn(page, env.product.url, 'rep1@demo.sopline.dev', /\/inbox$/);
    await page.getByRole('heading', { name: '今日待办' }).waitFor();
    expect(scripts).toContain('vendor');
    for (const heavy of ['JourneyEditorPage', 'elk.bundled', 'DashboardsPage', 'BarChart', 'ImportsPage', 'ImportJobPage', 'SettingsPage', 'ChannelCodesPage', 'CustomersPage']) {
      expect({ heavy, downloaded: scripts.includes(heavy) }).toEqual({ heavy, downloaded: false });
    }

    // The customers list's code arrives slowly: the shell stays, a spinner holds the page's place, then the page.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/CustomersPage-[\w-]{8}\.js$/, async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('nav-toggle').click();
    await page.getByRole('link', { name: '客户' }).click();
    await page.waitForURL(/\/customers$/);
    const loading = page.getByTestId('page-loading');
    await loading.waitFor();
    const box = (await loading.boundingBox())!;
    // Below the header, the whole page's height, the spinner in its middle: not an empty screen.
    expect(box.y).toBeGreaterThanOrEqual(52);
    expect(box.y + box.height).toBeGreaterThan(800);
    expect(await page.getByTestId('account-menu').isVisible()).toBe(true);
    await screenshot(page, 'lazy-page-loading-phone-zh');
    release();
    await page.getByRole('heading', { name: '客户' }).waitFor();
    expect(await loading.count()).toBe(0);
    expect(scripts).toContain('CustomersPage');
    await context.close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`a page whose code is gone after a deploy shows the crash notice (${lang}), and reloading brings it back`, async () => {
      const zh = lang === 'zh-CN';
      const context = await env.browser.newContext({ locale: lang });
      const page = await context.newPage();
      await signIn(page, env.product.url, 'ops@demo.sopline.dev', /\/journeys$/);
      const journey = page.getByText('零售生命周期', { exact: true });
      await journey.waitFor();
      // The tab was opened before a deploy: the designer's chunk it knows by name is no longer on the server.
      const gone = /\/assets\/JourneyEditorPage-[\w-]{8}\.js$/;
      await page.route(gone, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
      await journey.click();
      await page.waitForURL(/\/journeys\/[^/]+$/);
      const crash = page.getByTestId('page-crash');
      // It says what happened and offers the one thing that helps: drawing again would fail the same way.
      await crash.getByText(zh ? '页面需要重新加载' : 'This page needs reloading').waitFor();
      expect(await crash.getByRole('button', { name: zh ? '重试' : 'Retry' }).count()).toBe(0);
      expect(await page.getByTestId('page-loading').count()).toBe(0);
      // No English from the browser on the Chinese screen: the details are copied, not shown.
      if (zh) expect(await crash.textContent()).not.toMatch(/[A-Za-z]{3,}/);
      expect(await page.getByTestId('nav-toggle').isVisible()).toBe(true);
      await screenshot(page, `lazy-page-failed-${zh ? 'zh' : 'en'}`);

      // The new files are there once the page reloads (here: the request is let through again).
      await page.unroute(gone);
      await crash.getByRole('button', { name: zh ? '重新加载页面' : 'Reload page' }).click();
      await page.getByTestId('canvas').waitFor();
      await page.locator('.react-flow__node').first().waitFor();
      expect(await page.getByTestId('page-crash').count()).toBe(0);
      await context.close();
    });
  }
});
