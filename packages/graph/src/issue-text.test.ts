import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueText } from './issue-text.ts';

const first = (schema: z.ZodType, value: unknown) => issueText(schema.safeParse(value).error!.issues[0]!);

describe('a field complaint in both languages', () => {
  it('uses the schema’s own words when it gives them in Chinese too', () => {
    const url = z.string().refine(() => false, { message: 'must be an https:// address', params: { zh: '必须是 https:// 地址' } });
    expect(first(url, 'x')).toEqual({ 'zh-CN': '必须是 https:// 地址', en: 'must be an https:// address' });
  });
  it('says zod’s built-in checks in words, with no field path and no schema jargon', () => {
    expect(first(z.number().int().min(500), 3)).toEqual({ 'zh-CN': '不能小于 500', en: 'At least 500' });
    expect(first(z.number().max(30), 31)).toEqual({ 'zh-CN': '不能大于 30', en: 'At most 30' });
    expect(first(z.string().min(1), '')).toEqual({ 'zh-CN': '必填', en: 'Required' });
    expect(first(z.string().max(5), 'abcdefg')).toEqual({ 'zh-CN': '最多 5 个字', en: 'At most 5 characters' });
    expect(first(z.number(), 'x')['zh-CN']).toBe('请填写数字');
    expect(first(z.email(), 'nope')['zh-CN']).toBe('不是有效的邮箱地址');
    expect(first(z.enum(['a', 'b']), 'c')['zh-CN']).toBe('不是可选的值');
    for (const t of [first(z.number().min(500), 3), first(z.string().regex(/^\d+$/), 'x')]) expect(t['zh-CN']).not.toMatch(/[A-Za-z]/);
  });
});
