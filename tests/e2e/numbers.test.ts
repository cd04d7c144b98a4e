import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

async function signIn(browser: Browser, url: string, locale: string, email: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.locator('input[type="email"], input[name="email"]').first().fill(email);
  await page.locator('input[type="password"]').fill('sopline-demo');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  return page;
}

/** Waits for the notifications to go, so they do not cover what a screenshot should show. */
async function quiet(page: Page) {
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
}

const numberIn = async (cell: Locator) => Number((await cell.textContent())!.replace(/[^\d]/g, ''));

describe('numbers that agree, and acting on many customers at once (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });
  const tag = `双十一回访${Date.now() % 10_000}`;
  const prefix = `数字测试${Date.now() % 100_000}`;
  const names = [`${prefix}甲`, `${prefix}乙`];

  it('the funnel’s bars and table count the same thing and say which; switching the definition changes both', async () => {
    const page = await signIn(env.browser, env.product.url, 'zh-CN', 'ops@demo.sopline.dev');
    await page.goto(`${env.product.url}/dashboards`);
    const card = page.getByTestId('chart-funnel');
    await card.locator('svg.recharts-surface').first().waitFor({ timeout: 20_000 });

    const agree = async (view: 'period' | 'now') => {
      await card.getByTestId('funnel-view').getByText(view === 'period' ? '期间经过各阶段' : '当前各阶段人数').click();
      await expect.poll(() => card.getByTestId('funnel-table').getAttribute('data-view')).toBe(view);
      const table = (await card.locator('[data-testid^="funnel-count-"]').allTextContents()).map(Number);
      // The bar labels (withBarValueLabel) are the bars' own numbers.
      await expect.poll(async () => (await card.locator('.recharts-label-list text').allTextContents()).map(Number)).toEqual(table);
      return { table, definition: (await card.getByTestId('funnel-definition').textContent())! };
    };
    const period = await agree('period');
    expect(period.definition).toContain('跳过');
    // The skip example uses the workspace's own stage names: no codes.
    expect(period.definition).not.toMatch(/unpaid|paid|repeat|advocate/);
    expect(await card.getByTestId('stage-conversion-unpaid').textContent()).toMatch(/^\d+(\.\d)?%$/);
    await screenshot(page, 'numbers-funnel-period-zh');
    const now = await agree('now');
    expect(now.definition).toContain('此刻');
    // "Now" counts every customer once: the demo's 200.
    expect(now.table.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(200);
    await quiet(page);
    await screenshot(page, 'numbers-funnel-now-zh');
    await page.context().close();
  });

  it('a manager selects two customers, tags them in bulk, opens one by its row (mouse and Enter), and enrols both: the journeys list counts them', async () => {
    const page = await signIn(env.browser, env.product.url, 'zh-CN', 'ops@demo.sopline.dev');

    // Two customers of our own; a new customer enters the retail journey and gets its welcome task.
    for (const name of names) {
      await page.goto(`${env.product.url}/customers`);
      await page.getByRole('button', { name: '新建客户' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('姓名').fill(name);
      await dialog.getByRole('button', { name: '创建' }).click();
      await page.waitForURL(/\/customers\/[\w-]+$/);
      await page.getByRole('heading', { name }).waitFor();
    }
    // The timeline shows the welcome script as the rep got it: the name filled in, no {{…}} left.
    const script = page.getByTestId('timeline-script').first();
    await expect.poll(async () => (await script.count()) > 0 || (await page.reload(), false), { timeout: 45_000, interval: 2_000 }).toBe(true);
    expect(await script.textContent()).toContain(`${names[1]}您好`);
    expect(await page.getByTestId('customer-timeline').textContent()).not.toContain('{{');
    await quiet(page);
    await screenshot(page, 'numbers-timeline-zh');

    // The journeys list before: the win-back journey's numbers for the last 30 days.
    await page.goto(`${env.product.url}/journeys`);
    const winBack = page.locator('[data-testid^="journey-row-"]').filter({ hasText: '沉睡客户召回' });
    await winBack.waitFor();
    const journeyId = (await winBack.getAttribute('data-testid'))!.replace('journey-row-', '');
    const entered0 = await numberIn(winBack.getByTestId('journey-entered'));
    const inNow0 = await numberIn(winBack.getByTestId('journey-in-now'));

    // Select both, tag them in bulk: the tag shows on both rows.
    await page.goto(`${env.product.url}/customers?q=${encodeURIComponent(prefix)}`);
    const rows = page.getByTestId('customer-row');
    await expect.poll(() => rows.count()).toBe(2);
    for (const row of await rows.all()) await row.getByTestId('select-customer').check();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('已选 2 位');
    await page.getByTestId('bulk-tag').click();
    let dialog = page.getByRole('dialog', { name: '给 2 位客户添加标签' });
    // Nothing chosen: our inline message, not the browser's.
    await dialog.getByTestId('bulk-apply').click();
    await dialog.getByText('请至少选择一个标签').waitFor();
    await dialog.getByTestId('bulk-tags').fill(tag);
    await dialog.getByTestId('bulk-tags').press('Enter');
    await screenshot(page, 'numbers-bulk-tag-dialog-zh');
    await dialog.getByTestId('bulk-apply').click();
    await page.getByText('已添加标签：2 位客户中 2 位有变化').waitFor();
    await dialog.waitFor({ state: 'detached' });
    for (const row of await rows.all()) await row.getByText(tag, { exact: true }).waitFor();
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);
    await quiet(page);
    await screenshot(page, 'numbers-customers-tagged-zh');

    // The whole row opens the customer: a click on its stage cell, and Enter on the focused row.
    await rows.first().locator('td').nth(2).click();
    await page.waitForURL(/\/customers\/[\w-]+$/);
    await page.goBack();
    await expect.poll(() => rows.count()).toBe(2);
    await rows.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/customers\/[\w-]+$/);
    await page.getByRole('heading', { name: names[0] }).or(page.getByRole('heading', { name: names[1] })).first().waitFor();
    await page.goBack();

    // Both into the win-back journey, with progress and a result in Chinese.
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId('select-page').check();
    await page.getByTestId('bulk-enrol').click();
    dialog = page.getByRole('dialog', { name: '把 2 位客户加入旅程' });
    await dialog.getByTestId('bulk-journey').click();
    await page.getByRole('option', { name: /沉睡客户召回/ }).click();
    await dialog.getByTestId('bulk-apply').click();
    await page.getByText(/^已加入旅程：2 位客户中 2 位加入，0 位/).waitFor({ timeout: 60_000 });

    // The journeys list counts them: two more entered this period, two more in the journey now.
    await page.goto(`${env.product.url}/journeys`);
    const row = page.getByTestId(`journey-row-${journeyId}`);
    await row.waitFor();
    expect(await numberIn(row.getByTestId('journey-entered'))).toBe(entered0 + 2);
    await expect.poll(async () => (await page.reload(), await numberIn(row.getByTestId('journey-in-now'))), { timeout: 30_000, interval: 1_000 }).toBe(inNow0 + 2);
    const goal = (await row.getByTestId('journey-goal').textContent())!;
    await quiet(page);
    await screenshot(page, 'numbers-journeys-zh');

    // The dashboard's journey card, for the same 30 days, counts the same cohort and the same rate.
    await page.goto(`${env.product.url}/dashboards`);
    await page.getByTestId('chart-journeys').locator('svg.recharts-surface').first().waitFor({ timeout: 20_000 });
    expect(await numberIn(page.getByTestId(`journey-enrolled-${journeyId}`))).toBe(entered0 + 2);
    const rate = (await page.getByTestId(`journey-rate-${journeyId}`).textContent())!;
    expect(goal === '未设目标' ? rate === '—' || !/\d/.test(rate) : rate === goal).toBe(true);
    await page.context().close();
  });

  it('speaks English, and fits a phone: the list, its selection bar, the journeys numbers', async () => {
    const page = await signIn(env.browser, env.product.url, 'en-US', 'ops@demo.sopline.dev');
    await page.goto(`${env.product.url}/customers?q=${encodeURIComponent(prefix)}`);
    const rows = page.getByTestId('customer-row');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.first().getByTestId('select-customer').check();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('1 selected');
    await page.getByTestId('bulk-untag').click();
    const dialog = page.getByRole('dialog', { name: 'Remove tags from 1 customers' });
    await dialog.getByTestId('bulk-tags').fill(tag);
    await dialog.getByTestId('bulk-tags').press('Enter');
    await dialog.getByTestId('bulk-apply').click();
    await page.getByText('Tags removed: 1 of 1 customers changed').waitFor();
    await expect.poll(() => rows.getByText(tag, { exact: true }).count()).toBe(1);
    await quiet(page);
    await screenshot(page, 'numbers-customers-en');

    // A whole page ticked offers every customer the filters match (here: no filter, all of them).
    await page.goto(`${env.product.url}/customers`);
    const total = Number(/^(\d+) customers$/.exec((await page.getByText(/^\d+ customers$/).textContent())!)![1]);
    await page.getByTestId('select-page').check();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('50 selected');
    await page.getByTestId('bulk-select-matching').click();
    expect(await page.getByTestId('bulk-count').textContent()).toBe(`All ${total} customers matching the filters are selected`);
    await page.getByTestId('bulk-assign').click();
    await page.getByRole('dialog', { name: `Assign an owner to ${total} customers` }).waitFor();
    await quiet(page);
    await screenshot(page, 'numbers-bulk-assign-en');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${env.product.url}/journeys`);
    await page.locator('[data-testid^="journey-row-"]').first().waitFor();
    await page.getByRole('columnheader', { name: 'Goal conversion' }).waitFor();
    await quiet(page);
    await screenshot(page, 'numbers-journeys-en');
    await page.goto(`${env.product.url}/dashboards`);
    await page.getByTestId('chart-funnel').locator('svg.recharts-surface').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('funnel-view').getByText('Passed through in the period').click();
    await quiet(page);
    await screenshot(page, 'numbers-funnel-en');
    await page.context().close();

    for (const [locale, name] of [['zh-CN', 'numbers-customers-phone-zh'], ['en-US', 'numbers-customers-phone-en']] as const) {
      const phone = await signIn(env.browser, env.product.url, locale, 'ops@demo.sopline.dev', { width: 390, height: 844 });
      await phone.goto(`${env.product.url}/customers`);
      const phoneRows = phone.getByTestId('customer-row');
      await phoneRows.first().waitFor();
      await phoneRows.nth(0).getByTestId('select-customer').check();
      await phoneRows.nth(1).getByTestId('select-customer').check();
      await phone.getByTestId('bulk-bar').waitFor();
      // Nothing sticks out sideways at 390 px.
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await quiet(phone);
      await screenshot(phone, name);
      await phone.context().close();
    }
  });
});
