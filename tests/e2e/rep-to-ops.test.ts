import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, productAndBrowser, trpcCall as call } from '../support/browser.ts';

const ZONE = 'Asia/Shanghai';
const JOURNEY = '沉睡唤醒 E2E';


async function signIn(page: Page, url: string, email: string, landing: RegExp) {
  await page.goto(`${url}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('sopline-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(landing);
}

/** What the user sees (the inbox is too long for a readable full-page picture), saved under tests/artifacts/. */
async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** The dashboard's default period: the last 30 days up to today, in the workspace's zone. */
function last30Days(): { from: string; to: string } {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return { from: day(new Date(Date.now() - 29 * 86_400_000)), to: day(new Date()) };
}

type Completion = { rep: { id: string } | null; due: number; done: number; completionRate: number | null };
const percent = (done: number, due: number) => `${Math.round((done / due) * 1000) / 10}%`;

describe('from a journey to the rep’s inbox to the ops dashboard (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('a journey gives the rep tasks today; the rep copies, completes and bulk-completes them; ops sees the completion rate rise', async () => {
    // Quiet hours (21:00–09:00 in the demo) would move tonight's tasks to tomorrow morning: the admin
    // switches them off, through the API as on any database, so the journey's tasks fall due today
    // whatever the hour this test runs.
    const admin = await env.browser.newContext({ locale: 'zh-CN', timezoneId: ZONE });
    const adminPage = await admin.newPage();
    await signIn(adminPage, env.product.url, 'admin@demo.sopline.dev', /\/journeys$/);
    const quiet = await call<{ quietStart: string | null; quietEnd: string | null }>(adminPage, 'mutation', 'workspace.update', { quietStart: null, quietEnd: null });
    expect(quiet).toMatchObject({ quietStart: null, quietEnd: null });
    await admin.close();

    // Ops publishes a win-back journey from its template and enrols three of the rep's customers.
    const ops = await env.browser.newContext({ locale: 'zh-CN', timezoneId: ZONE, viewport: { width: 1440, height: 1100 } });
    const opsPage = await ops.newPage();
    await signIn(opsPage, env.product.url, 'ops@demo.sopline.dev', /\/journeys$/);
    const users = await call<{ items: Array<{ id: string; email: string }> }>(opsPage, 'query', 'users.list', { role: 'sales' });
    const rep = users.items.find((u) => u.email === 'rep1@demo.sopline.dev')!;
    const owned = await call<{ items: Array<{ id: string; name: string; stage: string | null }> }>(opsPage, 'query', 'customers.search', { ownerId: rep.id, limit: 100 });
    // Buyers, who are not in the seeded retail journey's first week.
    const chosen = owned.items.filter((c) => c.stage !== 'unpaid').slice(0, 3);
    expect(chosen).toHaveLength(3);
    const journey = await call<{ id: string }>(opsPage, 'mutation', 'journeys.create', { name: JOURNEY, template: { id: 'dormant-win-back', locale: 'zh-CN' } });
    await call(opsPage, 'mutation', 'journeys.publish', { id: journey.id, notes: 'E2E' });

    const period = last30Days();
    const stats = async () => (await call<Completion[]>(opsPage, 'query', 'analytics.taskCompletion', period)).find((r) => r.rep?.id === rep.id)!;
    // The seed's own journey may still be writing its welcome tasks: wait until the rep's numbers settle.
    let settled = await stats();
    for (let stable = 0; stable < 3; ) {
      await opsPage.waitForTimeout(1000);
      const next = await stats();
      stable = next.due === settled.due ? stable + 1 : 0;
      settled = next;
    }
    for (const c of chosen) {
      const result = await call<{ enrolled: boolean }>(opsPage, 'mutation', 'enrollments.enrol', { journeyId: journey.id, customerId: c.id });
      expect(result.enrolled).toBe(true);
    }
    // The journey's first step runs on the worker and gives each customer a check-in task, due now.
    await expect.poll(async () => (await stats()).due, { timeout: 30_000 }).toBe(settled.due + 3);
    const before = await stats();
    expect(before.done).toBe(settled.done);

    await opsPage.goto(`${env.product.url}/dashboards`);
    const rate = opsPage.getByTestId(`completion-rate-${rep.id}`);
    await expect.poll(() => opsPage.getByTestId(`due-count-${rep.id}`).textContent(), { timeout: 15_000 }).toBe(String(before.due));
    const rateBefore = (await rate.textContent())!;
    expect(rateBefore).toBe(percent(before.done, before.due));

    // The rep sees the three tasks among today's, each with its script filled in.
    const repContext = await env.browser.newContext({ locale: 'zh-CN', timezoneId: ZONE, permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1280, height: 1000 } });
    const page = await repContext.newPage();
    await signIn(page, env.product.url, 'rep1@demo.sopline.dev', /\/inbox$/);
    const cards = page.getByTestId('task-card').filter({ hasText: JOURNEY });
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(3);
    await cards.first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'rep-inbox-before');

    // Copy the first script: the clipboard holds exactly the script, with the customer's name filled in.
    const first = cards.first();
    const name = (await first.locator('p').first().textContent())!.trim();
    expect(chosen.map((c) => c.name)).toContain(name);
    const script = (await first.getByTestId('task-script').textContent())!;
    expect(script.startsWith(`${name}，好久不见～`)).toBe(true);
    expect(script).not.toContain('{{');
    await first.getByRole('button', { name: '复制话术' }).click();
    await page.getByText('已复制').first().waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(script);

    // Done, with the outcome "replied".
    await first.getByRole('button', { name: '完成', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('已回复').click();
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByText(`已完成：${name}`).waitFor();
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);

    // Bulk-complete the other two.
    await cards.nth(0).getByRole('checkbox', { name: '选择' }).check();
    await cards.nth(1).getByRole('checkbox', { name: '选择' }).check();
    await page.getByRole('button', { name: '批量完成 2 个' }).click();
    await page.getByRole('dialog').getByText('已回复').click();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('已完成 2 个任务').waitFor();
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(0);
    // The done tab lists the three with what the rep recorded.
    await page.getByRole('tab', { name: /已完成/ }).click();
    const done = page.getByTestId('task-card').filter({ hasText: JOURNEY });
    await expect.poll(() => done.count(), { timeout: 10_000 }).toBe(3);
    await done.filter({ hasText: name }).getByText('已完成 · 已回复').waitFor();
    await done.first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'rep-inbox-after');
    await repContext.close();

    // Ops: three more of the same due tasks done; the rate rises by 3 / due.
    const after = await stats();
    expect(after).toMatchObject({ due: before.due, done: before.done + 3 });
    expect(after.completionRate! - before.completionRate!).toBeCloseTo(3 / before.due, 10);
    await opsPage.reload();
    await expect.poll(() => opsPage.getByTestId(`done-count-${rep.id}`).textContent(), { timeout: 15_000 }).toBe(String(before.done + 3));
    const rateAfter = (await rate.textContent())!;
    expect(rateAfter).toBe(percent(before.done + 3, before.due));
    expect(Number.parseFloat(rateAfter)).toBeGreaterThan(Number.parseFloat(rateBefore));
    await opsPage.getByTestId('chart-reps').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(opsPage, 'ops-dashboard-after');
    await ops.close();
  });

  it('sends a sales rep who opens a page for ops managers by its address to the inbox, saying why', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: ZONE });
    const page = await context.newPage();
    await signIn(page, env.product.url, 'rep2@demo.sopline.dev', /\/inbox$/);
    for (const path of ['/journeys', '/dashboards', '/channel-codes', '/journeys/not-a-journey']) {
      await page.goto(`${env.product.url}${path}`);
      await page.waitForURL(/\/inbox$/);
      await page.getByTestId('ops-only-notice').getByText('该页面供运营经理使用，已为你打开今日待办。').waitFor();
      await page.getByRole('heading', { name: '今日待办' }).waitFor();
      // No dead end: neither the refused calls nor the ops' buttons.
      expect(await page.getByText('你的角色无权执行此操作').count()).toBe(0);
      expect(await page.getByRole('button', { name: '新建旅程' }).count()).toBe(0);
    }
    await screenshot(page, 'rep-ops-only-zh');
    await page.getByTestId('ops-only-notice').getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('ops-only-notice').waitFor({ state: 'detached' });
    await context.close();

    const phone = await env.browser.newContext({ locale: 'en', timezoneId: ZONE, viewport: { width: 390, height: 844 } });
    const enPage = await phone.newPage();
    await enPage.addInitScript(() => localStorage.setItem('sopline.lang', 'en'));
    await enPage.goto(`${env.product.url}/login`);
    await enPage.getByLabel('E-mail').fill('rep1@demo.sopline.dev');
    await enPage.getByLabel('Password').fill('sopline-demo');
    await enPage.getByRole('button', { name: 'Sign in' }).click();
    await enPage.waitForURL(/\/inbox$/);
    await enPage.goto(`${env.product.url}/dashboards`);
    await enPage.waitForURL(/\/inbox$/);
    await enPage.getByTestId('ops-only-notice').getByText('That page is for ops managers. Here are your tasks.').waitFor();
    await screenshot(enPage, 'rep-ops-only-phone-en');
    await phone.close();
  });
});
