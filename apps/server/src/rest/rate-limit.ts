/**
 * Token buckets per API key: a bucket holds up to `ratePerMinute` requests and refills at that rate,
 * so a key may burst to its whole minute and then go on at its steady rate.
 *
 * The buckets live in this process's memory: with N API processes behind a load balancer a key
 * gets up to N × its rate. That is accepted (the limit protects the database from a runaway client,
 * it is not billing); a shared store would be needed for an exact global limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Takes one request from the key's bucket; when empty, says how many seconds until the next one. */
  take(keyId: string, ratePerMinute: number): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
    const capacity = Math.max(1, ratePerMinute);
    const perMs = capacity / 60_000;
    const now = this.now();
    const bucket = this.buckets.get(keyId) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }
}
