import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import randomSplit, { bucketOf, manifest, RandomSplitConfig } from './index.ts';

const pathOf = async (percentA: number, customerId: string, nodeId = 'split-1') =>
  (await runNode(randomSplit, { percentA }, { customer: { id: customerId }, nodeId, enrollment: { journeyId: 'welcome' } })).result;

describe('random split', () => {
  it('sends everyone to A at 100 %, to B at 0 %', async () => {
    expect(await pathOf(100, 'c-1')).toEqual({ next: 'a' });
    expect(await pathOf(0, 'c-1')).toEqual({ next: 'b' });
  });

  it('keeps a customer on the same path, and splits many customers near the share asked for', async () => {
    expect(await pathOf(50, 'c-42')).toEqual(await pathOf(50, 'c-42'));
    let a = 0;
    for (let i = 0; i < 2000; i++) if (bucketOf('welcome', 'split-1', `customer-${i}`) < 30) a++;
    expect(a / 2000).toBeGreaterThan(0.26);
    expect(a / 2000).toBeLessThan(0.34);
  });

  it('defaults to half and half, and refuses a share outside 0–100 or not whole', () => {
    expect(RandomSplitConfig.parse({})).toEqual({ percentA: 50 });
    for (const bad of [-1, 101, 12.5]) expect(RandomSplitConfig.safeParse({ percentA: bad }).success).toBe(false);
  });

  it('speaks both languages: title, ports, field label and summary', () => {
    expect(manifest.title).toEqual({ 'zh-CN': '随机分流', en: 'Random split' });
    expect(manifest.ports({ percentA: 50 }).map((p) => p.label['zh-CN'])).toEqual(['A 路', 'B 路']);
    expect(RandomSplitConfig.shape.percentA.meta()?.label).toEqual({ 'zh-CN': 'A 路比例（%）', en: 'Share of path A (%)' });
    expect(manifest.summary({ percentA: 30 }, 'zh-CN')).toBe('随机分流：A 路 30% / B 路 70%');
    expect(manifest.summary({ percentA: 30 }, 'en')).toBe('Random: A 30% / B 70%');
  });
});
