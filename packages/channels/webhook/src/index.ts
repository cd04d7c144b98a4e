import type { ChannelMessage, DeliveryResult } from '@sopline/channel-sdk';
import { defineChannel, delivered, isRetryableStatus, permanentFailure, redactError, redactUrl, toMarkdown, toPlainText, transientFailure } from '@sopline/channel-sdk';
import { z } from 'zod';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only to this machine (a local receiver, a test). */
const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => {
    try {
      const url = new URL(s);
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
    } catch {
      return false;
    }
  }, { message: 'Must be an https:// address (http:// only for this machine)', params: { zh: '必须是 https:// 开头的地址（http:// 只能用于本机）' } });

export const WebhookConfig = z.object({
  url: WebhookUrl,
  /** markdown: a Markdown message; text: plain text, which can @mention members by mobile; auto: text when someone is to be mentioned. */
  format: z.enum(['auto', 'markdown', 'text']).default('auto'),
  /** Members to @mention in every message (a WeCom group robot notifies them), besides each message's own. */
  mentionMobiles: z.array(z.string().trim().refine((s) => /^\+?\d{5,20}$/.test(s), { message: 'A mobile number, digits only', params: { zh: '手机号只能是数字' } })).max(20).default([]),
  /** An extra header for receivers that check a shared secret. */
  secretHeader: z
    .object({ name: z.string().trim().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name'), value: z.string().min(1).max(500) })
    .nullable()
    .default(null),
  timeoutMs: z.number().int().min(500).max(30_000).default(5_000),
});
export type WebhookConfig = z.output<typeof WebhookConfig>;

/** The JSON body, in the shape of a WeCom (企业微信) group robot. */
export function webhookBody(message: ChannelMessage, config: WebhookConfig): Record<string, unknown> {
  const mentions = [...new Set([...config.mentionMobiles, ...message.mentions])];
  const asText = config.format === 'text' || (config.format === 'auto' && mentions.length > 0);
  if (asText) return { msgtype: 'text', text: { content: toPlainText(message), mentioned_mobile_list: mentions } };
  return { msgtype: 'markdown', markdown: { content: toMarkdown(message) } };
}

/** WeCom's "busy" and "rate limited" codes are worth retrying; any other non-zero errcode is a rejection. */
const RETRYABLE_ERRCODES = new Set([-1, 45009, 45033]);

function readErrcode(body: string): { errcode: number; errmsg: string } | null {
  try {
    const json = JSON.parse(body) as unknown;
    if (typeof json === 'object' && json !== null && 'errcode' in json && typeof json.errcode === 'number') {
      const errmsg = 'errmsg' in json && typeof json.errmsg === 'string' ? json.errmsg : '';
      return { errcode: json.errcode, errmsg };
    }
  } catch {
    // Not JSON: a plain receiver that answered 2xx accepted the message.
  }
  return null;
}

export async function sendWebhook(message: ChannelMessage, config: WebhookConfig, ctx: { timeoutMs: number; signal?: AbortSignal }): Promise<DeliveryResult> {
  const timeoutMs = Math.min(config.timeoutMs, ctx.timeoutMs);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey };
  if (config.secretHeader) headers[config.secretHeader.name] = config.secretHeader.value;
  let response: Response;
  let body: string;
  try {
    // No redirects: a webhook that moves is a configuration to fix, and following it could leak the body elsewhere.
    response = await fetch(config.url, { method: 'POST', headers, body: JSON.stringify(webhookBody(message, config)), redirect: 'manual', signal });
    body = await response.text();
  } catch (err) {
    if (timeout.aborted) return transientFailure(`no answer from ${redactUrl(config.url)} within ${timeoutMs} ms`);
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return transientFailure(redactError(`could not reach ${redactUrl(config.url)}${cause || (err instanceof Error ? `: ${err.message}` : '')}`));
  }
  const status = response.status;
  if (status < 200 || status >= 300) {
    const what = `${redactUrl(config.url)} answered HTTP ${status}${body ? `: ${redactError(body, 200)}` : ''}`;
    return isRetryableStatus(status) ? transientFailure(what, status) : permanentFailure(what, status);
  }
  const code = readErrcode(body);
  if (code && code.errcode !== 0) {
    const what = `the webhook refused the message: errcode ${code.errcode}${code.errmsg ? ` (${redactError(code.errmsg, 200)})` : ''}`;
    return RETRYABLE_ERRCODES.has(code.errcode) ? transientFailure(what, status) : permanentFailure(what, status);
  }
  return delivered(status);
}

export const webhookChannel = defineChannel({
  id: 'webhook',
  name: { 'zh-CN': '群机器人 Webhook', en: 'Group robot webhook' },
  description: {
    'zh-CN': '以 JSON POST 发送到一个 Webhook 地址，格式与企业微信群机器人相同（markdown 或 text，可 @ 手机号）。',
    en: 'Posts JSON to a webhook address in the format of a WeCom group robot (markdown, or text that can @mention mobiles).',
  },
  configSchema: WebhookConfig,
  secretFields: ['url', 'secretHeader'],
  send: (message, config, ctx) => sendWebhook(message, config, ctx),
  target: (config) => redactUrl(config.url),
});

export default webhookChannel;
