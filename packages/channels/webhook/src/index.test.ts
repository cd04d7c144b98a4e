import { sendWithRetry } from '@sopline/channel-sdk';
import type { Receiver } from '@sopline/channel-sdk/testkit';
import { sampleMessage, startReceiver } from '@sopline/channel-sdk/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import webhook, { WebhookConfig } from './index.ts';

let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

const config = (url: string, extra: Record<string, unknown> = {}) => WebhookConfig.parse({ url: `${url}/cgi-bin/webhook/send?key=SECRET-KEY`, ...extra });
const once = (url: string, extra: Record<string, unknown> = {}) => webhook.send(sampleMessage(), config(url, extra), { attempt: 1, timeoutMs: 5_000 });

describe('webhook channel against a local HTTP receiver', () => {
  it('posts a WeCom-style markdown message and reports success', async () => {
    receiver = await startReceiver();
    expect(await once(receiver.url)).toEqual({ ok: true, status: 200 });
    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/cgi-bin/webhook/send?key=SECRET-KEY');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['idempotency-key']).toBe('digest:rep-1:2026-03-02');
    expect(req.json).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**今日任务（3）**\n**问候**（2）：王小明、张三\n- 到期：今天 10:00\n[打开今日任务](https://sopline.example.com/inbox)' },
    });
  });

  it('sends text with mentioned_mobile_list when someone is to be mentioned', async () => {
    receiver = await startReceiver();
    const result = await webhook.send(sampleMessage({ mentions: ['13800000001'] }), config(receiver.url, { mentionMobiles: ['13900000002'] }), { attempt: 1, timeoutMs: 5_000 });
    expect(result.ok).toBe(true);
    expect(receiver.requests[0]!.json).toEqual({
      msgtype: 'text',
      text: { content: '今日任务（3）\n问候（2）：王小明、张三\n- 到期：今天 10:00\n打开今日任务: https://sopline.example.com/inbox', mentioned_mobile_list: ['13900000002', '13800000001'] },
    });
  });

  it('sends the secret header when configured', async () => {
    receiver = await startReceiver();
    await once(receiver.url, { secretHeader: { name: 'X-Sopline-Token', value: 'tok-123' } });
    expect(receiver.requests[0]!.headers['x-sopline-token']).toBe('tok-123');
  });

  it('500 then success: the first try is transient, and a retry delivers', async () => {
    receiver = await startReceiver((n) => (n === 1 ? { status: 500, body: 'boom' } : { status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    const seen: boolean[] = [];
    const result = await sendWithRetry(webhook, sampleMessage(), config(receiver.url), { attempts: 3, initialDelayMs: 10, timeoutMs: 5_000, onAttempt: (_n, r) => void seen.push(r.ok) });
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(seen).toEqual([false, true]);
    expect(receiver.requests).toHaveLength(2);
  });

  it('429 is transient; retries stop after the last attempt', async () => {
    receiver = await startReceiver(() => ({ status: 429 }));
    const result = await sendWithRetry(webhook, sampleMessage(), config(receiver.url), { attempts: 3, initialDelayMs: 5, timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, permanent: false, status: 429, attempts: 3 });
    expect(receiver.requests).toHaveLength(3);
  });

  it('400 is permanent: no retry, and the key never appears in the error', async () => {
    receiver = await startReceiver(() => ({ status: 400, body: { error: 'bad request' } }));
    const result = await sendWithRetry(webhook, sampleMessage(), config(receiver.url), { attempts: 5, initialDelayMs: 5, timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, permanent: true, status: 400, attempts: 1 });
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain('SECRET-KEY');
    expect(!result.ok && result.error).toContain('HTTP 400');
  });

  it('a 200 with a non-zero errcode is a failure (permanent, or transient for "busy")', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } }));
    const refused = await once(receiver.url);
    expect(refused).toMatchObject({ ok: false, permanent: true });
    expect(!refused.ok && refused.error).toContain('errcode 93000');
    receiver.answer(() => ({ status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }));
    expect(await once(receiver.url)).toMatchObject({ ok: false, permanent: false });
  });

  it('a receiver that does not answer in time is a transient failure', async () => {
    receiver = await startReceiver(() => ({ status: 200, delayMs: 2_000 }));
    const started = Date.now();
    const result = await once(receiver.url, { timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(1_900);
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.error).toContain('within 500 ms');
  });

  it('an unreachable address is transient, and a redirect is permanent', async () => {
    receiver = await startReceiver(() => ({ status: 302 }));
    expect(await once(receiver.url)).toMatchObject({ ok: false, permanent: true, status: 302 });
    const url = receiver.url;
    await receiver.close();
    receiver = null;
    const down = await once(url);
    expect(down).toMatchObject({ ok: false, permanent: false });
    expect(JSON.stringify(down)).not.toContain('SECRET-KEY');
  });

  it('config: https anywhere, http only to localhost; bounded fields; target hides the key', () => {
    expect(WebhookConfig.safeParse({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' }).success).toBe(true);
    expect(WebhookConfig.safeParse({ url: 'http://localhost:8080/hook' }).success).toBe(true);
    const plain = WebhookConfig.safeParse({ url: 'http://example.com/hook' });
    expect(plain.success).toBe(false);
    expect(plain.error?.issues[0]?.path).toEqual(['url']);
    expect(WebhookConfig.safeParse({ url: 'not a url' }).success).toBe(false);
    expect(WebhookConfig.safeParse({ url: 'https://x.test', mentionMobiles: ['abc'] }).success).toBe(false);
    expect(WebhookConfig.safeParse({ url: 'https://x.test', timeoutMs: 60_000 }).success).toBe(false);
    expect(WebhookConfig.parse({ url: 'https://x.test' })).toEqual({ url: 'https://x.test', format: 'auto', mentionMobiles: [], secretHeader: null, timeoutMs: 5_000 });
    expect(webhook.target(WebhookConfig.parse({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' }))).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?••••');
  });
});
