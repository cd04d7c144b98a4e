import { describe, expect, it } from 'vitest';
import { fieldLabel, humanize, suggestionsFor, valueLabel } from './labels.ts';

describe('field and value labels', () => {
  it('reads the dictionary by full path, then by name, else makes one from the name', () => {
    expect(fieldLabel(['due', 'afterMinutes'], 'zh-CN')).toBe('多少分钟后到期');
    expect(fieldLabel(['timeout', 'amount'], 'en')).toBe('Time out after');
    expect(fieldLabel(['event', 'minAmount'], 'zh-CN')).toBe('最低金额');
    expect(fieldLabel(['loyaltyPoints'], 'en')).toBe('Loyalty points');
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
