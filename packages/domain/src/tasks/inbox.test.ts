import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { decodeCursor, encodeCursor, viewRange } from './inbox.ts';

describe('viewRange', () => {
  // 01:00 on 3 March in Shanghai, still 18:00 on 2 March in Berlin.
  const now = new Date('2026-03-02T17:00:00Z');

  it("cuts the days at the workspace's midnight", () => {
    expect(viewRange('today', 'Asia/Shanghai', now)).toEqual({ dueFrom: '2026-03-02T16:00:00.000Z', dueTo: '2026-03-03T16:00:00.000Z' });
    expect(viewRange('today', 'Europe/Berlin', now)).toEqual({ dueFrom: '2026-03-01T23:00:00.000Z', dueTo: '2026-03-02T23:00:00.000Z' });
  });

  it('puts overdue before today and upcoming from tomorrow, leaving no gap', () => {
    const today = viewRange('today', 'Asia/Shanghai', now);
    expect(viewRange('overdue', 'Asia/Shanghai', now)).toEqual({ dueTo: today.dueFrom });
    expect(viewRange('upcoming', 'Asia/Shanghai', now)).toEqual({ dueFrom: today.dueTo });
  });

  it('follows daylight saving: the Berlin day of the spring change is 23 hours', () => {
    const range = viewRange('today', 'Europe/Berlin', new Date('2026-03-29T12:00:00Z'));
    expect(Date.parse(range.dueTo!) - Date.parse(range.dueFrom!)).toBe(23 * 3_600_000);
  });
});

describe('task cursors', () => {
  it('round-trip, and a forged cursor is a clear error', () => {
    expect(decodeCursor(encodeCursor('2026-03-02T16:00:00.000Z', 'abc'))).toEqual({ key: '2026-03-02T16:00:00.000Z', id: 'abc' });
    for (const bad of ['nope', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(DomainError);
    }
  });
});
