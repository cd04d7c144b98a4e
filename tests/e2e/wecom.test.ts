import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@sopline/server';
import { productAndBrowser, screenshot } from '../support/browser.ts';
import { WeComSimulator } from '../support/wecom-simulator.ts';

async function signIn(page: Page, url: string, email: string, landing: RegExp) {
  await page.goto(`${url}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(landing);
}

// The demo workspace connected to a local WeCom: the admin sets it up in the browser, WeCom checks
// the callback URL, a rep is mapped to their WeCom account, and a customer who adds that rep in
// WeCom lands in the rep's inbox through the demo's live welcome journey (real Temporal).
describe('WeCom in the browser (real Chromium, real server, the WeCom simulator)', () => {
  const sim = new WeComSimulator();
  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });
  const env = productAndBrowser({ beforeAll, afterAll }, { env: () => ({ WECOM_API_BASE: sim.base, WECOM_OAUTH_BASE: sim.base }) });

  it('before WeCom is connected, channel codes tell an ops manager whom to ask, and an admin where to go', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const ops = await context.newPage();
    await signIn(ops, env.product.url, 'ops@demo.sopline.dev', /\/journeys$/);
    await ops.goto(`${env.product.url}/channel-codes`);
    await ops.getByTestId('codes-needs-wecom').getByText('请管理员在「设置 → 企业微信」中连接').waitFor();
    expect(await ops.getByRole('link', { name: '前往企业微信设置' }).count()).toBe(0);
    expect(await ops.getByTestId('code-new').isDisabled()).toBe(true);
    await context.close();
    const adminContext = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const admin = await adminContext.newPage();
    await signIn(admin, env.product.url, 'admin@demo.sopline.dev', /\/journeys$/);
    await admin.goto(`${env.product.url}/channel-codes`);
    await admin.getByRole('link', { name: '前往企业微信设置' }).click();
    await admin.waitForURL(/\/settings\?tab=wecom$/);
    await adminContext.close();
  });

  it('the admin connects WeCom, WeCom verifies the URL, the test passes and a rep is mapped', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, env.product.url, 'admin@demo.sopline.dev', /\/journeys$/);
    await page.goto(`${env.product.url}/settings?tab=wecom`);
    await page.getByRole('heading', { name: '企业微信' }).waitFor();
    await page.getByTestId('wecom-state').getByText('未连接').waitFor();

    // Missing and malformed values are named at the field, in Chinese.
    await page.getByTestId('wecom-save').click();
    await page.getByText('必填').waitFor();
    await page.getByTestId('wecom-corpId').fill(sim.corpId);
    await page.getByTestId('wecom-contactSecret').fill(sim.contactSecret);
    await page.getByTestId('wecom-token').fill(sim.token);
    await page.getByTestId('wecom-encodingAesKey').fill('too-short');
    await page.getByTestId('wecom-save').click();
    await page.getByText('EncodingAESKey 是 43 位的字母和数字').waitFor();
    await screenshot(page, 'wecom-settings-error-zh');

    await page.getByTestId('wecom-encodingAesKey').fill(sim.encodingAesKey);
    await page.getByTestId('wecom-agentId').fill(sim.agentId);
    await page.getByTestId('wecom-agentSecret').fill(sim.agentSecret);
    await page.getByTestId('wecom-save').click();
    await page.getByText('企业微信设置已保存').waitFor();
    const callbackUrl = (await page.getByTestId('wecom-callback-url').textContent())!;
    expect(callbackUrl).toMatch(new RegExp(`^${env.product.url}/api/wecom/callback/[\\w-]{24}$`));
    // The app secrets never come back from the server: the form shows that one is saved and its last
    // four characters, with "replace". The callback token and key are the admin's to copy into WeCom.
    expect(await page.getByTestId('wecom-contactSecret-masked').inputValue()).toBe(`••••••••${sim.contactSecret.slice(-4)}`);
    expect(await page.getByTestId('wecom-agentSecret-masked').inputValue()).toBe(`••••••••${sim.agentSecret.slice(-4)}`);
    expect(await page.getByTestId('wecom-contactSecret').count()).toBe(0);
    const html = await page.content();
    for (const secret of [sim.contactSecret, sim.agentSecret]) expect(html).not.toContain(secret);
    expect(await page.getByTestId('wecom-encodingAesKey').inputValue()).toBe(sim.encodingAesKey);
    expect(await page.getByTestId('wecom-token').inputValue()).toBe(sim.token);
    await page.getByRole('button', { name: '复制 回调 EncodingAESKey' }).waitFor();
    // The callback URL is this server's own address: WeCom, on the internet, could never call it.
    const local = page.getByTestId('wecom-callback-local');
    await local.getByText('企业微信无法访问这个地址').waitFor();
    await local.getByText('127.0.0.1', { exact: false }).first().waitFor();
    expect(await local.textContent()).toContain('是服务器本机地址');
    expect(await local.textContent()).toContain('SOPLINE_PUBLIC_URL');
    // Replacing a secret asks for the new one, and can go back to the saved one.
    await page.getByTestId('wecom-contactSecret-replace').click();
    expect(await page.locator('[data-testid="wecom-contactSecret"]:focus').count()).toBe(1);
    expect(await page.getByTestId('wecom-contactSecret').getAttribute('placeholder')).toBe('粘贴新的 Secret');
    await screenshot(page, 'wecom-settings-replace-zh');
    await page.getByRole('button', { name: '保留已保存的' }).click();
    await page.getByTestId('wecom-contactSecret-masked').waitFor();

    sim.callbackUrl = callbackUrl;
    sim.members.add('li.guwen');
    expect((await sim.verifyUrl()).ok).toBe(true);
    await page.reload();
    await page.getByTestId('wecom-verified').getByText('回调地址已通过企业微信验证').waitFor();
    await page.getByTestId('wecom-test').click();
    await page.getByTestId('wecom-test-result').getByText('连接正常').waitFor();
    await page.getByText('可以调用客户联系接口：1 位成员可添加客户').waitFor();
    await screenshot(page, 'wecom-settings-zh');

    await page.goto(`${env.product.url}/settings?tab=team`);
    const row = page.locator('[data-testid="team-row"][data-email="rep1@demo.sopline.dev"]');
    await row.getByTestId('wecom-id').fill('li.guwen');
    await row.getByTestId('wecom-id').press('Enter');
    await page.getByText('已保存 李顾问 的企业微信账号').waitFor();
    // One WeCom account, one user: the same account on another rep is refused in words.
    const other = page.locator('[data-testid="team-row"][data-email="rep2@demo.sopline.dev"]');
    await other.getByTestId('wecom-id').fill('li.guwen');
    await other.getByTestId('wecom-id').press('Enter');
    await page.getByTestId('wecom-id-error').getByText('企业微信账号 li.guwen 已对应到 李顾问').waitFor();
    await screenshot(page, 'wecom-team-zh');

    // Quiet hours off, so the welcome task is due now whatever the hour of the run.
    await page.evaluate(async () => {
      const res = await fetch('/trpc/workspace.update', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quietStart: null, quietEnd: null }) });
      if (!res.ok) throw new Error(`workspace.update ${res.status}`);
    });
    await context.close();

    const english = await env.browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const en = await english.newPage();
    await en.goto(`${env.product.url}/login`);
    await en.getByLabel('E-mail').fill('admin@demo.sopline.dev');
    await en.getByLabel('Password').fill(DEMO_PASSWORD);
    await en.getByRole('button', { name: 'Sign in' }).click();
    await en.waitForURL(/\/journeys$/);
    await en.goto(`${env.product.url}/settings?tab=wecom`);
    await en.getByText('Connection works').waitFor();
    expect(await en.getByTestId('wecom-contactSecret-masked').inputValue()).toBe(`••••••••${sim.contactSecret.slice(-4)}`);
    await en.getByTestId('wecom-callback-local').getByText('WeCom cannot reach this address').waitFor();
    await screenshot(en, 'wecom-settings-en');
    await english.close();
  });

  it('a customer who adds the rep in WeCom arrives by themselves and gets the welcome task in the rep’s inbox', async () => {
    const vip = sim.corpTag('来源', '小红书');
    const added = await sim.addContact({ userId: 'li.guwen', contact: { name: '林小满', unionid: 'oUNION-lin', gender: 2 }, tags: [vip], state: 'xhs-1' });
    expect(added.delivery).toMatchObject({ status: 200, body: 'success' });

    const phone = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    const rep = await phone.newPage();
    await signIn(rep, env.product.url, 'rep1@demo.sopline.dev', /\/inbox$/);
    await expect
      .poll(
        async () => {
          await rep.reload();
          await rep.getByRole('heading').first().waitFor();
          return rep.getByTestId('task-card').filter({ hasText: '林小满' }).count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
    const card = rep.getByTestId('task-card').filter({ hasText: '林小满' });
    await card.getByText('发送欢迎语').waitFor();
    await screenshot(rep, 'wecom-welcome-task-zh-phone');

    // The customer's page says where they came from.
    await card.getByRole('link', { name: '林小满' }).first().click();
    await rep.getByText('从企业微信添加').first().waitFor();
    await rep.getByText('小红书').first().waitFor();
    await phone.close();
  });

  it('the admin imports the contacts members already have; the dashboard names the member nobody is linked to until they are', async () => {
    sim.members.add('wang.guwen');
    for (let i = 0; i < 30; i += 1) {
      const external = `wmE2E${String(i).padStart(3, '0')}`;
      sim.contacts.set(external, { contact: { external_userid: external, name: `老朋友${i}` }, follows: [{ userid: 'wang.guwen', createtime: 1_750_000_000 + i, tags: [] }] });
    }
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, env.product.url, 'admin@demo.sopline.dev', /\/journeys$/);
    await page.goto(`${env.product.url}/settings?tab=wecom`);
    await page.getByTestId('wecom-import-start').click();
    await page.getByTestId('wecom-import').getByText(/导入完成：新增 30 位客户，更新 1 位/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'wecom-import-done-zh');

    await page.goto(`${env.product.url}/dashboards`);
    await page.getByTestId('wecom-unmapped').getByText('wang.guwen（30 位）', { exact: false }).waitFor();
    await screenshot(page, 'wecom-unmapped-dashboard-zh');
    await page.getByRole('link', { name: '前往成员设置' }).click();
    const row = page.locator('[data-testid="team-row"][data-email="rep2@demo.sopline.dev"]');
    await row.getByTestId('wecom-id').fill('wang.guwen');
    await row.getByTestId('wecom-id').press('Enter');
    await page.getByText('并把该成员的 30 位客户分配给 王顾问').waitFor();
    await page.goto(`${env.product.url}/dashboards`);
    await page.getByRole('heading', { name: '数据看板' }).waitFor();
    await expect.poll(() => page.getByTestId('wecom-unmapped').count()).toBe(0);
    await context.close();
  });
  it('ops make a channel code, print its QR, and see who came through it', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, env.product.url, 'ops@demo.sopline.dev', /\/journeys$/);
    await page.getByRole('link', { name: '渠道活码' }).click();
    await page.getByTestId('codes-empty').waitFor();
    await page.getByTestId('code-new').click();
    // Empty required fields are named in Chinese, not by the browser's bubble.
    await page.getByTestId('code-save').click();
    await page.getByText('必填').first().waitFor();
    await page.getByTestId('code-name').fill('门店收银台');
    await page.getByTestId('code-source').fill('门店');
    await page.getByTestId('code-reps').click();
    await page.getByRole('option', { name: '李顾问' }).click();
    await page.getByTestId('code-source').click();
    await page.getByTestId('code-tags').fill('门店客');
    await page.getByTestId('code-tags').press('Enter');
    await page.getByTestId('code-save').click();
    await page.getByText('活码已创建：可以下载二维码了').waitFor();
    // The QR image comes through Sopline from WeCom and is a real picture.
    const image = page.getByTestId('code-qr-image');
    await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(100);
    const download = page.waitForEvent('download');
    await page.getByTestId('code-qr-download').click();
    // The file is a PNG named after the code. The name is in the link and the header (UTF-8); a
    // browser under a C locale (CI) cannot write it to disk and says "download", so the header is checked.
    const saved = await download;
    expect([...(await readFile((await saved.path())!)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const disposition = await page.evaluate(async (href) => (await fetch(href)).headers.get('content-disposition'), (await page.getByTestId('code-qr-download').getAttribute('href'))!);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('门店收银台.png')}`);
    await screenshot(page, 'channel-code-qr-zh');
    await page.keyboard.press('Escape');

    const [configId] = [...sim.contactWays.entries()].filter(([, way]) => way.remark === '门店收银台').map(([id]) => id);
    await sim.scan(configId!, { name: '收银台客人' });
    const row = page.getByTestId('code-row-门店收银台');
    await expect
      .poll(
        async () => {
          await page.reload();
          await row.waitFor();
          return row.getByTestId('code-added').textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('1');
    expect(await row.getByTestId('code-friends').textContent()).toBe('1');
    await page.getByTestId('codes-chart').waitFor();
    await screenshot(page, 'channel-codes-zh');
    await context.close();

    const phone = await env.browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    const en = await phone.newPage();
    await en.goto(`${env.product.url}/login`);
    await en.getByLabel('E-mail').fill('ops@demo.sopline.dev');
    await en.getByLabel('Password').fill(DEMO_PASSWORD);
    await en.getByRole('button', { name: 'Sign in' }).click();
    await en.waitForURL(/\/journeys$/);
    await en.goto(`${env.product.url}/channel-codes`);
    await en.getByRole('heading', { name: 'Channel codes' }).waitFor();
    expect(await en.getByTestId('code-row-门店收银台').getByTestId('code-added').textContent()).toBe('1');
    await screenshot(en, 'channel-codes-en-phone');
    await phone.close();
  });
  it('the rep group-sends the day’s same-script tasks through WeCom, confirms there, and the tasks close by themselves', async () => {
    // Ops publish a store journey: every customer from the store code gets the same member-day invitation.
    const ops = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const opsPage = await ops.newPage();
    await signIn(opsPage, env.product.url, 'ops@demo.sopline.dev', /\/journeys$/);
    const published = await opsPage.evaluate(async () => {
      const call = async (path: string, input: unknown) => {
        const res = await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
        const body = (await res.json()) as { result?: { data: Record<string, unknown> }; error?: unknown };
        if (!res.ok) throw new Error(`${path} ${res.status} ${JSON.stringify(body.error)}`);
        return body.result!.data;
      };
      const graph = {
        nodes: [
          { id: 'start', type: 'trigger-customer-created', config: { source: '门店' } },
          { id: 'invite', type: 'send-script', config: { title: '会员日邀约', script: '本周六会员日全场 8 折，到店报我名字再送小样～' } },
          { id: 'end', type: 'exit', config: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'invite' },
          { id: 'e2', source: 'invite', target: 'end' },
        ],
      };
      const journey = await call('journeys.create', { name: '门店会员日', graph });
      return call('journeys.publish', { id: journey.id });
    });
    expect(published).toMatchObject({ version: 1 });
    await ops.close();

    const [configId] = [...sim.contactWays.entries()].filter(([, way]) => way.remark === '门店收银台').map(([id]) => id);
    for (const [i, name] of ['会员甲', '会员乙', '会员丙'].entries()) await sim.scan(configId!, { name, unionid: `oUNION-member-${i}` });

    const phone = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    const rep = await phone.newPage();
    await signIn(rep, env.product.url, 'rep1@demo.sopline.dev', /\/inbox$/);
    const panel = rep.getByTestId('group-send-panel');
    const group = panel.getByTestId('group-send-group').filter({ hasText: '会员日全场 8 折' });
    await expect
      .poll(
        async () => {
          await rep.reload();
          await rep.getByRole('heading').first().waitFor();
          return (await group.count()) > 0 ? group.getByTestId('group-send-open').textContent() : null;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe('通过企业微信群发（3）');
    await screenshot(rep, 'wecom-group-send-panel-zh-phone');
    await group.getByTestId('group-send-open').click();
    await rep.getByTestId('group-send-count').getByText('将发给 3 位客户').waitFor();
    await screenshot(rep, 'wecom-group-send-dialog-zh-phone');
    await rep.getByTestId('group-send-confirm').click();
    await rep.getByText('已提交到企业微信').waitFor();
    await panel.getByTestId('group-send-waiting').getByText('等待你在企业微信确认 · 3 位客户').waitFor();
    const cards = rep.getByTestId('task-card').filter({ hasText: '会员日邀约' });
    expect(await cards.count()).toBe(3);
    await cards.first().getByTestId('task-group-send').getByText('等待在企业微信确认群发').waitFor();
    await screenshot(rep, 'wecom-group-send-waiting-zh-phone');

    // The rep taps "send" in WeCom; Sopline reads the result by itself and the three tasks close.
    const [msgid] = sim.waitingGroupSends('li.guwen');
    expect(sim.groupSends.get(msgid!)!.text).toBe('本周六会员日全场 8 折，到店报我名字再送小样～');
    sim.confirmGroupSend(msgid!);
    await expect.poll(() => cards.count(), { timeout: 60_000, interval: 1000 }).toBe(0);
    await rep.getByRole('tab', { name: '已完成' }).click();
    const doneCard = rep.getByTestId('task-card').filter({ hasText: '会员日邀约' }).filter({ hasText: '会员甲' });
    await doneCard.getByText('已完成 · 已发送 · 企业微信已送达').waitFor();
    await screenshot(rep, 'wecom-group-send-done-zh-phone');

    // 会员甲 buys in the shop, which knows them by WeChat unionid: the same customer, now 已付费.
    const admin = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const adminPage = await admin.newPage();
    await signIn(adminPage, env.product.url, 'admin@demo.sopline.dev', /\/journeys$/);
    const key = await adminPage.evaluate(async () => {
      const res = await fetch('/trpc/apiKeys.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '门店收银系统' }) });
      return ((await res.json()) as { result: { data: { key: string } } }).result.data.key;
    });
    await admin.close();
    const purchase = await fetch(`${env.product.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'purchase', customer: { wechat_unionid: 'oUNION-member-0' }, payload: { amount: 199, product: '会员日礼盒' } }),
    });
    expect(purchase.status, await purchase.clone().text()).toBeLessThan(300);
    await doneCard.getByRole('link', { name: '会员甲' }).first().click();
    await expect
      .poll(
        async () => {
          await rep.reload();
          await rep.getByRole('heading', { name: '会员甲' }).first().waitFor();
          return rep.getByText('已付费').count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await screenshot(rep, 'wecom-group-send-paid-zh-phone');
    await phone.close();
  });
  it('the chat sidebar in WeCom (the real JS-SDK over a stubbed WeCom app): signs the rep in, shows the chat’s customer, sends the script and closes the task', async () => {
    const lin = [...sim.contacts.values()].find((c) => c.contact.name === '林小满')!.contact.external_userid;
    sim.oauthMember = 'li.guwen';
    const sent: string[] = [];
    const context = await env.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 360, height: 740 },
      userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh',
    });
    // What the WeCom app does for a page: check agentConfig's signature against the ticket WeCom issued,
    // then answer the chat's customer and deliver messages into the chat.
    await context.exposeFunction('__wecomCheck', (p: { url: string; nonceStr: string; timestamp: string; signature: string }) => sim.checkAgentConfig(p));
    await context.exposeFunction('__wecomSend', (content: string) => void sent.push(content));
    await context.addInitScript((externalUserId: string) => {
      let configured = false;
      const w = globalThis as unknown as Record<string, unknown>;
      w.WeixinJSBridge = {
        on: () => undefined,
        invoke: (name: string, params: Record<string, unknown>, done: (r: Record<string, unknown>) => void) => {
          if (name === 'agentConfig') {
            const check = w.__wecomCheck as (p: unknown) => Promise<boolean>;
            void check({ url: (w.location as { href: string }).href.split('#')[0], nonceStr: params.nonceStr, timestamp: params.timestamp, signature: params.signature }).then((ok) => {
              configured = ok;
              done({ err_msg: ok ? 'agentConfig:ok' : 'agentConfig:fail invalid signature' });
            });
          } else if (!configured) done({ err_msg: `${name}:fail no permission` });
          else if (name === 'getCurExternalContact') done({ err_msg: 'getCurExternalContact:ok', userId: externalUserId });
          else if (name === 'sendChatMessage') {
            const send = w.__wecomSend as (c: string) => Promise<void>;
            void send(String((params.text as { content?: unknown } | undefined)?.content ?? '')).then(() => done({ err_msg: 'sendChatMessage:ok' }));
          } else done({ err_msg: `${name}:fail not simulated` });
        },
      };
    }, lin);
    const page = await context.newPage();
    await page.goto(`${env.product.url}/sidebar`);
    // Signed in by WeCom's OAuth, without a password, and back on the sidebar.
    const panel = page.getByTestId('sidebar-customer');
    await panel.getByText('林小满', { exact: true }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/sidebar');
    expect(sim.calls.some((c) => c.path === '/connect/oauth2/authorize')).toBe(true);
    await panel.getByTestId('sidebar-stage').getByText('未付费').waitFor();
    const task = panel.getByTestId('sidebar-task').filter({ hasText: '发送欢迎语' });
    await task.waitFor();
    await screenshot(page, 'wecom-sidebar-zh');
    const script = (await task.getByTestId('sidebar-script').textContent()) ?? '';
    expect(script).toContain('林小满');
    await task.getByTestId('sidebar-send').click();
    await page.getByText('已发送到聊天，任务已完成').waitFor();
    expect(sent).toEqual([script]);
    await expect.poll(() => panel.getByTestId('sidebar-task').filter({ hasText: '发送欢迎语' }).count()).toBe(0);
    await screenshot(page, 'wecom-sidebar-sent-zh');
    await context.close();

    // The same page in an ordinary browser says what is missing instead of failing.
    const plain = await env.browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 } });
    const outside = await plain.newPage();
    await outside.goto(`${env.product.url}/sidebar`);
    await outside.getByTestId('sidebar-outside').getByText('This page is not open inside the WeCom app', { exact: false }).waitFor();
    await screenshot(outside, 'wecom-sidebar-outside-en');
    await plain.close();
  });

  it('the sign-in page offers WeCom, and says in words why WeCom could not sign someone in', async () => {
    sim.oauthMember = 'wang.guwen';
    sim.members.add('zhou.unlinked');
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${env.product.url}/login`);
    await page.getByTestId('wecom-signin').click();
    await page.waitForURL(/\/journeys$|\/inbox$/);
    await page.getByText('王顾问').first().waitFor();
    await context.close();

    sim.oauthMember = 'zhou.unlinked';
    const again = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const refused = await again.newPage();
    await refused.goto(`${env.product.url}/login`);
    await refused.getByTestId('wecom-signin').click();
    await refused.getByTestId('wecom-refused').getByText('你的企业微信账号还没有关联到 Sopline 的用户').waitFor();
    await screenshot(refused, 'wecom-signin-refused-zh');
    await again.close();
  });
  it('the admin sends digests and reminders to each rep’s own WeCom: a manager’s reminder arrives as a card that opens the inbox', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, env.product.url, 'admin@demo.sopline.dev', /\/journeys$/);
    await page.goto(`${env.product.url}/settings?tab=notifications`);
    await page.getByTestId('channel-choice').getByText('企业微信应用消息').click();
    await page.getByTestId('wecom-app-help').waitFor();
    expect(await page.getByTestId('webhook-url').count()).toBe(0);
    // App messages need no address, so choosing them turns sending on.
    expect(await page.getByTestId('notifications-enabled').isChecked()).toBe(true);
    await page.getByRole('button', { name: '保存', exact: true }).first().click();
    await page.getByText('通知设置已保存').waitFor();
    await screenshot(page, 'wecom-app-channel-zh');

    const before = sim.appMessages.length;
    await page.goto(`${env.product.url}/dashboards`);
    await page.getByRole('button', { name: '提醒 李顾问' }).click();
    await expect.poll(() => sim.appMessages.length, { timeout: 15_000 }).toBe(before + 1);
    const card = sim.appMessages.at(-1)!;
    expect(card).toMatchObject({ touser: ['li.guwen'], msgtype: 'textcard' });
    expect(card.textcard!.title).toContain('李顾问');
    expect(card.textcard!.url).toMatch(/\/inbox$/);
    await context.close();
  });

  it('a failed test connection says in the admin’s language what failed and how to fix it; the technical words are folded away', async () => {
    for (const [locale, words] of [
      ['zh-CN', { ip: '企业微信看到的来源 IP 是 127.0.0.1', cut: '连接被中断', details: '技术详情', failed: '有需要修正的地方' }],
      ['en-US', { ip: 'WeCom saw the call come from 127.0.0.1', cut: 'was cut off', details: 'Technical details', failed: 'Something needs fixing' }],
    ] as const) {
      const context = await env.browser.newContext({ locale, timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const zh = locale === 'zh-CN';
      await page.goto(`${env.product.url}/login`);
      await page.getByLabel(zh ? '邮箱' : 'E-mail').fill('admin@demo.sopline.dev');
      await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: zh ? '登录' : 'Sign in' }).click();
      await page.waitForURL(/\/journeys$/);
      await page.goto(`${env.product.url}/settings?tab=wecom`);
      const result = page.getByTestId('wecom-test-result');

      // WeCom's 60020, named with its fix and the IP to trust.
      sim.ipTrusted = false;
      await page.getByTestId('wecom-test').click();
      await result.getByText(words.ip, { exact: false }).first().waitFor();
      await result.getByText('企业可信IP', { exact: false }).first().waitFor();
      const detail = result.getByTestId('wecom-detail').first();
      expect(await detail.locator('pre').isVisible()).toBe(false);
      await detail.getByText(words.details).click();
      expect(await detail.locator('pre').textContent()).toMatch(/^gettoken: errcode 60020 not allow to access from your ip/);
      await screenshot(page, `wecom-test-60020-${zh ? 'zh' : 'en'}`);
      sim.ipTrusted = true;

      // The network cuts the connection: words and the fix, Node's words only under the details.
      sim.network = 'reset';
      try {
        await page.getByTestId('wecom-test').click();
        await result.getByText(words.cut, { exact: false }).first().waitFor({ timeout: 30_000 });
      } finally {
        sim.network = 'ok';
      }
      await result.getByText(words.failed).waitFor();
      const shown = await result.innerText();
      expect(shown).not.toMatch(/other side closed|ECONNRESET|UND_ERR|fetch failed/);
      // No English words on a Chinese screen (the names of settings and the product excepted).
      if (zh) expect(shown.replace(/WECOM_API_BASE|API|Secret|Sopline|127\.0\.0\.1:\d+/g, '')).not.toMatch(/[A-Za-z]{3,}/);
      await result.getByTestId('wecom-detail').first().getByText(words.details).click();
      expect(await result.getByTestId('wecom-detail').first().locator('pre').textContent()).toMatch(/^gettoken: .*(other side closed|ECONNRESET|UND_ERR_SOCKET)/);
      await screenshot(page, `wecom-test-network-${zh ? 'zh' : 'en'}`);
      await context.close();
    }
    // The connection works again for whoever runs after.
    expect(sim.network).toBe('ok');
  });
});
