import type { Problem } from '@sopline/graph';
import { describe, expect, it } from 'vitest';
import { definitionOf } from '../catalog.ts';
import { describeNode, problemsByNode, summaryLine } from './nodeView.ts';
import { summaryNamesOf } from './summaryNames.ts';

describe('describeNode', () => {
  it('shows the title, the summary in the chosen language and the exits', () => {
    const view = describeNode(definitionOf('wait-for-event'), { type: 'wait-for-event', typeVersion: 1, config: {} }, 'zh-CN');
    expect(view).toMatchObject({ title: '等待事件', category: 'wait', configured: true, acceptsInput: true });
    expect(view.summary).toContain('7 天');
    expect(view.ports.map((p) => p.label['zh-CN'])).toEqual(['已发生', '超时未发生']);
    const en = describeNode(definitionOf('branch-tag'), { type: 'branch-tag', typeVersion: 1, config: { tags: ['VIP'] } }, 'en');
    expect(en.summary).toBe('Has tag VIP?');
  });

  it('says the workspace’s stages, properties and script variables by name, not by code', () => {
    const names = summaryNamesOf(
      [{ code: 'trial', label: { 'zh-CN': '试用中', en: 'On trial' } }],
      [{ key: 'anniversary', label: { 'zh-CN': '入会纪念日', en: 'Anniversary' } }, { key: 'blank', label: { 'zh-CN': ' ', en: '' } }],
    );
    const node = (type: string, config: Record<string, unknown>, lang: 'zh-CN' | 'en') => describeNode(definitionOf(type), { type, typeVersion: 1, config }, lang, names).summary;
    expect(node('set-stage', { stage: 'trial' }, 'zh-CN')).toBe('设为阶段：试用中');
    expect(node('trigger-stage-changed', { to: 'trial' }, 'en')).toBe('Stage changes to On trial');
    expect(node('wait', { mode: 'date-property', property: 'anniversary', time: '09:00' }, 'zh-CN')).toBe('等到「入会纪念日」当天 09:00（每年）');
    expect(node('send-script', { title: '问候', script: '{{customer.name}}，{{customer.properties.anniversary}}快乐' }, 'zh-CN')).toBe('问候：【客户姓名】，【入会纪念日】快乐');
    // A blank label is no name: the key shows, as with no workspace at hand.
    expect(node('wait', { mode: 'date-property', property: 'blank', time: '09:00' }, 'en')).toContain('blank');
  });

  it("prefers the operator's label, drops a summary that repeats the title, and marks triggers", () => {
    const view = describeNode(definitionOf('trigger-manual'), { type: 'trigger-manual', typeVersion: 1, config: {} }, 'en');
    expect(view).toMatchObject({ title: 'Manual enrolment', acceptsInput: false, category: 'trigger' });
    const exit = describeNode(definitionOf('exit'), { type: 'exit', typeVersion: 1, config: {} }, 'zh-CN');
    expect(exit.summary).toBeNull();
    const labelled = describeNode(definitionOf('wait'), { type: 'wait', typeVersion: 1, config: {}, label: '等三天' }, 'zh-CN');
    expect(labelled.title).toBe('等三天');
  });

  it('copes with an unfinished config and an unknown type', () => {
    const unfinished = describeNode(definitionOf('add-tag'), { type: 'add-tag', typeVersion: 1, config: { tags: [] } }, 'en');
    expect(unfinished).toMatchObject({ configured: false, summary: null });
    expect(unfinished.ports.map((p) => p.id)).toEqual(['out']);
    const unknown = describeNode(undefined, { type: 'crm-sync', typeVersion: 1, config: {} }, 'en');
    expect(unknown).toMatchObject({ known: false, title: 'crm-sync', ports: [] });
  });
});

describe('problemsByNode', () => {
  it('groups problems by node, once per problems array', () => {
    const problems: Problem[] = [
      { code: 'a', severity: 'error', nodeId: 'n1', message: { 'zh-CN': '甲', en: 'A' } },
      { code: 'b', severity: 'warning', nodeId: 'n1', message: { 'zh-CN': '乙', en: 'B' } },
      { code: 'c', severity: 'error', message: { 'zh-CN': '丙', en: 'C' } },
    ];
    const index = problemsByNode(problems);
    expect(index.get('n1')?.map((p) => p.code)).toEqual(['a', 'b']);
    expect(index.size).toBe(1);
    expect(problemsByNode(problems)).toBe(index);
  });
});

describe('summaryLine', () => {
  it('keeps the last valid summary, marked stale, while the settings do not pass', () => {
    const def = definitionOf('branch-tag');
    const good = { type: 'branch-tag', typeVersion: 1, config: { tags: ['VIP'] } };
    expect(summaryLine('n-keep', def, good, describeNode(def, good, 'en'), 'en')).toEqual({ text: 'Has tag VIP?', stale: false });
    const bad = { ...good, config: { tags: [] } };
    expect(summaryLine('n-keep', def, bad, describeNode(def, bad, 'en'), 'en')).toEqual({ text: 'Has tag VIP?', stale: true });
    // A node never valid says "not set up yet".
    expect(summaryLine('n-new', def, bad, describeNode(def, bad, 'en'), 'en')).toEqual({ text: null, stale: false });
  });
});
