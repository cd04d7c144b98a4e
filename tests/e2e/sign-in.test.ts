import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

describe('signing in (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('shows errors in the user language, then lands an ops manager on the journeys list', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${env.product.url}/journeys`);
    await page.waitForURL(/\/login$/);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByText('请输入邮箱地址')).toBeDefined();
    await page.getByLabel('邮箱').fill('ops@demo.sopline.dev');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').getByText('邮箱或密码不正确').waitFor();
    await screenshot(page, 'sign-in-error-zh');

    await page.getByLabel('密码').fill('sopline-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/journeys$/);
    await page.getByText('零售生命周期', { exact: true }).waitFor();
    const row = page.getByRole('row', { name: /零售生命周期/ });
    expect(await row.textContent()).toContain('运行中');
    expect(await row.textContent()).toContain('40');
    await screenshot(page, 'journeys-list-zh');

    await page.getByText('English').click();
    await page.getByRole('heading', { name: 'Journeys' }).waitFor();
    // The demo is seeded in Chinese: its journey keeps its name (user data) on the English screen.
    expect(await page.getByRole('row', { name: /零售生命周期/ }).textContent()).toContain('Live');
    await screenshot(page, 'journeys-list-en');
    await context.close();
  });
});
