import type { Receiver } from '@sopline/channel-sdk/testkit';
import { startReceiver } from '@sopline/channel-sdk/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

async function signIn(page: Page, url: string, email: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel(/邮箱|E-mail/).fill(email);
  await page.getByLabel(/密码|Password/).fill('sopline-demo');
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
}

describe('settings: the workspace webhook, a test message, the delivery log and my digest (real Chromium)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('an ops manager sets up the webhook, tests it and sees it in the log; the key never shows', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, env.product.url, 'ops@demo.sopline.dev');
    await page.getByRole('link', { name: '设置' }).click();
    // Settings opens on the workspace; notifications are a tab of their own.
    await page.waitForURL(/\/settings$/);
    await page.getByRole('heading', { name: '工作区' }).waitFor();
    // With nowhere to send to, my daily digest is off and cannot be switched on yet; it says why.
    await page.getByRole('tab', { name: '我的' }).click();
    await page.getByTestId('digest-no-channel').waitFor();
    expect(await page.getByTestId('digest-enabled').isChecked()).toBe(false);
    expect(await page.getByTestId('digest-enabled').isDisabled()).toBe(true);
    await page.getByRole('tab', { name: '通知' }).click();
    await page.waitForURL(/\/settings\?tab=notifications$/);
    await page.getByRole('heading', { name: '通知' }).waitFor();
    await page.getByTestId('channel-empty').waitFor();
    await page.getByTestId('log-empty').waitFor();
    const notifications = page.locator('section[aria-labelledby="notifications-title"]');
    // Nothing is sent while there is nowhere to send to: the switch is off and says why.
    const sending = page.getByTestId('notifications-enabled');
    expect(await sending.isChecked()).toBe(false);
    expect(await sending.isDisabled()).toBe(true);
    await notifications.getByText('先填写下方的 Webhook 地址，才能开启发送。').waitFor();

    // Plain http to another host is refused, next to the field.
    const url = page.getByTestId('webhook-url');
    await url.fill('http://example.com/hook');
    expect(await sending.isChecked()).toBe(true);
    await notifications.getByRole('button', { name: '保存' }).click();
    // In the UI's language, next to the field, without the field's path.
    await notifications.getByText('必须是 https:// 开头的地址（http:// 只能用于本机）').waitFor();
    expect(await notifications.getByText(/config\.url/).count()).toBe(0);
    expect(receiver.requests).toHaveLength(0);

    // A test message to the typed (unsaved) address reaches the receiver and is logged.
    const hook = `${receiver.url}/cgi-bin/webhook/send?key=E2E-SECRET-KEY`;
    await url.fill(hook);
    await page.getByRole('button', { name: '发送测试消息' }).click();
    // The notification (the delivery log below may show the same words once it refreshes).
    await page.locator('.mantine-Notification-root').getByText(/测试消息已送达/).waitFor();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.json).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('Sopline 测试消息') } });
    const log = page.getByTestId('delivery-log');
    await log.getByText('已送达').waitFor();
    expect(await log.getByText('测试').count()).toBeGreaterThan(0);

    await notifications.getByRole('button', { name: '保存' }).click();
    await page.getByText('通知设置已保存').waitFor();
    await page.getByText(/已保存：http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/webhook\/send\?••••/).waitFor();
    expect(await url.inputValue()).toBe('');
    expect(await page.content()).not.toContain('E2E-SECRET-KEY');
    await screenshot(page, 'settings-notifications-zh');
    // "My daily digest" (under 我的) no longer says that a channel is missing.
    await page.getByRole('tab', { name: '我的' }).click();
    await page.getByRole('heading', { name: '我的每日提醒' }).waitFor();
    await page.getByTestId('digest-next').getByText(/下次提醒/).waitFor();
    expect(await page.getByTestId('digest-no-channel').count()).toBe(0);
    expect(await page.getByTestId('digest-enabled').isChecked()).toBe(true);
    await page.getByRole('tab', { name: '通知' }).click();
    await page.getByRole('heading', { name: '通知' }).waitFor();

    // A failing receiver: the test reports it and the log says failed.
    receiver.answer(() => ({ status: 400, body: { errcode: 93000, errmsg: 'invalid webhook url' } }));
    await page.getByRole('button', { name: '发送测试消息' }).click();
    await page.getByTestId('test-failed').getByText(/HTTP 400/).waitFor();
    await log.getByText('失败').waitFor();
    expect(await page.content()).not.toContain('E2E-SECRET-KEY');
    receiver.answer(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    await context.close();
  });

  // Runs after the manager saved the webhook above: only then is a next digest planned.
  it('a sales rep sets the time of their own digest in English, and sees no workspace settings', async () => {
    const context = await env.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('sopline.lang', 'en'));
    await signIn(page, env.product.url, 'rep1@demo.sopline.dev');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'My daily digest' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Notifications' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'My time zone' }).waitFor();
    const digest = page.locator('section[aria-labelledby="digest-title"]');
    // A 24-hour picker whatever the browser's locale (a native time input says "08:30 AM" in English).
    await digest.getByLabel('Time', { exact: false }).first().click();
    await page.getByRole('option', { name: '08:30', exact: true }).click();
    // The digest follows the rep's clock unless they pick a zone from the list (nothing to mistype).
    await digest.getByTestId('digest-timezone').click();
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    await digest.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Digest settings saved').waitFor();
    await digest.getByTestId('digest-next').getByText(/Next digest:.*08:30/).waitFor();
    await page.getByTestId('digest-next').getByText(/Next digest:/).waitFor();
    await screenshot(page, 'settings-digest-en');
    await context.close();
  });
});
