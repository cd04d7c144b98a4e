import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot } from '../support/browser.ts';

describe('journey templates (real Chromium against the real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('creates a birthday-care journey from its template in Chinese, with settings, and publishes it', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1250 } });
    const page = await context.newPage();
    await page.goto(`${env.product.url}/login`);
    await page.getByLabel('邮箱').fill('ops@demo.sopline.dev');
    await page.getByLabel('密码').fill('sopline-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/journeys$/);

    await page.getByRole('button', { name: '新建旅程' }).first().click();
    const dialog = page.getByTestId('new-journey-dialog');
    // Blank plus the six templates, as cards with their stages.
    await expect.poll(() => page.locator('[data-testid^="template-card-"]').count()).toBe(7);
    expect(await page.getByTestId('template-stages-retail-lifecycle').textContent()).toBe('未付费 → 已付费 → 复购 → KOC 推荐官');
    expect(await page.getByTestId('template-stages-b2b-long-cycle').textContent()).toBe('咨询 → 感兴趣 → 考虑 → 付费');

    await page.getByTestId('template-card-birthday-care').click();
    expect(await page.getByTestId('template-card-birthday-care').getAttribute('aria-checked')).toBe('true');
    expect(await dialog.getByLabel('名称').inputValue()).toBe('生日关怀');
    const property = page.getByTestId('template-param-property');
    const daysBefore = page.getByTestId('template-param-daysBefore');
    // The date property is picked from the workspace's date properties, by label.
    expect(await property.inputValue()).toBe('生日');
    expect(await daysBefore.inputValue()).toBe('3');

    // A number beyond the range is brought back into it; empty fields are refused under the field,
    // in Chinese, before anything is sent.
    await daysBefore.fill('30');
    await daysBefore.blur();
    expect(await daysBefore.inputValue()).toBe('14');
    await daysBefore.fill('');
    await page.getByTestId('create-journey').click();
    await dialog.getByText('「提前几天预告生日礼」须为 1–14 之间的整数').waitFor();
    expect(page.url()).toMatch(/\/journeys$/);
    await daysBefore.fill('5');
    await property.click();
    await page.getByRole('option', { name: '生日' }).click();
    await dialog.getByLabel('名称').fill('生日关怀 E2E');
    await expect.poll(() => dialog.getByText('须为 1–14 之间的整数').count()).toBe(0);
    expect(await page.getByTestId('template-preview').textContent()).toBe('生日前 5 天 10:00 发预告，生日当天 9:30 发祝福，按客户所在时区；没有生日的客户直接离开。');
    await screenshot(page, 'templates-zh');

    await page.getByTestId('create-journey').click();
    await page.waitForURL(/\/journeys\/[\w-]+$/);
    const journeyId = page.url().split('/').pop()!;

    // The designer opens on the template's journey, written in Chinese with the chosen settings.
    await page.getByTestId('node-wait-heads-up').waitFor();
    expect(await page.getByTestId('node-wait-heads-up').textContent()).toContain('生日前 5 天');
    expect(await page.getByTestId('node-wishes-vip').textContent()).toContain('生日祝福');
    expect(await page.getByTestId('journey-name').textContent()).toContain('生日关怀 E2E');

    await page.getByTestId('publish-button').click();
    await page.getByTestId('publish-notes').fill('生日关怀第一版');
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('journey-status').textContent(), { timeout: 15_000 }).toContain('运行中');
    await screenshot(page, 'templates-designer-zh');

    // The published version holds the Chinese scripts and the date-property waits the dialog asked for.
    const version = await page.evaluate(async (id) => {
      const res = await fetch(`/trpc/journeys.versions?input=${encodeURIComponent(JSON.stringify({ id }))}`);
      return (await res.json()) as { result: { data: Array<{ id: string; version: number }> } };
    }, journeyId);
    const [first] = version.result.data;
    expect(first!.version).toBe(1);
    const stored = await page.evaluate(
      async ({ id, versionId }) => {
        const res = await fetch(`/trpc/journeys.version?input=${encodeURIComponent(JSON.stringify({ id, versionId }))}`);
        return (await res.json()) as { result: { data: { graph: { nodes: Array<{ id: string; config: Record<string, unknown> }> } } } };
      },
      { id: journeyId, versionId: first!.id },
    );
    const nodes = stored.result.data.graph.nodes;
    expect(nodes.find((n) => n.id === 'wait-heads-up')!.config).toMatchObject({ mode: 'date-property', property: 'birthday', offsetDays: -5, time: '10:00', yearly: true });
    expect(String(nodes.find((n) => n.id === 'wishes')!.config.script)).toMatch(/^\{\{customer\.name\}\}，生日快乐！/);

    // In English, the same dialog offers the templates in English and writes the journey in English.
    await page.goto(`${env.product.url}/journeys`);
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'New journey' }).first().click();
    await page.getByTestId('template-card-repurchase-revisit').click();
    expect(await page.getByTestId('new-journey-dialog').getByLabel('Name').inputValue()).toBe('Repurchase-cycle revisit');
    await page.getByTestId('template-param-cycleDays').fill('60');
    await page.getByTestId('template-param-fraction').fill('0.5');
    await expect.poll(() => page.getByTestId('template-preview').textContent()).toContain('Revisit on day 30 after each purchase; no new order by day 67');
    await screenshot(page, 'templates-en');
    await page.getByTestId('create-journey').click();
    await page.waitForURL(/\/journeys\/[\w-]+$/);
    await page.getByTestId('node-wait-cycle').waitFor();
    expect(await page.getByTestId('node-wait-cycle').textContent()).toContain('Buys again within 30 days? (50% of a 60-day cycle)');
    expect(await page.getByTestId('node-revisit').textContent()).toContain('Repurchase revisit');
    await context.close();
  });
});
