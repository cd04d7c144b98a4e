import { defaultRegistry } from '@sopline/registry/browser';
import { EventFilter } from '@sopline/graph';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FieldSpec } from './schemaFields.ts';
import { activeVariant, fieldPaths, formFields, jsonSchemaOf } from './schemaFields.ts';

const fieldsOf = (type: string): FieldSpec[] => formFields(jsonSchemaOf(defaultRegistry.get(type)!.config)!);
const byKey = (fields: FieldSpec[], key: string) => fields.find((f) => f.key === key)!;

describe('schema → form fields', () => {
  it('derives every built-in node type without an unsupported field', () => {
    for (const def of defaultRegistry.list()) {
      const walk = (fields: FieldSpec[]): FieldSpec[] =>
        fields.flatMap((f) => [f, ...(f.kind === 'object' ? walk(f.fields) : f.kind === 'union' ? f.variants.flatMap((v) => walk(v.fields)) : [])]);
      expect(walk(fieldsOf(def.type)).filter((f) => f.kind === 'unsupported'), def.type).toEqual([]);
    }
  });

  it('reads strings, long strings, enums, numbers and nested objects with their bounds and defaults', () => {
    const fields = fieldsOf('send-script');
    expect(byKey(fields, 'title')).toMatchObject({ kind: 'text', multiline: false, maxLength: 120, required: false, default: '发送话术' });
    expect(byKey(fields, 'script')).toMatchObject({ kind: 'text', multiline: true, maxLength: 4000, required: true });
    expect(byKey(fields, 'priority')).toMatchObject({ kind: 'enum', options: ['low', 'normal', 'high'], default: 'normal' });
    const due = byKey(fields, 'due');
    expect(due.kind).toBe('object');
    expect(due.kind === 'object' && due.fields[0]).toMatchObject({ key: 'afterMinutes', path: ['due', 'afterMinutes'], kind: 'number', integer: true, min: 0, max: 525_600 });
  });

  it('marks optional fields as not required, and arrays of strings as tags', () => {
    const purchase = fieldsOf('branch-purchase');
    expect(byKey(purchase, 'withinDays')).toMatchObject({ kind: 'number', integer: true, required: false, min: 1 });
    expect(byKey(purchase, 'minAmount')).toMatchObject({ kind: 'number', integer: false, min: 0 });
    expect(byKey(fieldsOf('branch-tag'), 'tags')).toMatchObject({ kind: 'tags', required: true, minItems: 1, maxItems: 20 });
  });

  it('turns a discriminated union into a choice of variants (the wait node)', () => {
    const [union] = fieldsOf('wait');
    expect(union).toMatchObject({ kind: 'union', discriminator: 'mode', defaultVariant: 'duration', path: [] });
    if (union?.kind !== 'union') throw new Error('not a union');
    expect(union.variants.map((v) => v.value)).toEqual(['duration', 'weekday-time', 'date-property']);
    const weekday = union.variants[1]!;
    expect(byKey(weekday.fields, 'weekdays')).toMatchObject({ kind: 'multi', options: [1, 2, 3, 4, 5, 6, 7], default: [1] });
    expect(byKey(weekday.fields, 'time')).toMatchObject({ kind: 'text', time: true, default: '10:00' });
    expect(byKey(union.variants[2]!.fields, 'yearly')).toMatchObject({ kind: 'boolean', default: true });
    expect(activeVariant(union, {}).value).toBe('duration');
    expect(activeVariant(union, { mode: 'date-property' }).value).toBe('date-property');
    expect(fieldPaths([union], { mode: 'weekday-time' })).toEqual(['mode', 'weekdays', 'time']);
  });

  it('handles a nullable object and a nested union', () => {
    const fields = formFields(jsonSchemaOf(z.object({ goal: EventFilter.nullable().default(null), inner: z.discriminatedUnion('k', [z.object({ k: z.literal('a'), x: z.string() }), z.object({ k: z.literal('b') })]) }))!);
    expect(byKey(fields, 'goal')).toMatchObject({ kind: 'object', default: null });
    const inner = byKey(fields, 'inner');
    expect(inner).toMatchObject({ kind: 'union', key: 'inner', path: ['inner'], discriminator: 'k' });
    expect(fieldPaths(fields, { inner: { k: 'a' } })).toContain('inner.x');
  });
});
