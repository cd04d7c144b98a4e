import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

async function fillSetup(page: Page, who: { brand: string; name: string; email: string }) {
  await page.getByLabel('品牌 / 工作区名称').fill(who.brand);
  await page.getByLabel('你的姓名').fill(who.name);
  await page.getByLabel('邮箱（用于登录）').fill(who.email);
  await page.getByLabel(/^密码\s*\*?$/).fill('tea-leaves-2026');
  await page.getByLabel('再次输入密码').fill('tea-leaves-2026');
}

/** Signs in on the Chinese sign-in page; an admin lands on the journeys list. */
async function signIn(page: Page, productUrl: string, who: { email: string; password: string }) {
  await page.goto(`${productUrl}/login`);
  await page.getByLabel('邮箱').fill(who.email);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/journeys$/);
}

describe('setting up an empty install (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll }, { seed: false });
  /** The admin the first test's winning browser created. */
  let firstAdmin = { email: '', password: 'tea-leaves-2026' };


  it('leads every page to setup; the owner sets up and is signed in; a second browser is sent to sign in', async () => {
    const owner = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const rival = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    const page = await owner.newPage();
    const other = await rival.newPage();

    // An English browser gets the same page in English.
    const english = await env.browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
    const en = await english.newPage();
    await en.goto(`${env.product.url}/login`);
    await en.waitForURL(/\/setup$/);
    await en.getByRole('heading', { name: 'Set up Sopline' }).waitFor();
    expect(await en.getByTestId('setup-timezone').inputValue()).toMatch(/^Central European.* · Europe\/Berlin$/);
    await en.getByText('At least 10 characters').waitFor();
    await screenshot(en, 'setup-en');
    await english.close();

    await page.goto(`${env.product.url}/customers`);
    await page.waitForURL(/\/setup$/);
    await page.getByRole('heading', { name: '设置 Sopline' }).waitFor();
    // The zone defaults to the browser's, and the rules of a password are said before anyone types.
    expect(await page.getByTestId('setup-timezone').inputValue()).toMatch(/^中国.* · Asia\/Shanghai/);
    await page.getByText('至少 10 个字符').waitFor();

    // Mistakes are named field by field, in Chinese, and nothing is created.
    await page.getByRole('button', { name: '创建工作区' }).click();
    expect(await page.getByText('请填写此项').count()).toBeGreaterThanOrEqual(2);
    await fillSetup(page, { brand: '鹿鸣茶饮', name: '周店长', email: 'owner@lumi.cn' });
    await page.getByLabel('再次输入密码').fill('tea-leaves-2025');
    await page.getByRole('button', { name: '创建工作区' }).click();
    await page.getByText('两次输入的密码不一致').waitFor();
    await page.getByLabel(/^密码\s*\*?$/).fill('1234567890');
    await page.getByLabel('再次输入密码').fill('1234567890');
    await page.getByRole('button', { name: '创建工作区' }).click();
    await page.getByText('密码不能是连续的按键或字母').waitFor();
    await screenshot(page, 'setup-errors-zh');

    // Both browsers are on the setup page when the owner submits; the rival submits a moment later.
    await other.goto(`${env.product.url}/`);
    await other.waitForURL(/\/setup$/);
    await fillSetup(other, { brand: '别家品牌', name: '路人', email: 'rival@lumi.cn' });
    await fillSetup(page, { brand: '鹿鸣茶饮', name: '周店长', email: 'owner@lumi.cn' });
    await Promise.all([page.getByRole('button', { name: '创建工作区' }).click(), other.getByRole('button', { name: '创建工作区' }).click()]);

    const landed = await Promise.all([
      page.waitForURL(/\/(journeys|login)$/).then(() => new URL(page.url()).pathname),
      other.waitForURL(/\/(journeys|login)$/).then(() => new URL(other.url()).pathname),
    ]);
    expect([...landed].sort()).toEqual(['/journeys', '/login']);
    const [winner, loser] = landed[0] === '/journeys' ? [page, other] : [other, page];
    firstAdmin = { ...firstAdmin, email: winner === page ? 'owner@lumi.cn' : 'rival@lumi.cn' };
    await screenshot(loser, 'setup-lost-race-zh-phone');
    await loser.getByText('工作区已经设置好，请登录。').waitFor();
    // The winner is signed in as the admin of their own workspace, with no demo anywhere.
    const me = await winner.evaluate(async () => ((await (await fetch('/trpc/auth.me')).json()) as { result: { data: unknown } }).result.data);
    expect(me).toMatchObject({ user: { role: 'admin', email: winner === page ? 'owner@lumi.cn' : 'rival@lumi.cn' }, workspace: { name: winner === page ? '鹿鸣茶饮' : '别家品牌', timezone: 'Asia/Shanghai', isDemo: false } });
    await winner.getByRole('heading', { name: '旅程' }).waitFor();
    expect(await winner.getByTestId('demo-badge').count()).toBe(0);
    await screenshot(winner, 'setup-done-zh');

    // The sign-in page no longer offers the demo's logins, and /setup leads to it.
    await loser.goto(`${env.product.url}/setup`);
    await loser.waitForURL(/\/login$/);
    expect(await loser.getByTestId('demo-logins').count()).toBe(0);
    await owner.close();
    await rival.close();
  });

  it('the owner invites a rep by link; the rep joins from a phone and lands in their inbox; a used link says so', async () => {
    const admin = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await admin.newPage();
    await signIn(page, env.product.url, firstAdmin);
    await page.goto(`${env.product.url}/settings?tab=team`);
    await page.getByTestId('invitations-empty').waitFor();
    await page.getByRole('button', { name: '邀请成员' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('邮箱').fill('rep@lumi.cn');
    await dialog.getByRole('button', { name: '生成邀请链接' }).click();
    const link = (await dialog.getByTestId('invite-url').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${env.product.url}/invite/[\\w-]{43}$`));
    await dialog.getByText('「销售」').waitFor();
    await screenshot(page, 'invite-link-zh');
    await dialog.getByRole('button', { name: '完成' }).click();
    await page.getByTestId('invitation-row').filter({ hasText: 'rep@lumi.cn' }).waitFor();

    const phone = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    const rep = await phone.newPage();
    await rep.goto(link);
    await rep.getByRole('heading', { name: /^加入「/ }).waitFor();
    await rep.getByText('以「销售」身份加入').waitFor();
    await rep.getByLabel('你的姓名').fill('小林');
    await rep.getByLabel('设置密码').fill('rep-password-2026');
    await rep.getByLabel('再次输入密码').fill('rep-password-2026');
    await screenshot(rep, 'invite-accept-zh-phone');
    await rep.getByRole('button', { name: '加入' }).click();
    await rep.waitForURL(/\/inbox$/);
    await screenshot(rep, 'invite-accepted-inbox-zh-phone');

    // The invitation is used up: the admin's list is empty again and the rep is on the team.
    await page.reload();
    await page.getByTestId('invitations-empty').waitFor();
    await page.getByTestId('team-row').filter({ hasText: 'rep@lumi.cn' }).waitFor();
    const again = await env.browser.newContext({ locale: 'en-US' });
    const used = await again.newPage();
    await used.goto(link);
    await used.getByTestId('invite-closed').getByText('This invitation has already been used').waitFor();
    await screenshot(used, 'invite-used-en');
    await again.close();
    await phone.close();
    await admin.close();
  });

  it('the checklist leads the owner to import a GBK CSV of 500 customers: mapping, preview, dry run 497/3, import, report', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, env.product.url, firstAdmin);
    const step = (name: string) => page.locator(`[data-testid="onboarding-step"][data-step="${name}"]`);
    await page.getByRole('heading', { name: '第一天' }).waitFor();
    // The rep was invited and joined in the test before: that step ticked itself.
    expect(await step('inviteReps').getAttribute('data-done')).toBe('true');
    expect(await step('importCustomers').getAttribute('data-done')).toBe('false');
    await screenshot(page, 'onboarding-zh');
    await step('importCustomers').getByRole('link', { name: '去完成' }).click();
    await page.waitForURL(/\/imports\?kind=customers$/);

    // What Excel saves on Chinese Windows: GBK, CRLF, Chinese headers, a quoted cell with a comma;
    // the rep who joined is named as the owner of every tenth customer.
    const lines = ['姓名,手机号码,客户阶段,标签,负责人,城市'];
    for (let i = 0; i < 500; i += 1) {
      const stage = ['未付费', '已付费', 'repeat', 'Paid'][i % 4];
      lines.push(`客户${i},139${String(i).padStart(8, '0')},${stage},小红书|门店,${i % 10 === 0 ? '小林' : ''},"杭州, 西湖"`);
    }
    lines[101] = '坏阶段,13911111111,VIP客户,,,';
    lines[202] = '坏负责人,13922222222,未付费,,不存在的人,';
    lines[303] = '没有手机,,未付费,,,';
    const gbk = iconv.encode(lines.join('\r\n'), 'gbk');
    await page.locator('input[type="file"]').setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: gbk });
    await page.getByTestId('upload').click();
    await page.waitForURL(/\/imports\/[\w-]+$/);
    const jobUrl = page.url();

    // The mapping is guessed from the Chinese headers; the first rows are checked cell by cell.
    await page.getByTestId('mapping').waitFor();
    expect(await page.getByTestId('map-0').inputValue()).toBe('姓名');
    expect(await page.getByTestId('map-1').inputValue()).toBe('手机号');
    expect(await page.getByTestId('map-4').inputValue()).toBe('负责人（邮箱或姓名）');
    expect(await page.getByTestId('map-5').inputValue()).toBe('新建属性「城市」（文本）');
    await page.getByTestId('import-preview').getByText('杭州, 西湖').first().waitFor();
    await screenshot(page, 'import-mapping-zh');

    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-run-result').getByText('试导入结果：500 行中，新建 497 位，更新 0 位，3 行无法导入').waitFor({ timeout: 60_000 });
    const refused = await page.getByTestId('import-rejects').locator('tbody tr').allTextContents();
    expect(refused.map((r) => r.match(/^\d+/)?.[0])).toEqual(['102', '203', '304']);
    expect(refused[0]).toContain('没有「VIP客户」这个阶段');
    expect(refused[1]).toContain('不存在的人');
    await screenshot(page, 'import-dry-run-zh');
    // Nothing is written by the dry run.
    const count = () => page.evaluate(async () => ((await (await fetch('/trpc/customers.search')).json()) as { result: { data: { total: number } } }).result.data.total);
    expect(await count()).toBe(0);

    await page.getByTestId('start-import').click();
    await page.locator('[data-testid="import-progress"], [data-testid="import-result"]').first().waitFor();
    // The import is a background job: a reload finds it where it is.
    await page.reload();
    await page.getByTestId('import-result').getByText('导入完成：新建 497 位，更新 0 位，3 行未导入').waitFor({ timeout: 60_000 });
    expect(page.url()).toBe(jobUrl);
    await screenshot(page, 'import-gbk-result-zh');
    const download = page.waitForEvent('download');
    await page.getByTestId('download-report').click();
    const report = iconv.decode(await readFile((await (await download).path())!), 'utf8');
    const reportRows = report.split('\r\n').filter((l) => l !== '');
    expect(reportRows[0]).toBe('行号,问题,姓名,手机号码,客户阶段,标签,负责人,城市');
    expect(reportRows.slice(1).map((r) => r.split(',')[0])).toEqual(['102', '203', '304']);

    expect(await count()).toBe(497);
    const found = await page.evaluate(async () => ((await (await fetch('/trpc/customers.search?input=' + encodeURIComponent(JSON.stringify({ q: '客户70' })))).json()) as { result: { data: { items: Array<{ name: string; stage: string; owner: { name: string } | null }> } } }).result.data.items);
    expect(found.find((c) => c.name === '客户70')).toMatchObject({ stage: 'repeat', owner: { name: '小林' } });
    await page.goto(`${env.product.url}/journeys`);
    await expect.poll(() => step('importCustomers').getAttribute('data-done')).toBe('true');

    // Then their orders, from the same checklist: purchase events, once per order id.
    await step('importOrders').getByRole('link', { name: '去完成' }).click();
    await page.waitForURL(/\/imports\?kind=orders$/);
    const orders = ['订单号,手机号,实付金额,商品名称,下单时间', 'SO-1,13900000001,199,面霜,2026-11-03 14:20', 'SO-2,13900000002,89,洁面,2026-11-04 10:00', 'SO-3,13900000003,abc,面膜,'].join('\r\n');
    await page.locator('input[type="file"]').setInputFiles({ name: '订单.csv', mimeType: 'text/csv', buffer: Buffer.from(orders) });
    await page.getByTestId('upload').click();
    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-run-result').getByText('试导入结果：3 行中，新订单 2 个，已导入过 0 个，1 行无法导入').waitFor();
    await page.getByTestId('start-import').click();
    await page.getByTestId('import-result').getByText('导入完成：新订单 2 个，已存在 0 个，1 行未导入').waitFor();
    await screenshot(page, 'import-orders-zh');
    await page.goto(`${env.product.url}/journeys`);
    await expect.poll(() => step('importOrders').getAttribute('data-done')).toBe('true');
    await context.close();
  });

  it('the owner publishes a journey from a template; the rep sees the tasks it gives them', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, env.product.url, firstAdmin);
    const step = (name: string) => page.locator(`[data-testid="onboarding-step"][data-step="${name}"]`);
    await step('publishJourney').getByRole('link', { name: '去完成' }).click();
    await page.getByTestId('template-card-dormant-win-back').click();
    await page.getByTestId('create-journey').click();
    await page.waitForURL(/\/journeys\/[\w-]+$/);
    await page.getByTestId('publish-button').click();
    await page.getByTestId('publish-notes').fill('第一条旅程');
    await screenshot(page, 'first-journey-publish-zh');
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('journey-status').textContent(), { timeout: 15_000 }).toContain('运行中');

    // Three of the rep's imported customers go dormant: the journey's first step is the rep's check-in.
    const tagged = await page.evaluate(async () => {
      const list = (await (await fetch('/trpc/customers.search?input=' + encodeURIComponent(JSON.stringify({ q: '客户1', limit: 50 })))).json()) as { result: { data: { items: Array<{ id: string; name: string; owner: { name: string } | null }> } } };
      const theirs = list.result.data.items.filter((c) => c.owner?.name === '小林').slice(0, 3);
      for (const c of theirs) {
        const res = await fetch('/trpc/tags.add', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerId: c.id, tags: ['沉睡'] }) });
        if (!res.ok) throw new Error(`tags.add ${res.status}`);
      }
      return theirs.map((c) => c.name);
    });
    expect(tagged).toHaveLength(3);

    const phone = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    const rep = await phone.newPage();
    await rep.goto(`${env.product.url}/login`);
    await rep.getByLabel('邮箱').fill('rep@lumi.cn');
    await rep.getByLabel('密码').fill('rep-password-2026');
    await rep.getByRole('button', { name: '登录' }).click();
    await rep.waitForURL(/\/inbox$/);
    await expect.poll(async () => {
      await rep.reload();
      await rep.getByRole('heading').first().waitFor();
      return rep.getByTestId('task-card').count();
    }, { timeout: 60_000, interval: 1000 }).toBe(3);
    for (const name of tagged) await rep.getByTestId('task-card').filter({ hasText: name }).first().waitFor();
    await screenshot(rep, 'rep-first-tasks-zh-phone');
    await phone.close();
    // The last step of the first day ticks itself, and the checklist is gone.
    await page.goto(`${env.product.url}/journeys`);
    await expect.poll(() => page.getByTestId('onboarding').count(), { timeout: 30_000 }).toBe(0);
    await context.close();
  });

  it('the owner renames and adds lifecycle stages in Settings, and they stay', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, env.product.url, firstAdmin);
    await page.goto(`${env.product.url}/settings?tab=workspace`);
    const paid = page.locator('[data-testid="stage-row"][data-code="paid"]');
    await paid.getByLabel('中文名称').fill('已成交');
    await page.getByRole('button', { name: '添加阶段' }).click();
    const added = page.getByTestId('stage-row').last();
    await added.getByLabel('中文名称').fill('试用');
    await added.getByLabel('英文名称').fill('Trial');
    await added.getByLabel('代码').fill('Trial');
    await page.getByRole('button', { name: '保存阶段' }).click();
    await page.getByText('阶段已保存').waitFor();
    await screenshot(page, 'settings-stages-zh');
    await page.reload();
    await page.locator('[data-testid="stage-row"][data-code="trial"]').waitFor();
    expect(await page.locator('[data-testid="stage-row"][data-code="paid"]').getByLabel('中文名称').inputValue()).toBe('已成交');
    const stages = await page.evaluate(async () => ((await (await fetch('/trpc/stages.list')).json()) as { result: { data: Array<{ code: string }> } }).result.data.map((s) => s.code));
    expect(stages).toEqual(['unpaid', 'paid', 'repeat', 'advocate', 'trial']);

    // The customer properties: birthday is built in; the import declared 城市, the template none more.
    await page.locator('[data-testid="property-row"][data-key="birthday"]').getByText('内置').waitFor();
    const city = page.locator('[data-testid="property-row"][data-key="城市"]');
    await city.getByLabel('英文名称').fill('City');
    await page.getByRole('button', { name: '保存属性' }).click();
    await page.getByText('属性已保存').waitFor();
    await page.getByTestId('properties-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-properties-zh');
    const properties = await page.evaluate(async () => ((await (await fetch('/trpc/properties.list')).json()) as { result: { data: Array<{ key: string; type: string; label: { en: string } }> } }).result.data);
    expect(properties.map((p) => [p.key, p.type, p.label.en])).toEqual([
      ['birthday', 'date', 'Birthday'],
      ['城市', 'text', 'City'],
    ]);
    await context.close();
  });

  it('an admin starts a second workspace from the header, works there, and switches back', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, env.product.url, firstAdmin);
    const first = (await page.getByTestId('workspace-switcher').textContent())!.trim();

    await page.getByTestId('workspace-switcher').click();
    await page.getByRole('menuitem', { name: '新建工作区' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('品牌 / 工作区名称').fill('第二品牌');
    await dialog.getByRole('button', { name: '创建并切换' }).click();
    await expect.poll(async () => (await page.getByTestId('workspace-switcher').textContent())?.trim()).toBe('第二品牌');
    await page.getByText('还没有旅程').waitFor();
    const me = await page.evaluate(async () => ((await (await fetch('/trpc/auth.me')).json()) as { result: { data: { user: { role: string }; workspace: { name: string } } } }).result.data);
    expect(me).toMatchObject({ user: { role: 'admin' }, workspace: { name: '第二品牌' } });

    // Only the current workspace's data shows: the rep invited in the first one is not on this team.
    await page.goto(`${env.product.url}/settings?tab=team`);
    await page.getByTestId('team-row').first().waitFor();
    expect(await page.getByTestId('team-row').filter({ hasText: 'rep@lumi.cn' }).count()).toBe(0);

    await page.getByTestId('workspace-switcher').click();
    await screenshot(page, 'workspace-switcher-zh');
    await page.getByTestId('workspace-option').filter({ hasText: first }).click();
    await expect.poll(async () => (await page.getByTestId('workspace-switcher').textContent())?.trim()).toBe(first);
    await page.goto(`${env.product.url}/settings?tab=team`);
    await page.getByTestId('team-row').filter({ hasText: 'rep@lumi.cn' }).waitFor();
    await context.close();
  });
});
