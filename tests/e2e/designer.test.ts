import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a React Flow handle to another with real mouse moves, as a person would. */
async function connect(page: Page, from: Locator, to: Locator) {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** Drops a palette item onto the canvas at a point (HTML5 drag and drop, as the palette uses). */
async function dropFromPalette(page: Page, type: string, at: { x: number; y: number }) {
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId(`palette-item-${type}`).dragTo(canvas, { targetPosition: { x: at.x - box.x, y: at.y - box.y } });
}

describe('the journey designer (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('builds a journey from the palette, fixes a validation problem, publishes, and shows a live count', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.product.url}/login`);
    await page.getByLabel('邮箱').fill('ops@demo.sopline.dev');
    await page.getByLabel('密码').fill('sopline-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/journeys$/);

    await page.getByRole('button', { name: '新建旅程' }).first().click();
    await page.getByLabel('名称').fill('首单关怀 E2E');
    await page.getByRole('button', { name: '创建并打开' }).click();
    await page.waitForURL(/\/journeys\/[\w-]+$/);

    const trigger = page.locator('[data-testid^="node-trigger-"]');
    await trigger.waitFor();
    const t = await centre(trigger);
    await dropFromPalette(page, 'send-script', { x: t.x, y: t.y + 170 });
    const script = page.locator('[data-testid^="node-n-"]').first();
    await script.waitFor();
    const s = await centre(script);
    await dropFromPalette(page, 'exit', { x: s.x, y: s.y + 170 });
    await expect.poll(() => page.locator('[data-testid^="node-n-"]').count()).toBe(2);
    const exit = page.locator('[data-testid^="node-n-"]').nth(1);

    await connect(page, trigger.locator('.react-flow__handle.source'), script.locator('.react-flow__handle.target'));
    await connect(page, script.locator('.react-flow__handle.source'), exit.locator('.react-flow__handle.target'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // Configure the script with a misspelt variable: the problem is shown, then fixed.
    await script.click();
    const inspector = page.getByTestId('inspector');
    const textarea = inspector.locator('textarea').first();
    await textarea.fill('{{customer.nmae}}，感谢您的第一单！');
    await page.getByTestId('validate-button').click();
    const problem = page.getByTestId('problem-item').filter({ hasText: 'customer.nmae' });
    await problem.first().waitFor();
    await screenshot(page, 'designer-validation-problem-zh');
    await textarea.fill('{{customer.name}}，感谢您的第一单！');
    await page.getByTestId('validate-button').click();
    await expect.poll(() => page.getByTestId('problem-item').count(), { timeout: 10_000 }).toBe(0);
    expect(await inspector.getByTestId('script-preview').textContent()).toContain('王小明，感谢您的第一单！');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
    await screenshot(page, 'designer-built-zh');

    await page.getByTestId('publish-button').click();
    await page.getByTestId('publish-notes').fill('第一版：首单关怀');
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('journey-status').textContent(), { timeout: 15_000 }).toContain('运行中');

    // Enrol one customer from the designer's "加入客户" dialog and watch the count appear on the node.
    await page.getByTestId('enrol-button').click();
    // Search by the start of the first demo customer's name, then pick them.
    const first = page.getByTestId('enrol-option').first();
    await first.waitFor();
    const name = (await first.locator('p').first().textContent())!.trim();
    await page.getByTestId('enrol-search').fill(name.slice(0, 2));
    const option = page.getByTestId('enrol-option').filter({ hasText: name }).first();
    await expect.poll(() => page.getByTestId('enrol-option').filter({ hasNotText: name.slice(0, 2) }).count(), { timeout: 10_000 }).toBe(0);
    await option.click();
    await expect.poll(() => option.getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('enrol-confirm').click();
    const result = page.getByTestId('enrol-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toContain('已加入：1 位');
    await screenshot(page, 'designer-enrol-zh');
    await page.keyboard.press('Escape');
    await page.getByTestId('enrol-dialog').waitFor({ state: 'hidden' }).catch(() => {});
    const scriptId = (await script.getAttribute('data-testid'))!.replace('node-', '');
    const counts = page.getByTestId(`node-counts-${scriptId}`);
    await expect.poll(async () => (await counts.count()) > 0 && (await counts.textContent()), { timeout: 20_000 }).toMatch(/1/);
    await screenshot(page, 'designer-live-counts-zh');
    await context.close();
  });
});
