import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

async function badgeCount(page: Page): Promise<number> {
  const badge = page.getByTestId('inbox-badge').first();
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
}

async function waitForBadge(page: Page, expected: number) {
  for (let i = 0; i < 100; i++) {
    if ((await badgeCount(page)) === expected) return;
    await page.waitForTimeout(200);
  }
  expect(await badgeCount(page)).toBe(expected);
}

describe('the sales inbox (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('lands a rep on today’s tasks; copy, done with an outcome, bulk-complete, counts go down', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(`${env.product.url}/`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('邮箱').fill('rep1@demo.sopline.dev');
    await page.getByLabel('密码').fill('sopline-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/inbox$/);
    // Sales reps do not see the journeys list.
    expect(await page.getByRole('link', { name: '旅程' }).count()).toBe(0);

    // The journey creates the welcome tasks shortly after the seed; reload until they are there.
    const cards = page.getByTestId('task-card');
    for (let i = 0; i < 60 && (await cards.count()) < 4; i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByRole('heading', { name: '今日待办' }).waitFor();
      await page.waitForTimeout(300);
    }
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    const before = await badgeCount(page);
    expect(before).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'inbox-zh');

    // Copy the first script.
    const first = cards.first();
    const script = (await first.getByTestId('task-script').textContent())!;
    expect(script.length).toBeGreaterThan(0);
    await first.getByRole('button', { name: '复制话术' }).click();
    await page.getByText('已复制').first().waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(script);

    // Done with the outcome 已回复.
    const name = (await first.locator('p').first().textContent())!;
    await first.getByRole('button', { name: '完成', exact: true }).click();
    const dialog = page.getByRole('dialog');
    // Nothing is chosen for the rep; confirming without a choice asks for one, in Chinese.
    expect(await dialog.getByRole('radio', { checked: true }).count()).toBe(0);
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请选择结果').waitFor();
    await dialog.getByText('已回复').click();
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByText(`已完成：${name}`).waitFor();
    await waitForBadge(page, before - 1);

    // Bulk-complete two others with one outcome.
    await cards.nth(0).getByRole('checkbox', { name: '选择' }).check();
    await cards.nth(1).getByRole('checkbox', { name: '选择' }).check();
    await page.getByRole('button', { name: '批量完成 2 个' }).click();
    await page.getByRole('dialog').getByText('已回复').click();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('已完成 2 个任务').waitFor();
    await waitForBadge(page, before - 3);

    // The done tab lists them with their outcome.
    await page.getByRole('tab', { name: /已完成/ }).click();
    await page.getByText('已完成 · 已回复').first().waitFor();
    await page.getByRole('tab', { name: /今天/ }).click();
    await cards.first().waitFor();
    // From a task to its customer and back: the way back is the inbox.
    await cards.first().getByRole('link').first().click();
    await page.getByTestId('customer-back').getByText('今日待办').click();
    await page.waitForURL(/\/inbox$/);
    await cards.first().waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    // Let the confirmation notifications close so they do not cover the header.
    await page.getByText('已完成 2 个任务').waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'inbox-phone-zh');
    await context.close();
  });
});
