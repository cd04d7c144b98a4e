import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

async function signIn(page: Page, url: string, email: string, labels: { email: string; password: string; submit: string }) {
  await page.goto(`${url}/login`);
  try {
    await page.getByLabel(labels.email).fill(email);
  } catch (error) {
    await screenshot(page, 'customer-sign-in-failed');
    throw error;
  }
  await page.getByLabel(labels.password, { exact: true }).fill('sopline-demo');
  await page.getByRole('button', { name: labels.submit }).click();
}

/** Waits for the notifications to go, so they do not cover what a screenshot should show. */
async function quiet(page: Page) {
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

describe('the customer view (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('lets a manager add a customer, edit tags and stage, see them on the timeline, enrol them and remove them again', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, env.product.url, 'ops@demo.sopline.dev', { email: '邮箱', password: '密码', submit: '登录' });
    await page.waitForURL(/\/journeys$/);

    // The list, from the nav: filter by stage, then add a customer of our own (so no demo history is in the way).
    await page.getByRole('link', { name: '客户', exact: true }).click();
    await page.waitForURL(/\/customers$/);
    const total = page.getByText(/^共 \d+ 位客户$/);
    const all = (await total.textContent())!;
    await page.getByTestId('filter-stage').click();
    await page.getByRole('option', { name: '已付费', exact: true }).click();
    await page.waitForURL(/stage=paid/);
    await expect.poll(() => total.textContent()).not.toBe(all);
    expect(await page.getByTestId('customer-list').getByText('已付费', { exact: true }).count()).toBe(await page.getByTestId('customer-list').getByRole('link').count());
    await screenshot(page, 'customers-zh');

    // Search within the filter, open a customer from the row, and come back to the list as it was.
    const list = page.getByTestId('customer-list');
    const found = (await list.getByRole('link').first().textContent())!;
    const paid = (await total.textContent())!;
    await page.getByTestId('customer-search').fill(found);
    await page.waitForURL((u) => u.searchParams.get('q') === found && u.searchParams.get('stage') === 'paid');
    await expect.poll(() => total.textContent()).not.toBe(paid);
    await list.getByRole('link', { name: found, exact: true }).first().waitFor();
    const filtered = (await total.textContent())!;
    await list.getByRole('row').filter({ hasText: found }).first().getByText('已付费', { exact: true }).click();
    await page.waitForURL(/\/customers\/[\w-]+$/);
    await page.getByRole('heading', { name: found }).waitFor();
    await page.getByTestId('customer-back').getByText('客户', { exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('q') === found && u.searchParams.get('stage') === 'paid');
    expect(await page.getByTestId('customer-search').inputValue()).toBe(found);
    await expect.poll(() => total.textContent()).toBe(filtered);
    await screenshot(page, 'customers-back-zh');
    // The same through the name's link, and back again.
    await list.getByRole('link', { name: found, exact: true }).first().click();
    await page.getByRole('heading', { name: found }).waitFor();
    await page.getByTestId('customer-back').click();
    await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('q') === found && u.searchParams.get('stage') === 'paid');
    await page.getByTestId('customer-search').fill('');
    await page.waitForURL((u) => u.pathname === '/customers' && !u.searchParams.has('q') && u.searchParams.get('stage') === 'paid');

    const name = 'E2E 林女士';
    await page.getByRole('button', { name: '新建客户' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill(name);
    await dialog.getByLabel('手机号').fill('13999990001');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(/\/customers\/[\w-]+$/);
    await page.getByRole('heading', { name }).waitFor();

    // A new customer enters the retail journey by its "customer created" trigger, and waits there.
    const journeys = page.getByTestId('customer-journeys');
    const retail = page.getByTestId('enrollment').filter({ hasText: '零售生命周期' });
    await retail
      .getByText('等待中')
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        await screenshot(page, 'customer-no-auto-enrol');
        throw error;
      });
    await retail.getByText(/^所在节点：/).waitFor();
    await retail.getByText(/^等到 .*（.+）$/).waitFor();
    const timeline = page.getByTestId('customer-timeline');
    await timeline.getByText('进入旅程').waitFor();
    await timeline.getByText(/^等待中：/).first().waitFor();
    await expect.poll(() => page.getByTestId('customer-stage').textContent()).toBe('未付费');

    // A new tag, typed and entered.
    await page.getByRole('combobox', { name: '添加标签' }).fill('E2E 回访');
    await page.keyboard.press('Enter');
    await page.getByText('已添加标签：E2E 回访').waitFor();
    await page.getByTestId('customer-tags').getByText('E2E 回访', { exact: true }).waitFor();

    // A new stage, picked from the list.
    await page.getByTestId('stage-picker').click();
    await page.getByRole('option', { name: '复购', exact: true }).click();
    await page.getByText('阶段已改为 复购').waitFor();
    await expect.poll(() => page.getByTestId('customer-stage').textContent()).toBe('复购');

    // Both are on the timeline, newest first, naming who did them.
    const items = timeline.getByTestId('timeline-item');
    await items.filter({ hasText: '阶段：未付费 → 复购' }).getByText('操作人：陈运营').waitFor();
    await items.filter({ hasText: '添加标签：E2E 回访' }).getByText('操作人：陈运营').waitFor();
    const texts = await items.allTextContents();
    expect(texts.findIndex((t) => t.includes('阶段：未付费 → 复购'))).toBeLessThan(texts.findIndex((t) => t.includes('添加标签：E2E 回访')));

    // The retail journey lets each customer in once: enrolling again is refused, and says why.
    await page.getByRole('button', { name: '加入旅程' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByTestId('enrol-journey').click();
    await page.getByRole('option', { name: /零售生命周期/ }).click();
    await dialog.getByRole('button', { name: '加入', exact: true }).click();
    const refusal = dialog.getByTestId('enrol-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`${name} 已经进入过「零售生命周期`);

    // The win-back journey takes them: they enter and wait at its first wait.
    await dialog.getByTestId('enrol-journey').click();
    await page.getByRole('option', { name: /沉睡客户召回/ }).click();
    await dialog.getByRole('button', { name: '加入', exact: true }).click();
    await page.getByText(/已加入「沉睡客户召回/).waitFor();
    const winBack = page.getByTestId('enrollment').filter({ hasText: '沉睡客户召回' });
    await winBack.getByText('等待中').waitFor({ timeout: 30_000 });
    await winBack.getByText(/^等到 .*（.+）$/).waitFor();
    await timeline.getByText(/^待办：沉睡召回/).waitFor();
    await quiet(page);
    await screenshot(page, 'customer-zh');

    // Remove them from it, after a confirmation.
    await winBack.getByRole('button', { name: '移出' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText(/将立即离开「沉睡客户召回/).waitFor();
    await dialog.getByRole('button', { name: '移出' }).click();
    await page.getByText(/已移出「沉睡客户召回/).waitFor();
    await winBack.getByText('已移出').waitFor();
    expect(await winBack.getByRole('button', { name: '移出' }).count()).toBe(0);
    await timeline.getByText('被移出旅程').waitFor();
    // The retail journey goes on.
    await retail.getByText('等待中').waitFor();
    expect(await journeys.getByTestId('enrollment').count()).toBe(2);

    await page.setViewportSize({ width: 390, height: 844 });
    await quiet(page);
    await screenshot(page, 'customer-phone-zh');
    await context.close();
  });

  it('takes a rep from a task in the inbox to the customer, where they see but cannot change the journeys', async () => {
    const context = await env.browser.newContext({ locale: 'en', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, env.product.url, 'rep1@demo.sopline.dev', { email: 'E-mail', password: 'Password', submit: 'Sign in' });
    await page.waitForURL(/\/inbox$/);
    const cards = page.getByTestId('task-card');
    for (let i = 0; i < 60 && (await cards.count()) === 0; i++) {
      await page.waitForTimeout(1000);
      await page.reload();
    }
    const link = cards.first().getByRole('link').first();
    const name = (await link.textContent())!;
    await link.click();
    await page.waitForURL(/\/customers\/[\w-]+$/);
    await page.getByRole('heading', { name }).waitFor();

    // In the journey that made the task, shown read-only.
    const journeys = page.getByTestId('customer-journeys');
    await journeys.getByText(/零售生命周期/).first().waitFor();
    expect(await page.getByRole('button', { name: 'Enrol in a journey' }).count()).toBe(0);
    expect(await journeys.getByRole('button', { name: 'Remove' }).count()).toBe(0);
    await page.getByTestId('customer-timeline').getByText(/^Task: /).first().waitFor();

    // A rep tags their own customer.
    await page.getByRole('combobox', { name: 'Add a tag' }).fill('called');
    await page.keyboard.press('Enter');
    await page.getByTestId('customer-tags').getByText('called', { exact: true }).waitFor();
    await page.getByTestId('customer-timeline').getByText('Tag added: called').waitFor();
    await quiet(page);
    await screenshot(page, 'customer-phone-en');

    // Opened from a task, the way back leads to the inbox.
    expect(await page.getByTestId('customer-back').textContent()).toBe("Today's tasks");
    expect(await page.getByTestId('customer-back').getAttribute('href')).toBe('/inbox');
    // The list holds only the rep's own customers.
    await page.goto(`${env.product.url}/customers`);
    await page.waitForURL(/\/customers$/);
    const total = Number((await page.getByText(/^\d+ customers$/).textContent())!.split(' ')[0]);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(200);
    await screenshot(page, 'customers-phone-en');
    // Searched, opened and back, in English: the list keeps the search.
    const first = (await page.getByTestId('customer-list').getByRole('link').first().textContent())!;
    await page.getByTestId('customer-search').fill(first);
    await page.waitForURL((u) => u.searchParams.get('q') === first);
    await page.getByTestId('customer-list').getByRole('link', { name: first, exact: true }).first().click();
    await page.getByRole('heading', { name: first }).waitFor();
    expect(await page.getByTestId('customer-back').textContent()).toBe('Customers');
    await page.getByTestId('customer-back').click();
    await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('q') === first);
    expect(await page.getByTestId('customer-search').inputValue()).toBe(first);
    await screenshot(page, 'customers-back-phone-en');
    await context.close();
  });
});
