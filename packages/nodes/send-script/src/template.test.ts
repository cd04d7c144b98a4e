import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScript, renderScript, scriptProblems, scriptVariables } from './template.ts';

describe('script templates', () => {
  it('lists variables once each, spaces inside the braces optional', () => {
    expect(scriptVariables('{{customer.name}} 您好，{{ owner.name }} 提醒：{{  customer.name }}')).toEqual(['customer.name', 'owner.name']);
    expect(scriptVariables('没有变量')).toEqual([]);
  });

  it('renders values, lists and numbers; missing values are empty', () => {
    const vars = { 'customer.name': '王小明', 'customer.tags': ['VIP', 'KOC'], 'lastPurchase.amount': 199.9 };
    expect(renderScript('{{customer.name}}您好！标签：{{ customer.tags }}，上次 {{lastPurchase.amount}} 元{{owner.name}}', vars)).toBe('王小明您好！标签：VIP、KOC，上次 199.9 元');
    expect(renderScript('Hi {{customer.name}}, tags: {{customer.tags}}', vars)).toBe('Hi 王小明, tags: VIP, KOC');
    expect(renderScript('{{customer.properties.city}}|{{toString}}|{{constructor}}', vars)).toBe('||');
  });

  it('keeps an unclosed {{ as text and reports it', () => {
    expect(renderScript('{{customer.name 你好 {{owner.name}}', { 'owner.name': '李' })).toBe('{{customer.name 你好 李');
    expect(parseScript('a {{ b').map((p) => p.kind)).toEqual(['text', 'unclosed', 'text', 'text']);
    expect(scriptProblems('您好 {{customer.name').map((p) => p.code)).toEqual(['script.unclosed']);
  });

  it('reports each unknown variable once with a hint, on the script field', () => {
    const problems = scriptProblems('{{customer.nmae}} {{customer.nmae}} {{coupon.code}} {{customer.properties.city}}');
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['script.unknown-variable', ['script']],
      ['script.unknown-variable', ['script']],
    ]);
    expect(problems[0]!.message['zh-CN']).toContain('{{customer.nmae}}');
    expect(problems[0]!.message.en).toContain('did you mean "{{customer.name}}"');
    expect(problems[1]!.message.en).toContain('{{coupon.code}}');
    expect(scriptProblems('{{customer.properties.}}')).toHaveLength(1);
  });

  it('accepts every known variable', () => {
    const all = '{{customer.name}}{{customer.stage}}{{customer.tags}}{{customer.properties.生日}}{{owner.name}}{{lastPurchase.product}}{{lastPurchase.amount}}{{lastPurchase.date}}';
    expect(scriptProblems(all)).toEqual([]);
  });

  it('never throws, leaves brace-free text alone and speaks both languages', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.dictionary(fc.string(), fc.anything()), (template, vars) => {
        const rendered = renderScript(template, vars);
        if (!template.includes('{{')) expect(rendered).toBe(template);
        for (const p of scriptProblems(template)) {
          expect(p.message['zh-CN'].length).toBeGreaterThan(0);
          expect(p.message.en.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('round-trips scripts built from known variables and plain text', () => {
    const known = fc.constantFrom('customer.name', 'owner.name', 'lastPurchase.product', 'customer.properties.city');
    const plain = fc.string({ maxLength: 20 }).filter((s) => !s.includes('{') && !s.includes('}'));
    fc.assert(
      fc.property(fc.array(fc.tuple(plain, known), { maxLength: 8 }), (pieces) => {
        const template = pieces.map(([t, v]) => `${t}{{ ${v} }}`).join('');
        expect(scriptProblems(template)).toEqual([]);
        expect(renderScript(template, {})).toBe(pieces.map(([t]) => t).join(''));
      }),
    );
  });
});
