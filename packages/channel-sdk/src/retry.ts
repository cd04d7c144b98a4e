import type { z } from 'zod';
import type { ChannelDefinition, SendContext } from './define.ts';
import type { ChannelMessage } from './message.ts';
import type { DeliveryResult } from './result.ts';
import { redactError, transientFailure } from './result.ts';

export type RetryOptions = {
  /** Tries in all, including the first. */
  attempts: number;
  /** Wait before the second try; doubles each time. */
  initialDelayMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called after every try, e.g. to write the delivery log. */
  onAttempt?: (attempt: number, result: DeliveryResult) => void | Promise<void>;
};

/**
 * One attempt that never throws: a send that throws anyway (a plugin bug, a network error it did
 * not catch) counts as a transient failure with the URL-free message.
 */
export async function attemptSend<S extends z.ZodType>(channel: ChannelDefinition<S>, message: ChannelMessage, config: z.output<S>, ctx: SendContext): Promise<DeliveryResult> {
  try {
    return await channel.send(message, config, ctx);
  } catch (err) {
    return transientFailure(redactError(err instanceof Error ? err.message : String(err)));
  }
}

/**
 * Sends with retries and exponential backoff, for callers without a durable engine (a test button,
 * a manager's "remind now"). The daily digest retries through Temporal instead, one attempt per
 * activity try. Stops at the first success or permanent failure.
 */
export async function sendWithRetry<S extends z.ZodType>(channel: ChannelDefinition<S>, message: ChannelMessage, config: z.output<S>, options: RetryOptions): Promise<DeliveryResult & { attempts: number }> {
  let delay = options.initialDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    const result = await attemptSend(channel, message, config, { attempt, timeoutMs: options.timeoutMs, signal: options.signal });
    await options.onAttempt?.(attempt, result);
    if (result.ok || result.permanent || attempt >= options.attempts || options.signal?.aborted) return { ...result, attempts: attempt };
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay *= 2;
  }
}
