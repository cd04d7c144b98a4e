// Load on POST /api/v1/events: an open-loop generator (requests leave on schedule, whatever the
// answers do) and a closed loop (C clients, each sending its next request when the last is answered).
import { setTimeout as sleep } from 'node:timers/promises';

export type Sent = {
  i: number;
  /** performance.now() and Date.now() when the request left. */
  at: number;
  wallAt: number;
  /** ms until the answer; NaN when it failed. */
  ms: number;
  status: number;
  eventIds: string[];
};

export function postEvents(url: string, apiKey: string, body: unknown): Promise<{ status: number; eventIds: string[] }> {
  return fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  }).then(async (res) => {
    const json = (await res.json()) as { results?: Array<{ eventId?: string }> };
    return { status: res.status, eventIds: (json.results ?? []).map((r) => r.eventId ?? '') };
  });
}

export const purchase = (customerId: string, key: string) => ({ kind: 'purchase', customer: { id: customerId }, payload: { amount: 99, product: '咖啡豆' }, idempotencyKey: key });

/** Sends `count` requests at `perSecond`, on schedule; resolves when every answer is in. */
export async function openLoop(count: number, perSecond: number, body: (i: number) => unknown, url: string, apiKey: string): Promise<Sent[]> {
  const sent: Sent[] = [];
  const inflight: Array<Promise<void>> = [];
  const start = performance.now();
  let i = 0;
  while (i < count) {
    const now = performance.now();
    while (i < count && start + (i * 1000) / perSecond <= now) {
      const s: Sent = { i, at: performance.now(), wallAt: Date.now(), ms: Number.NaN, status: 0, eventIds: [] };
      sent.push(s);
      inflight.push(
        postEvents(url, apiKey, body(i)).then(
          (r) => {
            s.ms = performance.now() - s.at;
            s.status = r.status;
            s.eventIds = r.eventIds;
          },
          () => {
            s.status = -1;
          },
        ),
      );
      i += 1;
    }
    await sleep(1);
  }
  await Promise.all(inflight);
  return sent;
}

/** `clients` concurrent senders for `seconds`; request k gets body(k). */
export async function closedLoop(clients: number, seconds: number, body: (k: number) => unknown, url: string, apiKey: string): Promise<{ sent: Sent[]; seconds: number }> {
  const sent: Sent[] = [];
  let k = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const s: Sent = { i: k, at: performance.now(), wallAt: Date.now(), ms: Number.NaN, status: 0, eventIds: [] };
        const b = body(k);
        k += 1;
        sent.push(s);
        try {
          const r = await postEvents(url, apiKey, b);
          s.ms = performance.now() - s.at;
          s.status = r.status;
          s.eventIds = r.eventIds;
        } catch {
          s.status = -1;
        }
      }
    }),
  );
  return { sent, seconds: (performance.now() - start) / 1000 };
}
