// A plugin the web app has never seen (examples/node-random-split, loaded by SOPLINE_PLUGINS) appears in
// the designer from nodeTypes.list: in the palette with its Chinese name and its own SVG icon, its
// inspector form built from its schema with its own field labels, its summary from its template; the
// journey publishes and a customer runs through it. Real server, real Chromium, no web rebuild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot, trpcCall as call, signedInAsOps } from '../support/browser.ts';


type GraphNode = { id: string; type: string; config: Record<string, unknown>; position: { x: number; y: number } };
type Journey = { id: string; revision: number; graph: { nodes: GraphNode[]; edges: unknown[] } };

const START = {
  settings: { reentry: 'never', goal: null },
  nodes: [{ id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } }],
  edges: [],
};

describe('a plugin loaded by path shows in the designer without a web rebuild (real Chromium)', () => {
  const env = productAndBrowser({ beforeAll, afterAll }, { env: { SOPLINE_PLUGINS: './examples/node-random-split/src/index.ts' } });

  for (const locale of ['zh-CN', 'en'] as const) {
    const zh = locale === 'zh-CN';
    it(`${locale}: the palette offers it with its name and icon; its form has its own labels; it runs once published`, async () => {
      const page = await signedInAsOps(env.browser, env.product.url, locale);
      const { id } = await call<{ id: string }>(page, 'mutation', 'journeys.create', { name: `${zh ? '随机分流试验' : 'Split trial'} ${Date.now() % 10_000}`, graph: START });
      await page.goto(`${env.product.url}/journeys/${id}`);
      await page.getByTestId('canvas').waitFor();

      const item = page.getByTestId('palette-item-random-split');
      await item.waitFor();
      expect(await item.textContent()).toContain(zh ? '随机分流' : 'Random split');
      // Its own SVG, not a category fallback from the bundled icon set.
      expect(await item.locator('[data-icon="svg"]').count()).toBe(1);
      // Found by its aliases too, in the operator's words.
      await page.getByPlaceholder(zh ? /搜索/ : /Search/).fill(zh ? '实验' : 'ab test');
      await expect.poll(() => page.locator('[data-palette-item]').count()).toBe(1);
      await screenshot(page, `plugin-palette-${locale}`);

      // Select the trigger, then add the plugin's node after it from the palette (Enter on the item).
      await page.locator('.react-flow__node').first().click();
      await item.focus();
      await page.keyboard.press('Enter');
      const node = page.locator('.react-flow__node-journey', { hasText: zh ? '随机分流' : 'Random' }).last();
      await node.waitFor();
      await node.click();
      const inspector = page.getByTestId('inspector');
      await inspector.waitFor();
      const share = inspector.getByLabel(zh ? 'A 路比例（%）' : 'Share of path A (%)');
      await share.waitFor();
      expect(await inspector.textContent()).toContain(zh ? '其余客户走 B 路' : 'The rest take path B');
      await share.fill('100');
      await share.press('Tab');
      // The canvas summary comes from the plugin's template; its two exits carry their labels.
      await expect.poll(async () => (await node.textContent()) ?? '').toContain(zh ? '随机分流：A 路 100%' : 'Random: A 100%');
      await screenshot(page, `plugin-inspector-${locale}`);

      // Wire it (A and B to an exit) through the API, publish, enrol: the step is recorded.
      await expect.poll(async () => (await call<Journey>(page, 'query', 'journeys.get', { id })).graph.nodes.find((n) => n.type === 'random-split')?.config.percentA, { timeout: 20_000, interval: 500 }).toBe(100);
      const saved = await call<Journey>(page, 'query', 'journeys.get', { id });
      const split = saved.graph.nodes.find((n) => n.type === 'random-split')!;
      const graph = {
        ...saved.graph,
        settings: START.settings,
        nodes: [...saved.graph.nodes, { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 480 } }],
        edges: [
          ...(saved.graph.edges as Array<{ source: string }>).filter((e) => e.source !== split.id),
          { id: 'ea', source: split.id, sourcePort: 'a', target: 'end' },
          { id: 'eb', source: split.id, sourcePort: 'b', target: 'end' },
        ],
      };
      await page.goto(`${env.product.url}/journeys`);
      await call(page, 'mutation', 'journeys.saveDraft', { id, graph, baseRevision: saved.revision });
      await call(page, 'mutation', 'journeys.publish', { id, notes: 'plugin e2e' });
      const customer = await call<{ id: string }>(page, 'mutation', 'customers.create', { name: zh ? '分流客户' : 'Split customer' });
      await call(page, 'mutation', 'enrollments.enrol', { journeyId: id, customerId: customer.id });
      const status = async () => (await call<{ items: Array<{ status: string }> }>(page, 'query', 'enrollments.list', { journeyId: id, limit: 5 })).items[0]?.status;
      await expect.poll(status, { timeout: 45_000, interval: 500 }).toBe('completed');
      await page.context().close();
    });
  }
});
