import { defaultRegistry } from '@sopline/registry/browser';
import { describe, expect, it } from 'vitest';
import type { FieldSpec } from './schemaFields.ts';
import { formFields, jsonSchemaOf } from './schemaFields.ts';
import { effectiveValue, isEventFilter, setField, switchVariant, withEventKind } from './values.ts';

const fieldsOf = (type: string): FieldSpec[] => formFields(jsonSchemaOf(defaultRegistry.get(type)!.config)!);

describe('form values', () => {
  it('sets a nested field on top of its parent default, and removes a field set to undefined', () => {
    const fields = fieldsOf('wait-for-event');
    const config = setField({}, fields, ['event', 'minAmount'], 100);
    expect(config).toEqual({ event: { kind: 'purchase', minAmount: 100 } });
    expect(defaultRegistry.get('wait-for-event')!.config.safeParse(config).success).toBe(true);
    expect(setField(config, fields, ['event', 'minAmount'], undefined)).toEqual({ event: { kind: 'purchase' } });
  });

  it('never mutates the config it is given', () => {
    const config = Object.freeze({ due: Object.freeze({ afterMinutes: 5 }), script: 'hi' });
    const next = setField(config, fieldsOf('send-script'), ['due', 'afterMinutes'], 30);
    expect(next).toEqual({ due: { afterMinutes: 30 }, script: 'hi' });
    expect(config.due.afterMinutes).toBe(5);
  });

  it('reads what is set, else the default', () => {
    const fields = fieldsOf('wait-for-event');
    expect(effectiveValue({}, fields, ['timeout', 'unit'])).toBe('days');
    expect(effectiveValue({ timeout: { unit: 'hours' } }, fields, ['timeout', 'unit'])).toBe('hours');
    expect(effectiveValue({}, fieldsOf('wait'), ['amount'])).toBe(1);
    expect(effectiveValue({ mode: 'weekday-time' }, fieldsOf('wait'), ['time'])).toBe('10:00');
  });

  it('switching the wait mode fills the new variant with defaults and keeps shared values', () => {
    const [union] = fieldsOf('wait');
    if (union?.kind !== 'union') throw new Error('not a union');
    expect(switchVariant({ mode: 'duration', amount: 3, unit: 'days' }, union, 'weekday-time')).toEqual({ mode: 'weekday-time', weekdays: [1], time: '10:00' });
    expect(switchVariant({ mode: 'weekday-time', weekdays: [2], time: '09:30' }, union, 'date-property')).toEqual({ mode: 'date-property', offsetDays: 0, time: '09:30', yearly: true });
  });

  it('recognises an event filter and drops filters the new kind cannot use', () => {
    const event = fieldsOf('wait-for-event').find((f) => f.key === 'event')!;
    expect(event.kind === 'object' && isEventFilter(event.fields)).toBe(true);
    expect(isEventFilter(fieldsOf('branch-purchase'))).toBe(false);
    expect(withEventKind({ kind: 'purchase', product: '面霜', tag: 'x' }, 'tag.added')).toEqual({ kind: 'tag.added', tag: 'x' });
    expect(withEventKind({ kind: 'purchase', product: '面霜' }, 'reply.logged')).toEqual({ kind: 'reply.logged' });
    expect(withEventKind({ kind: 'purchase', product: '面霜' }, 'purchase')).toEqual({ kind: 'purchase', product: '面霜' });
  });
});
