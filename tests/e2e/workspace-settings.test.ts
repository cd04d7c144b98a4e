import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

const ADMIN = 'admin@demo.sopline.dev';
const NEW_REP = { name: 'E2E 新销售', email: 'e2e.rep@demo.sopline.dev', password: 'e2e-rep-password-1' };

async function signIn(page: Page, url: string, email: string, password = 'sopline-demo') {
  await page.goto(`${url}/login`);
  await page.getByLabel(/邮箱|E-mail/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
}

async function english(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('sopline.lang', 'en'));
  return page;
}

describe('settings for admins: workspace, team and API keys (real Chromium)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('an admin changes the quiet hours and the time zone; they persist after a reload', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, env.product.url, ADMIN);
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByRole('tab', { name: '工作区' }).click();
    await page.waitForURL(/\/settings(\?tab=workspace)?$/);
    await page.getByRole('heading', { name: '工作区' }).waitFor();
    const zone = page.getByTestId('workspace-timezone');
    // The demo workspace: Shanghai, quiet from 21:00 to 09:00, caps 3 a day and 10 a week.
    await expect.poll(() => zone.inputValue()).toMatch(/^中国.* · Asia\/Shanghai/);
    const start = page.getByRole('combobox', { name: '开始' });
    const end = page.getByRole('combobox', { name: '结束' });
    expect([await start.inputValue(), await end.inputValue()]).toEqual(['21:00', '09:00']);
    expect(await page.getByLabel('每天任务数').inputValue()).toBe('3');
    // What quiet hours and caps do to reps' tasks is said on the page.
    await page.getByText(/顺延到时段结束时/).waitFor();
    await page.getByText(/不再给销售生成任务/).waitFor();

    // Start == end is refused, next to the end field.
    // The 24-hour picker: type the hour, pick the time.
    const pick = async (field: typeof start, time: string) => {
      await field.fill(time);
      await page.getByRole('option', { name: time, exact: true }).click();
    };
    await pick(start, '22:00');
    await pick(end, '22:00');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const endError = page.locator('.mantine-InputWrapper-error', { hasText: '免打扰时段的开始和结束不能相同' });
    await endError.waitFor();

    // A cap above 50 is refused next to its field, in the user's language.
    const perDay = page.getByLabel('每天任务数');
    await perDay.fill('60');
    await pick(end, '07:30');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('.mantine-InputWrapper-error', { hasText: '不能大于 50' }).waitFor();
    await endError.waitFor({ state: 'detached' });
    await perDay.fill('3');

    await zone.click();
    await zone.fill('Tokyo');
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('工作区设置已保存').waitFor();
    await endError.waitFor({ state: 'detached' });

    await page.reload();
    await page.getByRole('heading', { name: '工作区' }).waitFor();
    await expect.poll(() => zone.inputValue()).toMatch(/ · Asia\/Tokyo/);
    expect([await start.inputValue(), await end.inputValue()]).toEqual(['22:00', '07:30']);
    await screenshot(page, 'settings-workspace-zh');

    // Switched off, quiet hours stay off after a reload.
    await page.getByRole('switch', { name: '启用免打扰时段' }).uncheck();
    await page.getByTestId('quiet-off').waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('工作区设置已保存').waitFor();
    await page.reload();
    await page.getByTestId('quiet-off').waitFor();
    await expect.poll(() => zone.inputValue()).toMatch(/ · Asia\/Tokyo/);
    await context.close();
  });

  it('an ops manager reads the workspace and the team but changes neither, and has no API keys tab', async () => {
    const context = await env.browser.newContext({ locale: 'en-US' });
    const page = await english(context);
    await signIn(page, env.product.url, 'ops@demo.sopline.dev');
    await page.goto(`${env.product.url}/settings?tab=workspace`);
    await page.getByText('Only admins can change the name, time zone, quiet hours and send limits. The lifecycle stages and customer properties below are yours to edit.').waitFor();
    await expect.poll(() => page.getByTestId('workspace-timezone').inputValue()).not.toBe('');
    expect(await page.getByTestId('workspace-timezone').isDisabled()).toBe(true);
    // The workspace's own settings are read-only for ops (the stage list below is theirs to edit).
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save stages' }).count()).toBe(1);
    expect(await page.getByRole('tab', { name: 'API keys' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.getByTestId('team-table').getByText(ADMIN).waitFor();
    expect(await page.getByRole('button', { name: 'Add user' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /More actions/ }).count()).toBe(0);
    await context.close();
  });

  it('an admin adds a sales rep, who can sign in; deactivating yourself is refused with the reason', async () => {
    const context = await env.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await english(context);
    await signIn(page, env.product.url, ADMIN);
    await page.goto(`${env.product.url}/settings?tab=team`);
    const table = page.getByTestId('team-table');
    await table.getByText(ADMIN).waitFor();

    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByTestId('add-user-dialog');
    await dialog.getByLabel('Name').fill(NEW_REP.name);
    await dialog.getByLabel('E-mail').fill(ADMIN);
    await dialog.getByLabel(/^Initial password/).fill(NEW_REP.password);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    // A taken e-mail is named next to the field.
    await dialog.locator('.mantine-InputWrapper-error', { hasText: 'already exists' }).waitFor();
    await dialog.getByLabel('E-mail').fill(NEW_REP.email);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByTestId('user-credentials').waitFor();
    expect(await dialog.getByTestId('user-password').textContent()).toBe(NEW_REP.password);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = page.locator(`[data-testid="team-row"][data-email="${NEW_REP.email}"]`);
    await row.getByText('Active').waitFor();
    expect(await row.getByLabel(`Role of ${NEW_REP.name}`).inputValue()).toBe('Sales rep');

    // The API refuses to deactivate the signed-in admin; its message shows in the dialog.
    await page.locator(`[data-testid="team-row"][data-email="${ADMIN}"]`).getByRole('button', { name: /More actions/ }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    const confirm = page.getByTestId('activation-dialog');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.getByTestId('activation-error').getByText('You cannot deactivate your own account').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await screenshot(page, 'settings-team-en');

    // The new rep signs in, lands in their inbox, and sees only their own digest under Settings.
    const repContext = await env.browser.newContext({ locale: 'en-US' });
    const repPage = await english(repContext);
    await signIn(repPage, env.product.url, NEW_REP.email, NEW_REP.password);
    await repPage.waitForURL(/\/inbox$/);
    await repPage.goto(`${env.product.url}/settings?tab=team`);
    await repPage.getByRole('heading', { name: 'My daily digest' }).waitFor();
    expect(await repPage.getByRole('tab').count()).toBe(0);
    expect(await repPage.getByTestId('team-table').count()).toBe(0);

    // Deactivated, the rep is signed out and cannot sign in again.
    await page.reload();
    await row.getByRole('button', { name: /More actions/ }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Deactivated').waitFor();
    const me = await repPage.evaluate(async () => (await fetch('/trpc/auth.me')).status);
    expect(me).toBe(401);
    await repContext.close();
    await context.close();
  });

  it('an admin creates an API key, copies it, posts an event with it, revokes it and is refused', async () => {
    const context = await env.browser.newContext({ locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1280, height: 900 } });
    const page = await english(context);
    await signIn(page, env.product.url, ADMIN);
    await page.goto(`${env.product.url}/settings`);
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByTestId('api-key-snippet').getByText(/Authorization: Bearer <key>/).waitFor();

    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByTestId('api-key-dialog');
    await dialog.getByLabel('Name').fill('E2E shop');
    await dialog.getByRole('button', { name: 'Create API key' }).click();
    await dialog.getByTestId('api-key-warning').getByText(/shown only this once/).waitFor();
    const shown = (await dialog.getByTestId('api-key-value').textContent())!.trim();
    expect(shown).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'settings-api-key-en');
    await dialog.getByRole('button', { name: 'Copy key' }).click();
    await dialog.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    const key = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(key).toBe(shown);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="api-key-row"][data-name="E2E shop"]');
    await row.getByText(key.slice(0, 14)).waitFor();
    await row.getByText('Never').waitFor();
    // Only the prefix is ever shown again.
    expect(await page.content()).not.toContain(key);

    const post = () =>
      fetch(`${env.product.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'purchase', customer: { phone: '13900001234', name: 'E2E 顾客' }, payload: { amount: 99, product: '面霜' } }),
      });
    const accepted = await post();
    expect(accepted.status, await accepted.clone().text()).toBeGreaterThanOrEqual(200);
    expect(accepted.status).toBeLessThan(300);
    await page.reload();
    await expect.poll(() => row.locator('td').nth(3).textContent()).not.toBe('Never');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByTestId('revoke-dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText(/^Revoked /).waitFor();
    const refused = await post();
    expect(refused.status).toBe(401);
    await context.close();
  });

  it('on a 390×844 phone the team reads as cards: each name on one line, the role and WeCom fields inside the screen', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const context = await env.browser.newContext({ locale: lang === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = lang === 'en' ? await english(context) : await context.newPage();
      await signIn(page, env.product.url, ADMIN);
      await page.goto(`${env.product.url}/settings?tab=team`);
      const list = page.getByTestId('team-list');
      await list.getByText(ADMIN).waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, `settings-team-phone-${lang}`);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      // 系统管理员 was one character a line: every name is one line now.
      const names = await page.getByTestId('team-name').evaluateAll((els) => els.map((e) => ({ text: e.textContent, height: e.getBoundingClientRect().height, cut: e.scrollWidth > e.clientWidth })));
      expect(names.length).toBeGreaterThanOrEqual(3);
      for (const n of names) {
        expect(n.height, n.text ?? '').toBeLessThanOrEqual(26);
        expect(n.cut, n.text ?? '').toBe(false);
      }
      // Every role select and WeCom field lies wholly inside the 390 px screen.
      const fields = await list.locator('input').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
      expect(fields.length).toBeGreaterThanOrEqual(6);
      for (const f of fields) {
        expect(f.left).toBeGreaterThanOrEqual(0);
        expect(f.right).toBeLessThanOrEqual(390);
      }
      const role = list.locator('[data-testid="team-row"]', { hasText: ADMIN }).getByLabel(lang === 'en' ? /^Role of/ : /的角色$/);
      expect(await role.inputValue()).toBe(lang === 'en' ? 'Admin' : '管理员');
      await context.close();
    }
  });
});
