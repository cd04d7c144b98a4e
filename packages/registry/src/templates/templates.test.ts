import type { JourneyGraphInput, Lang } from '@sopline/graph';
import { LANGS, validateGraph } from '@sopline/graph';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../index.ts';
import { findTemplate, instantiateTemplate, JOURNEY_TEMPLATES, retailLifecycleExample, revisitDays } from './index.ts';
import type { JourneyTemplate, TemplateParam } from './types.ts';

const CJK = /[\u3400-\u9fff]/;

function build(template: JourneyTemplate, lang: Lang, params?: unknown): JourneyGraphInput {
  const result = instantiateTemplate(template, lang, params);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.graph;
}

/** The smallest and the largest value each parameter accepts. */
function edgeParams(params: readonly TemplateParam[]): Array<Record<string, unknown>> {
  const low = Object.fromEntries(params.map((p) => [p.key, p.kind === 'text' ? (p.optional ? '' : 'x') : p.min]));
  const high = Object.fromEntries(params.map((p) => [p.key, p.kind === 'text' ? '长'.repeat(p.maxLength) : p.max]));
  return [{}, low, high];
}

const scripts = (g: JourneyGraphInput) => g.nodes.filter((n) => n.type === 'send-script').map((n) => n.config as { title: string; script: string });
const tagsOf = (g: JourneyGraphInput) =>
  g.nodes.flatMap((n) => {
    const c = n.config as { tags?: string[]; event?: { tag?: string } };
    return [...(c.tags ?? []), ...(c.event?.tag ? [c.event.tag] : [])];
  });

describe('journey templates', () => {
  it('are six, with distinct ids and names and one-line descriptions in both languages', () => {
    expect(JOURNEY_TEMPLATES.map((t) => t.id)).toEqual(['retail-lifecycle', 'b2b-long-cycle', 'welcome-series', 'dormant-win-back', 'birthday-care', 'repurchase-revisit']);
    for (const lang of LANGS) {
      expect(new Set(JOURNEY_TEMPLATES.map((t) => t.name[lang])).size).toBe(6);
      for (const t of JOURNEY_TEMPLATES) {
        expect(t.description[lang].length, t.id).toBeLessThanOrEqual(130);
        expect(t.description[lang]).not.toContain('\n');
      }
    }
    expect(findTemplate('birthday-care')?.params.map((p) => p.key)).toEqual(['property', 'daysBefore']);
    expect(findTemplate('no-such')).toBeUndefined();
  });

  for (const template of JOURNEY_TEMPLATES) {
    for (const lang of LANGS) {
      it(`${template.id} (${lang}) is a valid, publishable journey for default and edge parameters`, () => {
        for (const params of edgeParams(template.params)) {
          const graph = build(template, lang, params);
          const result = validateGraph(graph, defaultRegistry);
          expect(result.problems, `${template.id} ${lang} ${JSON.stringify(params)}`).toEqual([]);
          expect(result.ok).toBe(true);
          expect(graph.settings).toEqual(template.settings);
          for (const n of graph.nodes) expect((n.label ?? '').length).toBeLessThanOrEqual(120);
        }
      });
    }

    it(`${template.id} speaks the creator's language: Chinese scripts and tags in zh-CN, none in en`, () => {
      const zh = build(template, 'zh-CN');
      const en = build(template, 'en');
      // Same journey, translated: the same nodes and wires in both languages.
      expect(en.nodes.map((n) => [n.id, n.type])).toEqual(zh.nodes.map((n) => [n.id, n.type]));
      expect(en.edges).toEqual(zh.edges);
      expect(scripts(zh).length).toBeGreaterThan(0);
      for (const s of scripts(zh)) {
        expect(s.script).toMatch(CJK);
        expect(s.title).toMatch(CJK);
        expect(s.script).toContain('{{customer.name}}');
      }
      for (const s of scripts(en)) {
        expect(s.script, s.script).not.toMatch(CJK);
        expect(s.title).not.toMatch(CJK);
      }
      for (const n of en.nodes) expect(n.label ?? '', n.id).not.toMatch(CJK);
      for (const tag of tagsOf(en)) expect(tag).not.toMatch(CJK);
      // A script's variables are the same in both languages.
      const vars = (s: string) => [...s.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1]).sort();
      expect(scripts(en).map((s) => vars(s.script))).toEqual(scripts(zh).map((s) => vars(s.script)));
    });
  }

  it('moves customers through the standard stages each template names', () => {
    for (const template of JOURNEY_TEMPLATES) {
      const stages = build(template, 'en').nodes.filter((n) => n.type === 'set-stage').map((n) => (n.config as { stage: string }).stage);
      expect(new Set(stages), template.id).toEqual(new Set(template.stages.map((s) => s.id)));
    }
    expect(findTemplate('retail-lifecycle')!.stages.map((s) => s.label['zh-CN'])).toEqual(['未付费', '已付费', '复购', 'KOC 推荐官']);
    expect(findTemplate('b2b-long-cycle')!.stages.map((s) => s.label['zh-CN'])).toEqual(['咨询', '感兴趣', '考虑', '付费']);
  });

  it('sets the re-entry rule and goal each journey needs', () => {
    const settings = Object.fromEntries(JOURNEY_TEMPLATES.map((t) => [t.id, t.settings]));
    expect(settings['dormant-win-back']).toEqual({ reentry: 'after-exit', goal: { kind: 'purchase' } });
    expect(settings['welcome-series']).toEqual({ reentry: 'never', goal: { kind: 'purchase' } });
    expect(settings['repurchase-revisit']).toMatchObject({ reentry: 'after-exit' });
    expect(settings['birthday-care']).toMatchObject({ reentry: 'never' });
  });

  it('the birthday template waits on the chosen date property, N days ahead and on the day', () => {
    const graph = build(findTemplate('birthday-care')!, 'zh-CN', { property: 'dob', daysBefore: 7 });
    const config = (id: string) => graph.nodes.find((n) => n.id === id)!.config;
    expect(config('wait-heads-up')).toEqual({ mode: 'date-property', property: 'dob', offsetDays: -7, time: '10:00', yearly: true });
    expect(config('wait-birthday')).toEqual({ mode: 'date-property', property: 'dob', offsetDays: 0, time: '09:30', yearly: true });
  });

  it('the repurchase template revisits at the chosen fraction of the cycle and names the product when given one', () => {
    expect(revisitDays(30, 0.8)).toBe(24);
    expect(revisitDays(365, 0.5)).toBe(183);
    expect(revisitDays(1, 0.1)).toBe(1);
    const graph = build(findTemplate('repurchase-revisit')!, 'zh-CN', { cycleDays: 30, fraction: 0.8, product: '保湿面膜' });
    const config = (id: string) => graph.nodes.find((n) => n.id === id)!.config as Record<string, unknown>;
    expect(config('trigger')).toEqual({ product: '保湿面膜' });
    expect(config('wait-cycle')).toEqual({ event: { kind: 'purchase', product: '保湿面膜' }, timeout: { amount: 24, unit: 'days' } });
    expect(config('wait-rebuy')).toMatchObject({ timeout: { amount: 13, unit: 'days' } });
    expect(config('revisit').script).toContain('保湿面膜');
    const anyProduct = build(findTemplate('repurchase-revisit')!, 'en', { cycleDays: 365, fraction: 0.5 });
    expect(anyProduct.nodes.find((n) => n.id === 'wait-cycle')!.config).toEqual({ event: { kind: 'purchase' }, timeout: { amount: 183, unit: 'days' } });
    expect((anyProduct.nodes.find((n) => n.id === 'revisit')!.config as { script: string }).script).toContain('{{lastPurchase.product}}');
  });

  it('tells the creator what the chosen parameters mean, matching the journey it builds', () => {
    const revisit = findTemplate('repurchase-revisit')!;
    expect(revisit.preview!({ cycleDays: 30, fraction: 0.8, product: '' })).toEqual({
      'zh-CN': '每次购买后第 24 天回访；到第 37 天仍未回购，发老客回购价提醒；期间再次购买即重新计时。',
      en: 'Revisit on day 24 after each purchase; no new order by day 37, a returning-customer price follows; buying again restarts the clock.',
    });
    const graph = build(revisit, 'en', { cycleDays: 30, fraction: 0.8 });
    const days = (id: string) => (graph.nodes.find((n) => n.id === id)!.config as { timeout: { amount: number } }).timeout.amount;
    expect(days('wait-cycle') + days('wait-rebuy')).toBe(37);
    expect(findTemplate('birthday-care')!.preview!({ property: 'birthday', daysBefore: 1 }).en).toMatch(/^Heads-up at 10:00 1 day before, wishes at 09:30 on the day/);
    for (const t of JOURNEY_TEMPLATES) expect(t.params.length > 0, t.id).toBe(t.preview !== undefined);
  });

  it('any parameters inside the ranges give a valid journey', () => {
    const revisit = findTemplate('repurchase-revisit')!;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 730 }), fc.double({ min: 0.1, max: 1, noNaN: true }), fc.string({ maxLength: 100 }).filter((s) => !/[{}]/.test(s)), (cycleDays, fraction, product) => {
        const result = instantiateTemplate(revisit, 'en', { cycleDays, fraction, product });
        expect(result.ok).toBe(true);
        if (result.ok) expect(validateGraph(result.graph, defaultRegistry).problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses parameters out of range, of the wrong kind or unknown, naming the field in both languages', () => {
    const revisit = findTemplate('repurchase-revisit')!;
    const problems = (params: unknown) => {
      const result = instantiateTemplate(revisit, 'zh-CN', params);
      return result.ok ? [] : result.problems;
    };
    expect(problems({ cycleDays: 0 }).map((p) => p.key)).toEqual(['cycleDays']);
    expect(problems({ cycleDays: 30.5 }).map((p) => p.key)).toEqual(['cycleDays']);
    expect(problems({ fraction: 1.5, cycleDays: '30' }).map((p) => p.key).sort()).toEqual(['cycleDays', 'fraction']);
    expect(problems({ product: '{{customer.name}}' }).map((p) => p.key)).toEqual(['product']);
    expect(problems({ colour: 'red' }).map((p) => p.key)).toEqual(['colour']);
    expect(problems('nonsense').map((p) => p.key)).toEqual([null]);
    const [fraction] = problems({ fraction: 0 });
    expect(fraction!.message['zh-CN']).toBe('「在周期的多少比例时回访」须为 0.1–1 之间的数');
    expect(fraction!.message.en).toBe('"Revisit at this fraction of the cycle" must be a number from 0.1 to 1');
    const birthday = instantiateTemplate(findTemplate('birthday-care')!, 'en', { property: '  ' });
    expect(birthday.ok ? [] : birthday.problems.map((p) => [p.key, p.message.en])).toEqual([['property', 'Fill in "Customer property with the birthday": at most 64 characters, without { or }']]);
  });

  it('keeps the retail lifecycle example as the Chinese retail template', () => {
    expect(retailLifecycleExample).toEqual(build(findTemplate('retail-lifecycle')!, 'zh-CN'));
  });
});
