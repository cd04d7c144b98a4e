import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot, trpcCall as call, signedInAsOps } from '../support/browser.ts';

type Box = { x: number; y: number; width: number; height: number };
type GraphNode = { id: string; type: string; config: Record<string, unknown>; position: { x: number; y: number }; label?: string };
type Journey = { id: string; revision: number; updatedAt: string; graph: { nodes: GraphNode[]; edges: unknown[] } };


const fromTemplate = (page: Page, name: string, template = 'welcome-series', locale: 'zh-CN' | 'en' = 'zh-CN') =>
  call<{ id: string }>(page, 'mutation', 'journeys.create', { name, template: { id: template, locale } });
const journeyOf = (page: Page, id: string) => call<Journey>(page, 'query', 'journeys.get', { id });

async function openEditor(page: Page, url: string, id: string) {
  await page.goto(`${url}/journeys/${id}`);
  await page.getByTestId('canvas').waitFor();
  await page.locator('.react-flow__node').first().waitFor();
  // The opening fit animates nothing, but React Flow measures nodes over a frame or two.
  await page.waitForTimeout(300);
}

const boxOf = async (locator: Locator): Promise<Box> => (await locator.boundingBox())!;
const inside = (inner: Box, outer: Box) => inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The React Flow viewport's zoom, read from its transform. */
async function zoomOf(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as unknown as { style: { transform: string } }).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? NaN);
}

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);

describe('room to draw, viewing without editing, and forms that say one thing (real Chromium, real server)', () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  it('collapses the navigation on the editor; the palette and inspector collapse and resize, remembered per user; the canvas grows', async () => {
    const page = await signedInAsOps(env.browser, env.product.url, 'zh-CN');
    const context = page.context();
    const { id } = await fromTemplate(page, '画布空间 E2E');
    await openEditor(page, env.product.url, id);

    // The app navigation folds away on the editor, behind the menu button.
    const navbar = page.locator('.mantine-AppShell-navbar');
    expect((await boxOf(navbar)).x + (await boxOf(navbar)).width).toBeLessThanOrEqual(0);
    await page.getByTestId('nav-toggle').click();
    await expect.poll(async () => (await boxOf(navbar)).x).toBeGreaterThanOrEqual(0);
    await page.getByTestId('nav-toggle').click();
    await expect.poll(async () => (await boxOf(navbar)).x + (await boxOf(navbar)).width).toBeLessThanOrEqual(0);

    const canvas = page.getByTestId('canvas');
    await node(page, 'welcome').click();
    const inspector = page.getByTestId('inspector');
    await inspector.waitFor();
    await expect.poll(() => inspector.getAttribute('data-collapsed')).toBe('false');
    const selected = await boxOf(node(page, 'welcome'));
    expect(inside(selected, await boxOf(canvas))).toBe(true);
    const narrow = (await boxOf(canvas)).width;
    await screenshot(page, 'designer-room-open-zh');

    // Resizing by keyboard on the palette's edge.
    const paletteWidth = (await boxOf(page.getByTestId('palette-panel'))).width;
    await page.getByTestId('palette-panel-resize').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await boxOf(page.getByTestId('palette-panel'))).width).toBeGreaterThanOrEqual(paletteWidth + 40);

    await page.getByTestId('palette-panel-collapse').click();
    await page.getByTestId('inspector-collapse').click();
    await expect.poll(async () => (await boxOf(canvas)).width).toBeGreaterThan(narrow + 500);
    await expect.poll(() => page.getByTestId('palette-panel').getAttribute('data-collapsed')).toBe('true');
    await screenshot(page, 'designer-room-collapsed-zh');

    // The minimap can be hidden.
    await page.getByTestId('canvas-minimap').click();
    await expect.poll(() => page.locator('.react-flow__minimap').count()).toBe(0);

    // Reloaded, the editor comes back as this user left it.
    await page.reload();
    await page.getByTestId('canvas').waitFor();
    await expect.poll(() => page.getByTestId('palette-panel').getAttribute('data-collapsed')).toBe('true');
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    await node(page, 'welcome').click();
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-collapsed')).toBe('true');
    await page.getByTestId('palette-panel-expand').click();
    await expect.poll(async () => (await boxOf(page.getByTestId('palette-panel'))).width).toBeGreaterThanOrEqual(paletteWidth + 40);
    await page.getByTestId('inspector-expand').click();
    await page.getByTestId('canvas-minimap').click();
    await page.locator('.react-flow__minimap').waitFor();

    // Selecting a node at the canvas's right edge: opening the inspector pans it into view, clear of the minimap.
    await page.keyboard.press('Escape');
    await page.getByTestId('inspector').waitFor({ state: 'detached' });
    // The view keeps its centre as the canvas widens again.
    await page.waitForTimeout(300);
    const canvasBox = await boxOf(canvas);
    const target = node(page, 'introduce');
    const before = await boxOf(target);
    // Drag the canvas so the node's right half sits under the minimap, then select it by its visible half.
    const minimap = await boxOf(page.locator('.react-flow__minimap'));
    const grab = { x: canvasBox.x + 120, y: canvasBox.y + canvasBox.height / 2 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + (minimap.x - before.width / 2 - before.x), grab.y + (minimap.y + 10 - before.y), { steps: 10 });
    await page.mouse.up();
    expect(overlaps(await boxOf(target), minimap)).toBe(true);
    await target.click({ position: { x: 12, y: 12 } });
    await page.getByTestId('inspector').waitFor();
    await expect
      .poll(async () => {
        const b = await boxOf(target);
        const c = await boxOf(canvas);
        const m = await boxOf(page.locator('.react-flow__minimap'));
        return inside(b, c) && !overlaps(b, m);
      }, { timeout: 5_000 })
      .toBe(true);
    await context.close();
  });

  it('shows the same editor in English, with the panels open and collapsed', async () => {
    const page = await signedInAsOps(env.browser, env.product.url, 'en');
    const context = page.context();
    const { id } = await fromTemplate(page, 'Room to draw E2E', 'welcome-series', 'en');
    await openEditor(page, env.product.url, id);
    await node(page, 'welcome').click();
    await page.getByTestId('inspector').waitFor();
    expect(await page.getByTestId('palette-panel-collapse').getAttribute('aria-label')).toBe('Collapse Nodes');
    await screenshot(page, 'designer-room-open-en');
    await page.getByTestId('palette-panel-collapse').click();
    await page.getByTestId('inspector-collapse').click();
    await screenshot(page, 'designer-room-collapsed-en');
    await context.close();
  });

  it('opens a live journey, selects nodes, cancels dialogs and leaves menus: nothing is saved, nothing to undo', async () => {
    const page = await signedInAsOps(env.browser, env.product.url, 'zh-CN');
    const context = page.context();
    const { id } = await fromTemplate(page, '只看不改 E2E');
    await call(page, 'mutation', 'journeys.publish', { id, notes: 'E2E' });
    const before = await journeyOf(page, id);
    const saves: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/trpc/journeys.saveDraft')) saves.push(r.url());
    });
    await openEditor(page, env.product.url, id);

    for (const nodeId of ['welcome', 'wait-day-1', 'introduce', 'trigger']) {
      await node(page, nodeId).click();
      await page.getByTestId('inspector').waitFor();
      // In live view a wait opens on its customers: look at its settings too.
      const settingsTab = page.getByTestId('inspector').getByRole('tab', { name: '配置' });
      if (await settingsTab.count()) await settingsTab.click();
    }

    // Dialogs opened and cancelled.
    await page.getByTestId('settings-button').click();
    // Esc in the goal's event-type dropdown closes the dropdown, not the dialog.
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '事件类型' }).or(dialog.getByRole('textbox', { name: '事件类型' })).first().click();
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('simulate-button').click();
    await page.getByTestId('simulate-drawer').getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');

    // Longer than the autosave pause.
    await page.waitForTimeout(2_500);
    expect(saves).toEqual([]);
    expect(await page.getByTestId('canvas-undo').isDisabled()).toBe(true);
    expect(await page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    const after = await journeyOf(page, id);
    expect(after.revision).toBe(before.revision);
    expect(after.updatedAt).toBe(before.updatedAt);

    // Esc in the script's variable menu closes the menu, not the inspector.
    await node(page, 'welcome').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByRole('button', { name: '插入变量' }).click();
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    expect(await inspector.isVisible()).toBe(true);
    // And in a dropdown inside the inspector (the wait's unit).
    await node(page, 'wait-day-1').click();
    await inspector.getByRole('tab', { name: '配置' }).click();
    await inspector.getByRole('combobox', { name: '单位' }).or(inspector.getByRole('textbox', { name: '单位' })).first().click();
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    expect(await inspector.isVisible()).toBe(true);

    await page.waitForTimeout(2_000);
    expect(saves).toEqual([]);

    // A customer enrolled now waits at the first wait: its customers tab lists them by name.
    const customer = await call<{ id: string }>(page, 'mutation', 'customers.create', { name: '等待中的王女士' });
    await call(page, 'mutation', 'enrollments.enrol', { journeyId: id, customerId: customer.id });
    const cursor = async () => (await call<{ items: Array<{ status: string; node: { id: string } | null }> }>(page, 'query', 'enrollments.list', { journeyId: id, limit: 5 })).items[0];
    await expect.poll(async () => { const e = await cursor(); return e ? `${e.status}@${e.node?.id}` : null; }, { timeout: 45_000, interval: 500 }).toBe('waiting@wait-day-1');
    // A wait nobody is at opens on its settings; the one where the customer waits, on who waits there.
    await page.getByTestId('canvas-fit-view').click();
    await node(page, 'wait-day-3').click();
    await inspector.getByRole('tab', { name: '配置', selected: true }).waitFor();
    await page.waitForTimeout(1_000);
    expect(await inspector.getByRole('tab', { name: '配置', selected: true }).count()).toBe(1);
    await node(page, 'wait-day-1').click();
    await inspector.getByRole('tab', { name: /客户/, selected: true }).waitFor({ timeout: 20_000 });
    const waiting = inspector.getByTestId('waiting-customers');
    await waiting.getByText('1 位客户在此等待（含所有版本）').waitFor({ timeout: 20_000 });
    await waiting.getByText('等待中的王女士').waitFor();
    // Not a wait: nobody is held there, and it says so.
    await node(page, 'welcome').click();
    await inspector.getByRole('tab', { name: /客户/ }).click();
    await inspector.getByTestId('waiting-customers').getByText('客户经过此节点时不会停留，只有等待类节点会有客户停留。').waitFor();
    await context.close();
  });

  it('keeps a draft edited just before the tab closes', async () => {
    const page = await signedInAsOps(env.browser, env.product.url, 'zh-CN');
    const context = page.context();
    const { id } = await fromTemplate(page, '关页不丢 E2E');
    await openEditor(page, env.product.url, id);
    await node(page, 'welcome').click();
    const script = '{{customer.name}}，关页前最后一改。';
    await page.getByTestId('inspector').locator('textarea').first().fill(script);
    await page.waitForTimeout(150);
    await page.close();

    const again = await context.newPage();
    await again.goto(`${env.product.url}/journeys/${id}`);
    await again.getByTestId('canvas').waitFor();
    await expect.poll(async () => (await journeyOf(again, id)).graph.nodes.find((n) => n.id === 'welcome')?.config.script, { timeout: 10_000 }).toBe(script);
    await node(again, 'welcome').click();
    expect(await again.getByTestId('inspector').locator('textarea').first().inputValue()).toBe(script);
    await context.close();
  });

  it('opens a 27-node journey at a readable zoom, starting from its trigger', async () => {
    const page = await signedInAsOps(env.browser, env.product.url, 'zh-CN');
    const context = page.context();
    // Three columns of nine rows: the whole thing fits only at about 0.45, where 13 px text is 6 px.
    const nodes: GraphNode[] = [{ id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } }];
    const edges: { id: string; source: string; sourcePort: string; target: string }[] = [];
    for (let i = 1; i < 27; i++) {
      const row = Math.floor(i / 3);
      const col = i % 3;
      const wait = i % 2 === 0;
      nodes.push({ id: `n${i}`, type: wait ? 'wait' : 'add-tag', config: wait ? { mode: 'duration', amount: i, unit: 'days' } : { tags: [`标签${i}`] }, position: { x: col * 320, y: row * 150 } });
      edges.push({ id: `e${i}`, source: i === 1 ? 'start' : `n${i - 1}`, sourcePort: 'out', target: `n${i}` });
    }
    const { id } = await call<{ id: string }>(page, 'mutation', 'journeys.create', { name: '二十七步 E2E', graph: { nodes, edges } });
    await openEditor(page, env.product.url, id);
    await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    const trigger = await boxOf(node(page, 'start'));
    expect(inside(trigger, await boxOf(page.getByTestId('canvas')))).toBe(true);
    // 13 px node text at this zoom is at least 7.8 px on screen.
    const title = await node(page, 'start').locator('.sopline-node__title').boundingBox();
    expect(title!.height).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'designer-room-27-nodes-zh');
    await context.close();
  });

  it('a drop near the toolbar lands on the canvas, clear of the toolbar', async () => {
    const page = await signedInAsOps(env.browser, env.product.url, 'zh-CN');
    const context = page.context();
    const { id } = await fromTemplate(page, '工具栏旁放置 E2E');
    await openEditor(page, env.product.url, id);
    const toolbar = await boxOf(page.getByTestId('canvas-toolbar'));
    const canvas = page.getByTestId('canvas');
    const box = await boxOf(canvas);
    const count = await page.locator('.react-flow__node').count();
    await page.getByTestId('palette-item-exit').dragTo(canvas, { targetPosition: { x: toolbar.x + 30 - box.x, y: toolbar.y + toolbar.height + 4 - box.y } });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(count + 1);
    const added = page.locator('.react-flow__node.selected');
    const b = await boxOf(added);
    expect(inside(b, box)).toBe(true);
    expect(overlaps(b, toolbar)).toBe(false);
    await context.close();
  });

  it('a simulation shows its path beside the drawer, not under it', async () => {
    const page = await signedInAsOps(env.browser, env.product.url, 'zh-CN');
    const context = page.context();
    const { id } = await fromTemplate(page, '模拟路径 E2E');
    await openEditor(page, env.product.url, id);
    await page.getByTestId('simulate-button').click();
    await page.getByTestId('simulate-run').click();
    await page.locator('.sopline-node[data-simulated]').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(800);
    const drawer = await boxOf(page.getByTestId('simulate-drawer').locator('.mantine-Drawer-content'));
    const canvas = await boxOf(page.getByTestId('canvas'));
    const visited = page.locator('.sopline-node[data-simulated]');
    expect(await visited.count()).toBeGreaterThanOrEqual(3);
    for (const b of await Promise.all((await visited.all()).map(boxOf))) {
      expect(overlaps(b, drawer)).toBe(false);
      expect(inside(b, canvas)).toBe(true);
    }
    await screenshot(page, 'designer-room-simulate-zh');
    // A result belongs to the customer it ran for: choosing a real customer instead clears it and its path.
    await page.getByTestId('simulate-result').waitFor();
    await page.getByTestId('simulate-drawer').getByText('真实客户').click();
    await page.getByTestId('simulate-result').waitFor({ state: 'detached' });
    expect(await page.locator('.sopline-node[data-simulated]').count()).toBe(0);
    await context.close();
  });

  it('forms: a 5,000-character script shows one limit and the node keeps its summary; a negative wait is refused in the field', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const page = await signedInAsOps(env.browser, env.product.url, locale);
      const context = page.context();
      const { id } = await fromTemplate(page, `表单 E2E ${locale}`, 'welcome-series', locale);
      await openEditor(page, env.product.url, id);
      const inspector = page.getByTestId('inspector');

      const summary = page.getByTestId('node-summary-welcome');
      const shown = await summary.textContent();
      await node(page, 'welcome').click();
      await inspector.locator('textarea').first().fill('好'.repeat(5000));
      const limit = locale === 'en' ? 'At most 4000 characters: 1000 too many' : '最多 4000 个字符，已超出 1000 个';
      await expect.poll(() => inspector.textContent(), { timeout: 5_000 }).toContain(limit);
      // Once: the schema's own "at most" is not said again, and no other limit is shown.
      const text = (await inspector.textContent())!;
      expect(text.split(locale === 'en' ? 'At most' : '最多').length - 1).toBe(1);
      expect(text.match(/\d{3,}/g)?.filter((n) => !['4000', '5000', '1000', '299'].includes(n)) ?? []).toEqual([]);
      await page.waitForTimeout(500);
      expect(await summary.textContent()).toBe(shown);
      expect(await summary.getAttribute('data-stale')).not.toBeNull();
      await screenshot(page, `designer-room-script-limit-${locale === 'en' ? 'en' : 'zh'}`);

      // A negative wait: refused in the field, in the UI language; the draft keeps the last good value.
      await node(page, 'wait-day-1').click();
      const waitSummary = await page.getByTestId('node-summary-wait-day-1').textContent();
      const amount = inspector.getByRole('textbox', { name: locale === 'en' ? 'Amount' : '时长' }).or(inspector.locator('input[inputmode="numeric"]')).first();
      await amount.fill('-5');
      await expect.poll(() => inspector.textContent()).toContain(locale === 'en' ? 'Must be at least 1' : '不能小于 1');
      await page.waitForTimeout(2_000);
      expect(await page.getByTestId('node-summary-wait-day-1').textContent()).toBe(waitSummary);
      const saved = await journeyOf(page, id);
      expect(saved.graph.nodes.find((n) => n.id === 'wait-day-1')?.config.amount).toBe(1);
      await screenshot(page, `designer-room-negative-wait-${locale === 'en' ? 'en' : 'zh'}`);
      await context.close();
    }
  });

  it('on a 390×844 phone: the journeys list reads one line per name, the designer says it needs a larger screen and nothing scrolls sideways', async () => {
    const phone = { width: 390, height: 844 };
    const noSideScroll = (page: Page) => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
    for (const locale of ['zh-CN', 'en'] as const) {
      const lang = locale === 'en' ? 'en' : 'zh';
      const page = await signedInAsOps(env.browser, env.product.url, locale, phone);
      const context = page.context();
      const names = page.getByTestId('journey-name');
      await names.first().waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, `journeys-phone-${lang}`);
      expect(await noSideScroll(page)).toBe(true);
      // Every name on one line (生日关怀 was cut to two characters a line), the status badge whole, the headers one line each.
      const heights = await names.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(0);
      for (const h of heights) expect(h).toBeLessThanOrEqual(30);
      const cutBadges = await page.locator('tbody .mantine-Badge-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
      expect(cutBadges).toEqual([]);
      const headers = await page.locator('thead th').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height).filter((h) => h > 0));
      for (const h of headers) expect(h).toBeLessThanOrEqual(48);
      // The numbers the hidden columns held are on one line under each name.
      expect(await page.getByTestId('journey-phone-numbers').first().textContent()).toContain(locale === 'en' ? 'Entered' : '期间进入');

      const { id } = await fromTemplate(page, locale === 'en' ? 'Phone look E2E' : '手机查看 E2E', 'welcome-series', locale);
      await openEditor(page, env.product.url, id);
      const notice = page.getByTestId('designer-phone-notice');
      expect(await notice.textContent()).toContain(locale === 'en' ? 'needs a larger screen' : '旅程设计器需要更大的屏幕');
      expect(await noSideScroll(page)).toBe(true);
      // The palette starts folded so the canvas has the screen; the back arrow and the live toggle do not overlap.
      expect(await page.getByTestId('palette-panel').getAttribute('data-collapsed')).toBe('true');
      const canvas = await boxOf(page.getByTestId('canvas'));
      expect(canvas.width).toBeGreaterThanOrEqual(250);
      expect(canvas.x + canvas.width).toBeLessThanOrEqual(phone.width + 1);
      const backArrow = await boxOf(page.getByRole('link', { name: locale === 'en' ? 'Back to all journeys' : '返回全部旅程', exact: true }));
      expect(backArrow.x).toBeGreaterThanOrEqual(0);
      const status = await boxOf(page.getByTestId('journey-status'));
      expect(overlaps(backArrow, status)).toBe(false);
      await screenshot(page, `designer-phone-${lang}`);
      await context.close();
    }
  });
});
