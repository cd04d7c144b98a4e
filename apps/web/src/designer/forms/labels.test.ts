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

  it('labels enum values and weekday numbers', () => {
    expect(valueLabel(['unit'], 'days', 'zh-CN')).toBe('天');
    expect(valueLabel(['event', 'kind'], 'tag.added', 'en')).toBe('Tag added');
    expect(valueLabel(['weekdays'], 1, 'zh-CN')).toBe('周一');
    expect(valueLabel(['colour'], 'dark-red', 'en')).toBe('Dark red');
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
