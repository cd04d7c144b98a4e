import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, OUT, PLUGIN_API_VERSION, text } from './index.ts';
import { createTestContext, runNode } from './testkit.ts';

const echo = defineNode({
  type: 'echo',
  version: 1,
  category: 'action',
  title: text('回显', 'Echo'),
  description: text('记下上下文。', 'Records the context.'),
  icon: 'repeat',
  config: z.object({ tag: z.string().max(20).default('seen') }),
  summary: (c) => c.tag,
  ports: () => [OUT],
  async execute(ctx, config) {
    const purchases = await ctx.purchases();
    await ctx.addTags([`${config.tag}:${ctx.nodeId}:${ctx.idempotencyKey}:${purchases.length}`]);
    return { next: OUT.id };
  },
});

describe('test kit', () => {
  it('lets the author set node id, enrollment, customer, purchases, zone and clock', async () => {
    const { result, effects, ctx } = await runNode(echo, {}, {
      nodeId: 'split-1',
      enrollment: { id: 'enr-9', visit: 4 },
      customer: { name: '李雷', timezone: 'America/New_York', tags: ['VIP'] },
      purchases: [{ amount: 99, occurredAt: '2026-02-01T00:00:00Z', product: '面霜' }],
      now: '2026-05-01T12:00:00Z',
    });
    expect(result).toEqual({ next: 'out' });
    expect(effects.tagsAdded).toEqual(['seen:split-1:enr-9:4:1']);
    expect(ctx.customer.tags).toEqual(['VIP', 'seen:split-1:enr-9:4:1']);
    expect(ctx.timezone).toBe('America/New_York');
    expect(ctx.now.toISOString()).toBe('2026-05-01T12:00:00.000Z');
    expect(ctx.enrollment).toEqual({ id: 'enr-9', journeyId: 'jrn-1', versionId: 'ver-1', visit: 4 });
    expect(await ctx.purchases()).toEqual([expect.objectContaining({ amount: 99, products: ['面霜'], categories: [] })]);
  });

  it("takes the zone given, else the customer's, else the workspace's", () => {
    expect(createTestContext({ timezone: 'Europe/Berlin', customer: { timezone: 'Asia/Tokyo' } }).ctx.timezone).toBe('Europe/Berlin');
    expect(createTestContext({ workspace: { timezone: 'Asia/Singapore' } }).ctx.timezone).toBe('Asia/Singapore');
  });

  it('refuses a config the node schema refuses', async () => {
    await expect(runNode(echo, { tag: 'x'.repeat(21) })).rejects.toThrow();
  });
});

describe('versioning', () => {
  it("the SDK's major version is the plugin API version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(Number(pkg.version.split('.')[0])).toBe(PLUGIN_API_VERSION);
  });
});
