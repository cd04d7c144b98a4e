import { describe, expect, it } from 'vitest';
import { containsNul, MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth.ts';

const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('nestedDeeperThan', () => {
  it('counts levels of objects and arrays, not of scalars', () => {
    expect(nestedDeeperThan('text')).toBe(false);
    expect(nestedDeeperThan({ a: 1, b: [1, 2] }, 2)).toBe(false);
    expect(nestedDeeperThan({ a: { b: { c: 1 } } }, 2)).toBe(true);
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('does not overflow the stack itself on nesting that would overflow JSON.stringify', () => {
    const deep = nested(200_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(nestedDeeperThan(deep)).toBe(true);
  });
});

describe('containsNul', () => {
  it('finds U+0000 in any string or key, however deep', () => {
    expect(containsNul({ a: ['ok', { b: 'x\u0000y' }] })).toBe(true);
    expect(containsNul({ 'k\u0000': 1 })).toBe(true);
    expect(containsNul({ a: ['ok', 1, null, true, { b: '\\u0000 as text' }] })).toBe(false);
  });
});
