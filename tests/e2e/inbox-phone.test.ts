import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

type Item = { id: string; dueAt: string; script: string };

/** The signed-in page's own call to a tRPC query (its cookies, its origin). */
async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([p, i]) => ((await (await fetch(`/trpc/${p}?input=${encodeURIComponent(JSON.stringify(i))}`)).json()) as { result: { data: unknown } }).result.data,
    [path, input] as const,
  ) as Promise<T>;
}

/** HH:mm of an instant as Shanghai reads it. */
const shanghai = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

async function signInRep(page: Page, url: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel('邮箱').fill('rep1@demo.sopline.dev');
  await page.getByLabel('密码').fill('sopline-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/inbox$/);
  // The journey makes the welcome tasks shortly after the seed; reload until there are enough.
  const cards = page.getByTestId('task-card');
  for (let i = 0; i < 60 && (await cards.count()) < 5; i++) {
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByRole('heading', { name: '今日待办' }).waitFor();
    await page.waitForTimeout(300);
  }
  expect(await cards.count()).toBeGreaterThanOrEqual(5);
}

describe('the inbox on a rep’s phone, on the workspace’s clock (real Chromium, browser in UTC)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('shows three compact cards at 390×844, times in Shanghai time with the zone named, and snoozes to tomorrow on that clock', async () => {
    // The demo workspace runs on Asia/Shanghai; this phone's browser says UTC.
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInRep(page, env.product.url);
    const cards = page.getByTestId('task-card');

    // The day's work at a glance: at least three whole cards in the first screen, the tabs on one line.
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'inbox-phone-compact-zh');
    const third = (await cards.nth(2).boundingBox())!;
    expect(third.y + third.height).toBeLessThanOrEqual(844);
    const tabs = await page.getByRole('tab').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tabs).size).toBe(1);
    // Nothing in the header is cut off: the account menu holds the name, the languages and signing out.
    const menu = (await page.getByTestId('account-menu').boundingBox())!;
    expect(menu.x + menu.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'inbox-phone-compact-zh');

    // Due times read on Shanghai's clock, with the zone's name since this browser is elsewhere.
    const items = (await query<{ items: Item[] }>(page, 'tasks.mine', { view: 'today', limit: 50 })).items;
    const first = items[0]!;
    const due = (await page.locator(`#task-${first.id}`).getByTestId('task-due').textContent())!;
    expect(due).toContain(`今天 ${shanghai(first.dueAt)}`);
    expect(due).toMatch(/中国/);

    // Snooze "to tomorrow 9:00" from the card's menu: it leaves 今天 and is under 即将到期, due 明天 09:00.
    const card = page.locator(`#task-${first.id}`);
    await card.getByRole('button', { name: '更多操作' }).click();
    await page.getByRole('menuitem', { name: '稍后' }).click();
    const dialog = page.getByRole('dialog');
    // The zone is named once for every time in the dialog.
    expect(await dialog.getByTestId('snooze-zone').textContent()).toMatch(/中国/);
    await dialog.getByRole('button', { name: /明天 9:00/ }).click();
    await page.getByText(/已推迟到 明天 09:00/).waitFor();
    await card.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /即将到期/ }).click();
    await page.locator(`#task-${first.id}`).getByTestId('task-due').getByText(/明天 09:00/).waitFor();
    const upcoming = (await query<{ items: Item[] }>(page, 'tasks.mine', { view: 'upcoming', limit: 50 })).items;
    const moved = upcoming.find((t) => t.id === first.id)!;
    expect(shanghai(moved.dueAt)).toBe('09:00');
    await screenshot(page, 'inbox-phone-upcoming-zh');

    // A time of the rep's own: the day after tomorrow at 10:30 Shanghai time; a time in the past is refused in words.
    await page.getByRole('tab', { name: /今天/ }).click();
    const second = page.locator(`#task-${items[1]!.id}`);
    await second.getByRole('button', { name: '更多操作' }).click();
    await page.getByRole('menuitem', { name: '稍后' }).click();
    const custom = dialog.getByTestId('snooze-custom');
    await custom.fill('2020-01-01T10:30');
    await dialog.getByRole('button', { name: '推迟', exact: true }).click();
    await dialog.getByText('请选择一个将来的时间').waitFor();
    const inTwoDays = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 2 * 86_400_000));
    await custom.fill(`${inTwoDays}T10:30`);
    await screenshot(page, 'inbox-phone-snooze-zh');
    await dialog.getByRole('button', { name: '推迟', exact: true }).click();
    await second.waitFor({ state: 'detached' });
    const later = (await query<{ items: Item[] }>(page, 'tasks.mine', { view: 'upcoming', limit: 50 })).items.find((t) => t.id === items[1]!.id)!;
    expect(shanghai(later.dueAt)).toBe('10:30');
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(later.dueAt))).toBe(inTwoDays);

    // The outcome is the rep's to choose, and the confirmation toast never covers the dialog.
    const third2 = cards.first();
    await third2.getByRole('button', { name: '复制话术' }).click();
    await third2.getByRole('button', { name: '更多操作' }).click();
    await page.getByRole('menuitem', { name: '完成' }).click();
    expect(await dialog.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.getByText('已复制').first().waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    await screenshot(page, 'inbox-phone-outcome-zh');
    // Toasts stay under the dialog: a tap on its close button reaches the button.
    const close = (await dialog.locator('.mantine-Modal-close').boundingBox())!;
    const hit = await page.evaluate(`document.elementFromPoint(${close.x + close.width / 2}, ${close.y + close.height / 2})?.closest('.mantine-Modal-close') !== null`);
    expect(hit).toBe(true);
    await dialog.getByRole('button', { name: '取消' }).or(dialog.locator('.mantine-Modal-close')).first().click();
    await context.close();
  });

  it('copy and mark sent on a phone: one toast, at the bottom clear of the tabs, gone by itself and on leaving the inbox', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInRep(page, env.product.url);
    const cards = page.getByTestId('task-card');
    // 复制并标记已发送: one toast, not two, at the bottom of the phone (clear of the tabs); a success goes
    // by itself after a moment, and leaving the inbox takes the inbox's toasts away.
    const toasts = page.locator('.mantine-Notification-root');
    await expect.poll(() => toasts.count(), { timeout: 8000 }).toBe(0);
    const sendable = cards.filter({ has: page.getByRole('button', { name: '复制并标记已发送' }) }).first();
    const sentName = (await sendable.locator('p').first().textContent())!.trim();
    await sendable.getByRole('button', { name: '复制并标记已发送' }).click();
    await page.getByText(`已复制并标记已发送：${sentName}`).waitFor();
    await page.waitForTimeout(400);
    expect(await toasts.count()).toBe(1);
    const toastBox = (await toasts.first().boundingBox())!;
    expect(toastBox.y).toBeGreaterThan(844 / 2);
    const tabsBox = (await page.getByRole('tablist').boundingBox())!;
    expect(toastBox.y).toBeGreaterThan(tabsBox.y + tabsBox.height);
    await screenshot(page, 'inbox-phone-sent-toast-zh');
    await expect.poll(() => toasts.count(), { timeout: 6000 }).toBe(0);
    // Another one, then straight to a customer: the toast does not follow onto the customer page.
    const next = cards.filter({ has: page.getByRole('button', { name: '复制并标记已发送' }) }).first();
    await next.getByRole('button', { name: '复制并标记已发送' }).click();
    await toasts.first().waitFor();
    await cards.first().getByRole('link').first().click();
    await page.waitForURL(/\/customers\/[\w-]+$/);
    await expect.poll(() => toasts.count(), { timeout: 3000 }).toBe(0);
    const back = (await page.getByTestId('customer-back').boundingBox())!;
    expect(await page.evaluate(`document.elementFromPoint(${back.x + 5}, ${back.y + back.height / 2})?.closest('[data-testid="customer-back"]') !== null`)).toBe(true);
    await context.close();
  });

  it('in English, a rep whose own clock is Los Angeles sees due times there, named', async () => {
    const context = await env.browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('sopline.lang', 'en'));
    await page.goto(`${env.product.url}/login`);
    await page.getByLabel('E-mail').fill('rep2@demo.sopline.dev');
    await page.getByLabel('Password').fill('sopline-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox$/);
    await page.goto(`${env.product.url}/settings`);
    await page.getByRole('heading', { name: 'My time zone' }).waitFor();
    await page.getByTestId('profile-zone').click();
    await page.getByTestId('profile-zone').fill('Los_Angeles');
    await page.getByRole('option', { name: 'America/Los_Angeles' }).click();
    await page.getByTestId('profile-browser-zone').waitFor();
    await page.locator('section[aria-labelledby="profile-title"]').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Time zone saved').waitFor();
    await screenshot(page, 'settings-profile-en-phone');
    await page.goto(`${env.product.url}/inbox`);
    const cards = page.getByTestId('task-card');
    for (let i = 0; i < 60 && (await cards.count()) === 0; i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByRole('heading', { name: "Today's tasks" }).waitFor();
      await page.waitForTimeout(300);
    }
    const items = (await query<{ items: Item[] }>(page, 'tasks.mine', { view: 'today', limit: 50 })).items;
    expect(items.length).toBeGreaterThan(0);
    const due = (await page.locator(`#task-${items[0]!.id}`).getByTestId('task-due').textContent())!;
    const la = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Los_Angeles', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(items[0]!.dueAt));
    expect(due).toContain(la);
    expect(due).toMatch(/PT|Pacific|Los Angeles/);
    // Every button label on the card is whole at 390 px (none cut to "Copy scrip").
    const cut = await page.locator(`#task-${items[0]!.id} .mantine-Button-label`).evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await screenshot(page, 'inbox-phone-en');
    // Copy & mark sent says both in one toast, at the bottom.
    const card = page.getByTestId('task-card').filter({ has: page.getByRole('button', { name: 'Copy & mark sent' }) }).first();
    const name = (await card.locator('p').first().textContent())!.trim();
    await card.getByRole('button', { name: 'Copy & mark sent' }).click();
    await page.getByText(`Copied and marked sent: ${name}`).waitFor();
    await page.waitForTimeout(400);
    expect(await page.locator('.mantine-Notification-root').count()).toBe(1);
    await screenshot(page, 'inbox-phone-sent-toast-en');
    await context.close();
  });

  it('in English at 390, the Overdue tab keeps each task’s title whole: the long due text has its own line', async () => {
    const context = await env.browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('sopline.lang', 'en'));
    await page.goto(`${env.product.url}/login`);
    await page.getByLabel('E-mail').fill('rep1@demo.sopline.dev');
    await page.getByLabel('Password').fill('sopline-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByRole('tab', { name: /Overdue/ }).click();
    const cards = page.getByTestId('task-card');
    // The demo's history leaves each rep overdue tasks.
    await cards.first().waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'inbox-phone-overdue-en');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const n = Math.min(await cards.count(), 5);
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      const title = card.getByTestId('task-title');
      const due = card.getByTestId('task-due');
      expect(await due.textContent()).toMatch(/^Overdue/);
      // The title is not clipped (no "复购…"); the due text is beside it or on the next line, never over it, and on screen.
      const clipped = await title.evaluate((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
      expect(clipped, (await title.textContent()) ?? '').toBe(false);
      const t = (await title.boundingBox())!;
      const d = (await due.boundingBox())!;
      const overlap = d.x < t.x + t.width - 1 && t.x < d.x + d.width - 1 && d.y < t.y + t.height - 1 && t.y < d.y + d.height - 1;
      expect(overlap).toBe(false);
      expect(d.x + d.width).toBeLessThanOrEqual(390);
    }
    await context.close();
  });
});
