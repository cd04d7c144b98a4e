// The third-party example (examples/node-random-split, outside packages/) loaded the way docs/plugins.md
// says: SOPLINE_PLUGINS naming its entry file by path. The real product serves its manifest to the
// designer (nodeTypes.list: Chinese labels, its own SVG icon, its ports), publishes a journey using it,
// and runs a customer through it on Temporal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct } from '../support/server.ts';

type Product = Awaited<ReturnType<typeof startProduct>>;

const JOURNEY = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'split', type: 'random-split', config: { percentA: 100 }, position: { x: 0, y: 160 } },
    { id: 'tag-a', type: 'add-tag', config: { tags: ['走了A路'] }, position: { x: -120, y: 320 } },
    { id: 'tag-b', type: 'add-tag', config: { tags: ['走了B路'] }, position: { x: 120, y: 320 } },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 480 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'split' },
    { id: 'e2', source: 'split', sourcePort: 'a', target: 'tag-a' },
    { id: 'e3', source: 'split', sourcePort: 'b', target: 'tag-b' },
    { id: 'e4', source: 'tag-a', sourcePort: 'out', target: 'end' },
    { id: 'e5', source: 'tag-b', sourcePort: 'out', target: 'end' },
  ],
};

describe('the example plugin loaded by path (SOPLINE_PLUGINS=./examples/node-random-split/src/index.ts)', () => {
  let product: Product;
  let cookie = '';
  async function call<T>(kind: 'query' | 'mutation', path: string, input?: unknown): Promise<T> {
    const res =
      kind === 'query'
        ? await fetch(`${product.url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers: { cookie } })
        : await fetch(`${product.url}/trpc/${path}`, { method: 'POST', headers: { cookie, origin: product.url, 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!res.ok || !body.result) throw new Error(`${path}: ${res.status} ${JSON.stringify(body.error)}`);
    return body.result.data;
  }

  beforeAll(async () => {
    // Relative to the directory the product starts in, as an operator would write it.
    product = await startProduct({ env: { SOPLINE_PLUGINS: './examples/node-random-split/src/index.ts' } });
    const login = await fetch(`${product.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@demo.sopline.dev', password: 'sopline-demo' }),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await product?.close();
  });

  it('nodeTypes.list carries it with its Chinese labels, its SVG icon, its ports and where it came from', async () => {
    const types = await call<Array<Record<string, unknown> & { type: string }>>('query', 'nodeTypes.list');
    const split = types.find((t) => t.type === 'random-split');
    expect(split).toMatchObject({
      category: 'condition',
      title: { 'zh-CN': '随机分流', en: 'Random split' },
      icon: { kind: 'svg', svg: expect.stringMatching(/^<svg [^]*<\/svg>$/) },
      ports: { kind: 'static', ports: [{ id: 'a', label: { 'zh-CN': 'A 路', en: 'Path A' } }, { id: 'b', label: { 'zh-CN': 'B 路', en: 'Path B' } }] },
      configSchema: { properties: { percentA: { label: { 'zh-CN': 'A 路比例（%）' }, default: 50, minimum: 0, maximum: 100 } } },
      summaryTemplate: { 'zh-CN': '随机分流：A 路 {{percentA}}%' },
      source: { kind: 'plugin', name: './examples/node-random-split/src/index.ts' },
    });
    // The built-ins are there too, in palette order, before it.
    expect(types[0]!.type).toBe('trigger-customer-created');
    expect(types.at(-1)!.type).toBe('random-split');
  });

  it('a journey using it publishes, and a customer enrolled runs through it (100 % to A)', async () => {
    const journey = await call<{ id: string }>('mutation', 'journeys.create', { name: `随机分流示例${Date.now() % 10_000}`, graph: JOURNEY });
    await call('mutation', 'journeys.publish', { id: journey.id, notes: 'example plugin' });
    const customer = await call<{ id: string }>('mutation', 'customers.create', { name: '分流客户' });
    await call('mutation', 'enrollments.enrol', { journeyId: journey.id, customerId: customer.id });
    const tagsOf = async () => (await call<{ tags: Array<string | { name: string }> }>('query', 'customers.get', { customerId: customer.id })).tags.map((t) => (typeof t === 'string' ? t : t.name));
    await expect.poll(tagsOf, { timeout: 45_000, interval: 500 }).toContain('走了A路');
    expect(await tagsOf()).not.toContain('走了B路');
  });
});
