import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

describe('the demo workspace (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('is marked as the demo, and its admin empties it after typing its name', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${env.product.url}/login`);
    // The demo's logins, one per role, each filling the form with a click.
    const logins = page.getByTestId('demo-logins');
    await logins.getByText('演示工作区：所有账号的密码都是 sopline-demo。').waitFor();
    expect((await logins.getByRole('button').allTextContents()).map((s) => s.split('：')[0])).toEqual(['管理员', '运营', '销售', '销售']);
    await screenshot(page, 'demo-logins-zh');
    await logins.getByTitle('admin@demo.sopline.dev').click();
    expect(await page.getByLabel('邮箱').inputValue()).toBe('admin@demo.sopline.dev');
    expect(await page.getByLabel('密码').inputValue()).toBe('sopline-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/journeys$/);
    await page.getByTestId('demo-badge').waitFor();

    await page.goto(`${env.product.url}/settings?tab=workspace`);
    await page.getByRole('button', { name: '删除演示数据' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: '永久删除' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/输入工作区名称/).fill('示例品牌');
    await screenshot(page, 'demo-remove-confirm-zh');
    await confirm.click();
    await page.getByText(/演示数据已清空：删除了 200 位客户、2 条旅程/).waitFor();
    await expect.poll(() => page.getByTestId('demo-badge').count()).toBe(0);
    await screenshot(page, 'demo-removed-zh');

    const counts = await page.evaluate(async () => {
      const get = async (path: string) => ((await (await fetch(`/trpc/${path}`)).json()) as { result: { data: unknown } }).result.data;
      return { customers: ((await get('customers.search')) as { total: number }).total, journeys: ((await get('journeys.list')) as unknown[]).length, users: ((await get('users.list')) as { total: number }).total };
    });
    expect(counts).toEqual({ customers: 0, journeys: 0, users: 1 });
    await context.close();

    // The demo's logins are gone with it: the sign-in page no longer offers them, and they no longer work.
    const fresh = await env.browser.newContext({ locale: 'zh-CN' });
    const login = await fresh.newPage();
    await login.goto(`${env.product.url}/login`);
    await login.getByRole('heading', { name: '登录 Sopline' }).waitFor();
    expect(await login.getByTestId('demo-logins').count()).toBe(0);
    const status = await login.evaluate(async () => (await fetch('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ops@demo.sopline.dev', password: 'sopline-demo' }) })).status);
    expect(status).toBe(401);
    await fresh.close();
  });
});
