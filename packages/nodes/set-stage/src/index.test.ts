import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import setStage, { B2B_STAGES, RETAIL_STAGES, stageLabel } from './index.ts';

describe('set-stage', () => {
  it('moves the customer to the stage', async () => {
    const { result, effects } = await runNode(setStage, { stage: 'paid' }, { customer: { stage: 'unpaid' } });
    expect(result).toEqual({ next: 'out' });
    expect(effects.stage).toBe('paid');
  });

  it('accepts any slug, and only slugs', () => {
    expect(setStage.config.parse({ stage: ' vip-2 ' })).toEqual({ stage: 'vip-2' });
    for (const bad of [{}, { stage: '' }, { stage: 'Paid' }, { stage: '已付费' }, { stage: 'a b' }, { stage: '-x' }, { stage: 'x'.repeat(65) }]) {
      expect(setStage.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('ships the retail and B2B stage sets, every stage a valid slug', () => {
    expect(RETAIL_STAGES.map((s) => s.id)).toEqual(['unpaid', 'paid', 'repeat', 'advocate']);
    expect(B2B_STAGES.map((s) => s.id)).toEqual(['consulting', 'interested', 'considering', 'paid']);
    expect(RETAIL_STAGES.map((s) => s.label['zh-CN'])).toEqual(['未付费', '已付费', '复购', 'KOC 推荐官']);
    expect(B2B_STAGES.map((s) => s.label['zh-CN'])).toEqual(['咨询', '感兴趣', '考虑', '付费']);
    for (const s of [...RETAIL_STAGES, ...B2B_STAGES]) expect(setStage.config.safeParse({ stage: s.id }).success).toBe(true);
  });

  it('summarises with the stage label, or the slug for a custom stage', () => {
    expect(setStage.summary(setStage.config.parse({ stage: 'advocate' }), 'zh-CN')).toBe('设为阶段：KOC 推荐官');
    expect(setStage.summary(setStage.config.parse({ stage: 'repeat' }), 'en')).toBe('Set stage: Repeat buyer');
    expect(stageLabel('trial', 'zh-CN')).toBe('trial');
  });

  it('names a stage by the workspace’s own label first (a renamed standard stage, a stage of its own)', () => {
    const names = { stage: (code: string, lang: 'zh-CN' | 'en') => ({ trial: { 'zh-CN': '试用中', en: 'On trial' }, advocate: { 'zh-CN': 'KOC / 忠实推荐者', en: 'Advocate' } })[code]?.[lang], property: () => undefined };
    expect(setStage.summary(setStage.config.parse({ stage: 'trial' }), 'zh-CN', names)).toBe('设为阶段：试用中');
    expect(setStage.summary(setStage.config.parse({ stage: 'advocate' }), 'zh-CN', names)).toBe('设为阶段：KOC / 忠实推荐者');
    expect(setStage.summary(setStage.config.parse({ stage: 'repeat' }), 'en', names)).toBe('Set stage: Repeat buyer');
  });
});
