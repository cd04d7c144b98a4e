import { defaultRegistry } from '@sopline/registry/browser';
import { describe, expect, it } from 'vitest';
import { fieldLabel, humanize, suggestionsFor, topFieldLabel, valueLabel } from './labels.ts';
import { formFields, jsonSchemaOf } from './schemaFields.ts';

const fieldsOf = (type: string) => formFields(jsonSchemaOf(defaultRegistry.get(type)!.config)!);

describe('field and value labels', () => {
  it("takes a field's label from its node type's schema, else makes one from the name", () => {
    expect(topFieldLabel(fieldsOf('send-script'), 'due', 'zh-CN')).toBe('截止时间');
    expect(topFieldLabel(fieldsOf('wait-for-event'), 'timeout', 'en')).toBe('Timeout');
    // Through the wait node's variants: its discriminator and a field of one mode.
    expect(topFieldLabel(fieldsOf('wait'), 'mode', 'zh-CN')).toBe('方式');
    expect(topFieldLabel(fieldsOf('wait'), 'offsetDays', 'en')).toBe('Days before (−) or after (+)');
    expect(topFieldLabel(fieldsOf('wait'), 'loyaltyPoints', 'en')).toBe('Loyalty points');
    expect(fieldLabel(['loyaltyPoints'])).toBe('Loyalty points');
    expect(humanize('date-property')).toBe('Date property');
  });

  it("names values as the node type's schema does: enums, a list's numbers, a union's modes", () => {
    const wait = fieldsOf('wait');
    const union = wait.find((f) => f.kind === 'union');
    if (union?.kind !== 'union') throw new Error('wait has modes');
    expect(valueLabel(['mode'], 'weekday-time', 'zh-CN', union.discriminatorValues)).toBe('每周某天某时');
    const duration = union.variants.find((v) => v.value === 'duration')!.fields;
    expect(valueLabel(['unit'], 'days', 'zh-CN', duration.find((f) => f.key === 'unit')?.values)).toBe('天');
    const weekdays = union.variants.find((v) => v.value === 'weekday-time')!.fields.find((f) => f.key === 'weekdays');
    expect(valueLabel(['weekdays'], 1, 'zh-CN', weekdays?.values)).toBe('周一');
    expect(valueLabel(['priority'], 'high', 'en', fieldsOf('send-script').find((f) => f.key === 'priority')?.values)).toBe('High');
    // The schema's name wins; without one the shared words (event kinds, stages), else the value made readable.
    expect(valueLabel(['unit'], 'days', 'en', { days: { 'zh-CN': '日', en: 'calendar days' } })).toBe('calendar days');
    expect(valueLabel(['event', 'kind'], 'tag.added', 'en')).toBe('Tag added');
    expect(valueLabel(['colour'], 'dark-red', 'en')).toBe('Dark red');
  });

  it("names a plugin's values from the schema it sent, through JSON as over the wire", () => {
    const schema = JSON.parse(
      JSON.stringify({ type: 'object', properties: { split: { type: 'string', enum: ['even', 'weighted'], label: { 'zh-CN': '分法', en: 'Split' }, values: { even: { 'zh-CN': '平均', en: 'Even' }, weighted: { 'zh-CN': '按比例', en: 'Weighted' }, bad: 'x' } } } }),
    ) as Parameters<typeof formFields>[0];
    const [split] = formFields(schema);
    expect(split?.kind).toBe('enum');
    expect(split?.values).toEqual({ even: { 'zh-CN': '平均', en: 'Even' }, weighted: { 'zh-CN': '按比例', en: 'Weighted' } });
    expect(valueLabel(['split'], 'weighted', 'zh-CN', split?.values)).toBe('按比例');
  });

  it('suggests the standard stages for stage fields', () => {
    expect(suggestionsFor(['stage'], 'zh-CN').map((s) => s.value)).toContain('repeat');
    expect(suggestionsFor(['title'], 'en')).toEqual([]);
  });

  it("suggests the workspace's own stages, and its date properties for a date wait", () => {
    const env = {
      stages: [{ code: 'trial', label: { 'zh-CN': '试用', en: 'Trial' } }],
      properties: [
        { key: 'birthday', type: 'date' as const, label: { 'zh-CN': '生日', en: 'Birthday' } },
        { key: '城市', type: 'text' as const, label: { 'zh-CN': '城市', en: 'City' } },
      ],
    };
    expect(suggestionsFor(['to'], 'zh-CN', env)).toEqual([{ value: 'trial', label: '试用' }]);
    expect(suggestionsFor(['property'], 'en', env)).toEqual([{ value: 'birthday', label: 'Birthday' }]);
  });
});
