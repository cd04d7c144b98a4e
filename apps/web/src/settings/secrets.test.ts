import { describe, expect, it } from 'vitest';
import { generatePassword } from './secrets.ts';

describe('generatePassword', () => {
  it('makes long-enough passwords from the unambiguous alphabet, different each time', () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const p of passwords) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
    expect(new Set(passwords).size).toBe(50);
    expect(generatePassword(10)).toHaveLength(10);
  });
});
