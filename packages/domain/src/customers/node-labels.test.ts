import { defaultRegistry } from '@sopline/registry';
import { describe, expect, it } from 'vitest';
import { nodeLabeller, summaryNames } from './node-labels.ts';

describe('a published step described for a person', () => {
  const graph = {
    nodes: [
      { id: 'stage', type: 'set-stage', config: { stage: 'trial' } },
      { id: 'birthday', type: 'wait', config: { mode: 'date-property', property: 'member_since', offsetDays: 0, time: '10:00' } },
    ],
  };
  const names = summaryNames(
    [{ code: 'trial', label_zh: '试用中', label_en: 'On trial' }],
    [{ key: 'member_since', label_zh: '入会日', label_en: 'Member since' }],
  );

  it('sums a step up in the workspace’s words: its stages and properties by their labels', () => {
    const labels = nodeLabeller(defaultRegistry, graph, names);
    expect(labels.node('stage').summary).toEqual({ 'zh-CN': '设为阶段：试用中', en: 'Set stage: On trial' });
    expect(labels.node('birthday').summary?.['zh-CN']).toBe('等到「入会日」当天 10:00（每年）');
    expect(labels.node('birthday').summary?.en).toBe('Wait until Member since, 10:00 (yearly)');
  });

  it('says the code where the workspace names nothing', () => {
    const labels = nodeLabeller(defaultRegistry, graph);
    expect(labels.node('stage').summary?.['zh-CN']).toBe('设为阶段：trial');
    expect(labels.node('birthday').summary?.['zh-CN']).toBe('等到「member_since」当天 10:00（每年）');
  });
});
