import { defaultRegistry } from '@sopline/registry/browser';
import { describe, expect, it } from 'vitest';
import { messagesByField, numberRefusal, unplacedMessages } from './issues.ts';
import { fieldPaths, formFields, jsonSchemaOf } from './schemaFields.ts';

const def = (type: string) => defaultRegistry.get(type)!;
const messagesOf = (type: string, config: Record<string, unknown>) => {
  const result = def(type).config.safeParse(config);
  const problems = result.success ? (def(type).validate?.(result.data) ?? []) : [];
  return messagesByField(config, result.success ? [] : result.error.issues, problems);
};
const en = (m: ReturnType<typeof messagesOf>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.map((t) => t.en)]));

describe('zod issues → field messages', () => {
  it('says what to do, per field, in both languages', () => {
    const m = messagesOf('send-script', { title: '', script: '  ', due: { afterMinutes: -1 }, priority: 'urgent' });
    expect(en(m)).toEqual({ title: ['Cannot be empty'], script: ['Cannot be empty'], 'due.afterMinutes': ['Must be at least 0'], priority: ['Choose one of the options'] });
    expect(m.title![0]!['zh-CN']).toBe('不能为空');
  });

  it('tells a missing field from a wrong one', () => {
    expect(en(messagesOf('set-stage', {}))).toEqual({ stage: ['Required'] });
    expect(en(messagesOf('set-stage', { stage: 'Repeat Buyer' }))).toEqual({ stage: ['Lowercase letters, digits and - only, e.g. repeat-buyer'] });
    expect(en(messagesOf('wait', { amount: 1.5 }))).toEqual({ amount: ['Enter a whole number'] });
  });

  it('puts list-item problems on the list and union problems on the discriminator', () => {
    expect(en(messagesOf('add-tag', { tags: ['', 'x'.repeat(70)] }))).toEqual({ tags: ['Cannot be empty', 'At most 64 characters'] });
    expect(en(messagesOf('wait', { mode: 'someday' }))).toEqual({ mode: ['Choose one of the options'] });
    expect(en(messagesOf('wait', { mode: 'weekday-time', weekdays: [], time: '9:00' }))).toEqual({ weekdays: ['Add at least 1'], time: ['Use HH:mm, e.g. 09:30'] });
  });

  it("adds the node type's own problems (unknown script variables) to the field they name", () => {
    const m = messagesOf('send-script', { script: '{{customer.nmae}}您好' });
    expect(Object.keys(m)).toEqual(['script']);
    expect(m.script![0]!.en).toContain('did you mean "{{customer.name}}"');
  });

  it('lists messages no field shows, so none is lost', () => {
    const fields = formFields(jsonSchemaOf(def('wait').config)!);
    const messages = { mode: [{ 'zh-CN': 'a', en: 'a' }], 'ports.out': [{ 'zh-CN': 'b', en: 'b' }] };
    expect(unplacedMessages(messages, fieldPaths(fields, {}))).toEqual([{ 'zh-CN': 'b', en: 'b' }]);
  });
});

describe('numberRefusal', () => {
  it('refuses numbers outside the range, and fractions where a whole number is wanted, in both languages', () => {
    const spec = { integer: true, min: 0, max: 525_600 };
    expect(numberRefusal(-5, spec)).toEqual({ 'zh-CN': '不能小于 0', en: 'Must be at least 0' });
    expect(numberRefusal(600_000, spec)?.en).toBe('Must be at most 525600');
    expect(numberRefusal(1.5, spec)?.en).toBe('Enter a whole number');
    expect(numberRefusal(0, { integer: true, min: 0, minExclusive: true })?.en).toBe('Must be more than 0');
    expect(numberRefusal(30, spec)).toBeNull();
  });
});
