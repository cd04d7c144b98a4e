import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

async function signIn(browser: Browser, url: string, locale: string, email: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.locator('input[type="email"], input[name="email"]').first().fill(email);
  await page.locator('input[type="password"]').fill('sopline-demo');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  return page;
}

/** Waits until every chart card has drawn its chart (an SVG) and lost its loader. */
async function chartsDrawn(page: Page) {
  for (const id of ['chart-funnel', 'chart-journeys', 'chart-reps', 'chart-overdue', 'chart-winback']) {
    await page.getByTestId(id).locator('svg.recharts-surface').first().waitFor({ timeout: 20_000 });
  }
}

describe('the ops dashboards (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('shows the funnel, journey goals, rep completion, overdue tasks and win-back counts, with CSV export', async () => {
    const page = await signIn(env.browser, env.product.url, 'zh-CN', 'ops@demo.sopline.dev');
    await page.getByRole('link', { name: '数据看板' }).click();
    await page.waitForURL(/\/dashboards$/);
    await page.getByRole('heading', { name: '数据看板' }).waitFor();
    await chartsDrawn(page);

    // Numbers as text, per rep: the two demo reps have completion rates and overdue counts.
    const rates = page.locator('[data-testid^="completion-rate-"]');
    await expect.poll(() => rates.count()).toBeGreaterThanOrEqual(2);
    const rateTexts = await rates.allTextContents();
    expect(rateTexts.filter((x) => /^\d+(\.\d)?%$/.test(x)).length).toBeGreaterThanOrEqual(2);
    const overdue = await page.locator('[data-testid^="overdue-count-"]').allTextContents();
    expect(overdue.map(Number).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('segment-dormant').textContent())).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('segment-churned').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('stage-conversion-unpaid').textContent()).toMatch(/^\d+(\.\d)?%$/);
    expect(await page.getByTestId('chart-journeys').textContent()).toContain('沉睡客户召回');

    // Export the rep chart as CSV: a BOM, the Chinese header, one line per rep.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-reps').getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sopline-task-completion-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('顾问,到期,已完成,已跳过,未处理,完成率 %,完成用时中位数 (min)');
    expect(lines.some((l) => l.startsWith('李顾问,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('王顾问,'))).toBe(true);

    // Remind a rep of their overdue tasks: the answer (sent, or why not) is shown.
    await page.getByRole('button', { name: '提醒 王顾问' }).click();
    await page.getByText(/^(已提醒 王顾问|给 王顾问 的提醒未送达：.+)$/).first().waitFor();

    // Another period: the 7-day view answers too, and a custom period that runs backwards is refused.
    await page.getByTestId('period-preset').getByText('最近 7 天').click();
    await chartsDrawn(page);
    await page.getByTestId('period-preset').getByText('最近 90 天').click();
    await chartsDrawn(page);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await screenshot(page, 'dashboards-zh');

    await page.getByTestId('period-preset').getByText('自定义').click();
    await page.getByTestId('period-from').fill('2030-01-02');
    await page.getByTestId('period-problem').getByText('开始日期不能晚于结束日期').waitFor();
    await page.getByTestId('period-preset').getByText('最近 30 天').click();

    // One click: every dormant and churned customer into the win-back journey, with progress.
    const toWinBack = Number(await page.getByTestId('segment-winback').textContent());
    await page.getByTestId('winback-open').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('winback-journey').inputValue()).toContain('沉睡客户召回');
    await dialog.getByTestId('winback-start').click();
    const progress = dialog.getByTestId('winback-progress');
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await progress.textContent()).toMatch(new RegExp(`完成：加入 \\d+ 位`));
    const [, enrolled] = /加入 (\d+) 位，跳过 (\d+) 位/.exec((await progress.textContent())!)!.map(Number) as [number, number];
    expect(enrolled).toBeGreaterThan(0);
    expect(enrolled).toBeLessThanOrEqual(toWinBack);
    await page.context().close();
  });

  it('speaks English, and keeps sales reps out', async () => {
    const page = await signIn(env.browser, env.product.url, 'en-US', 'ops@demo.sopline.dev');
    await page.goto(`${env.product.url}/dashboards`);
    await page.getByRole('heading', { name: 'Dashboards' }).waitFor();
    await chartsDrawn(page);
    await page.getByRole('heading', { name: 'Task completion by rep' }).waitFor();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await screenshot(page, 'dashboards-en');
    await page.context().close();

    const rep = await signIn(env.browser, env.product.url, 'en-US', 'rep1@demo.sopline.dev');
    expect(await rep.getByRole('link', { name: 'Dashboards' }).count()).toBe(0);
    await rep.goto(`${env.product.url}/dashboards`);
    await rep.waitForURL(/\/inbox$/);
    await rep.context().close();
  });

  it('on a 390×844 phone the funnel’s two definitions stack, each whole', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const context = await env.browser.newContext({ locale: lang === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      if (lang === 'en') await page.addInitScript(() => localStorage.setItem('sopline.lang', 'en'));
      await page.goto(`${env.product.url}/login`);
      await page.locator('input[type="email"], input[name="email"]').first().fill('ops@demo.sopline.dev');
      await page.locator('input[type="password"]').fill('sopline-demo');
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((u) => !u.pathname.endsWith('/login'));
      await page.goto(`${env.product.url}/dashboards`);
      const funnel = page.getByTestId('chart-funnel');
      await funnel.locator('svg.recharts-surface').first().waitFor({ timeout: 20_000 });
      const view = page.getByTestId('funnel-view');
      await view.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await screenshot(page, `dashboards-funnel-phone-${lang}`);
      // "In each stage n…" was cut: both labels whole, the control inside the screen.
      const cut = await view.locator('.mantine-SegmentedControl-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
      expect(cut).toEqual([]);
      const box = (await view.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      const labels = await view.locator('.mantine-SegmentedControl-label').allTextContents();
      expect(labels).toContain(lang === 'en' ? 'In each stage now' : '当前各阶段人数');
      await context.close();
    }
  });
});
