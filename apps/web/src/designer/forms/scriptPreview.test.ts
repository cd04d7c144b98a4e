import { renderScript } from '@sopline/node-send-script/manifest';
import { describe, expect, it } from 'vitest';
import { insertVariable, previewParts, sampleValues } from './scriptPreview.ts';

const text = (parts: ReturnType<typeof previewParts>) => parts.map((p) => (p.kind === 'unknown' ? '' : p.text)).join('');

describe('script preview', () => {
  const values = sampleValues('李销售');

  it('renders exactly what renderScript gives, for Chinese and English scripts', () => {
    for (const script of [
      '{{customer.name}}您好，我是{{owner.name}}。您上次买的{{lastPurchase.product}}（{{lastPurchase.amount}} 元，{{lastPurchase.date}}）用得怎么样？标签：{{customer.tags}}',
      'Hi {{ customer.name }}, tags: {{customer.tags}}; city {{customer.properties.city}} {{customer.properties.none}}',
    ]) {
      expect(text(previewParts(script, values))).toBe(renderScript(script, values));
    }
    expect(text(previewParts('{{customer.name}}您好', values))).toBe('王小明您好');
    expect(text(previewParts('{{lastPurchase.date}}', values))).toBe('2026-02-20');
  });

  it('samples a customer in the language of the screen: no Chinese names on an English one', () => {
    const en = sampleValues('Leo Li', 'en');
    expect(text(previewParts('Hi {{customer.name}}, {{lastPurchase.product}} from {{owner.name}} ({{customer.tags}})', en))).toBe('Hi Emma Lee, Face cream from Leo Li (VIP, regular)');
  });

  it('marks unknown variables instead of dropping them silently', () => {
    expect(previewParts('你好 {{customer.nmae}}', values)).toEqual([
      { kind: 'text', text: '你好 ' },
      { kind: 'unknown', name: 'customer.nmae' },
    ]);
  });

  it('inserts a variable at the cursor, replacing the selection', () => {
    expect(insertVariable('您好，！', 3, 3, 'customer.name', false)).toEqual({ script: '您好，{{customer.name}}！', caret: 20 });
    expect(insertVariable('abcXYZ', 3, 6, 'owner.name', false).script).toBe('abc{{owner.name}}');
    const prefix = insertVariable('', 0, 0, 'customer.properties.', true);
    expect(prefix.script.slice(0, prefix.caret)).toBe('{{customer.properties.');
  });
});
