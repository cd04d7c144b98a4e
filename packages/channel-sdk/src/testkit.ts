import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelMessage } from './message.ts';

/**
 * Test kit for channel authors: a real HTTP receiver on 127.0.0.1 (port 0) that records each request
 * and answers as told, and a sample message.
 *
 *   const receiver = await startReceiver((n) => (n === 1 ? { status: 500 } : { status: 200, body: { errcode: 0 } }));
 *   … send to receiver.url …
 *   expect(receiver.requests).toHaveLength(2);
 */
export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string; json: unknown };
export type ReceiverAnswer = { status: number; body?: unknown; delayMs?: number };
export type Receiver = {
  url: string;
  requests: ReceivedRequest[];
  /** Changes how the following requests are answered. */
  answer(respond: (n: number, req: ReceivedRequest) => ReceiverAnswer): void;
  close(): Promise<void>;
};

export async function startReceiver(respond: (n: number, req: ReceivedRequest) => ReceiverAnswer = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } })): Promise<Receiver> {
  let answer = respond;
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // not JSON: keep the raw body
      }
      const received: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json };
      requests.push(received);
      const a = answer(requests.length, received);
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      };
      if (a.delayMs) setTimeout(reply, a.delayMs).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sampleMessage(overrides: Partial<ChannelMessage> = {}): ChannelMessage {
  return {
    kind: 'digest',
    title: '今日任务（3）',
    lines: ['**问候**（2）：王小明、张三', '- 到期：今天 10:00'],
    link: { label: '打开今日任务', url: 'https://sopline.example.com/inbox' },
    mentions: [],
    locale: 'zh-CN',
    idempotencyKey: 'digest:rep-1:2026-03-02',
    ...overrides,
  };
}
