import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('lets a key burst to its rate per minute, then refills at that rate', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 3; i += 1) expect(limiter.take('k', 3).ok).toBe(true);
    expect(limiter.take('k', 3)).toEqual({ ok: false, retryAfterSeconds: 20 });
    now = 10_000;
    expect(limiter.take('k', 3)).toEqual({ ok: false, retryAfterSeconds: 10 });
    now = 20_000;
    expect(limiter.take('k', 3)).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take('k', 3).ok).toBe(false);
    // A long pause refills the bucket to its capacity, never beyond.
    now = 3_600_000;
    for (let i = 0; i < 3; i += 1) expect(limiter.take('k', 3).ok).toBe(true);
    expect(limiter.take('k', 3).ok).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(() => 0);
    expect(limiter.take('a', 1).ok).toBe(true);
    expect(limiter.take('a', 1).ok).toBe(false);
    expect(limiter.take('b', 1).ok).toBe(true);
  });
});
