import type { ChannelMessage } from '@sopline/channel-sdk';
import { attemptSend, redactError } from '@sopline/channel-sdk';
import type { Db, DeliveryRow } from '@sopline/db';
import { repos } from '@sopline/db';
import type { ReminderServices } from './ports.ts';

/**
 * How failures are retried: `in-process` retries here with backoff (a button press: the caller
 * waits); `caller` makes one attempt and says whether to try again, for a durable engine that
 * retries the whole call (the digest's Temporal activity) — `finalAttempt` marks its last try.
 */
export type DeliverMode = { retries: 'in-process'; attempts: number; initialDelayMs: number } | { retries: 'caller'; finalAttempt: boolean };

export type DeliverInput = {
  workspaceId: string;
  userId: string | null;
  kind: DeliveryRow['kind'];
  /** One delivery per key, ever: a repeat finds the row and does not send again once delivered. */
  dedupeKey: string;
  message: ChannelMessage;
  summary: string;
  mode: DeliverMode;
  /** Overrides the workspace's stored channel (the settings page testing unsaved input). */
  channel?: { id: string; config: unknown };
};

export type DeliverOutcome =
  | { status: 'delivered'; deliveryId: string; attempts: number }
  /** Already delivered, failed for good, or being sent by someone else under this key: nothing was sent. */
  | { status: 'duplicate'; deliveryId: string; attempts: number; previous: 'delivered' | 'failed' | 'pending' }
  | { status: 'failed'; deliveryId: string; attempts: number; error: string; permanent: boolean }
  /** `caller` mode only: a transient failure; call again (same key) to retry. */
  | { status: 'retry'; deliveryId: string; attempts: number; error: string }
  | { status: 'no-channel' };

const TIMEOUT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `message` through the workspace's channel, recording every attempt in the delivery log. */
export async function deliver(deps: { db: Db; reminders?: ReminderServices }, input: DeliverInput): Promise<DeliverOutcome> {
  const r = repos(deps.db).reminders;
  let channelId: string;
  let rawConfig: unknown;
  if (input.channel) {
    channelId = input.channel.id;
    rawConfig = input.channel.config;
  } else {
    const settings = await r.channel(input.workspaceId);
    if (!settings || settings.enabled !== 1) return { status: 'no-channel' };
    channelId = settings.channel;
    rawConfig = JSON.parse(settings.config) as unknown;
  }
  const def = deps.reminders?.channels.get(channelId);
  if (!def) return { status: 'no-channel' };
  const parsed = def.configSchema.safeParse(rawConfig);
  const target = parsed.success ? def.target(parsed.data) : '(invalid settings)';

  const row = await r.claimDelivery({ workspace_id: input.workspaceId, user_id: input.userId, kind: input.kind, dedupe_key: input.dedupeKey, channel: channelId, target, summary: input.summary });
  if (row.status !== 'pending') return { status: 'duplicate', deliveryId: row.id, attempts: row.attempts, previous: row.status };

  if (!parsed.success) {
    const attempts = (await r.startAttempt(row.id, row.attempts)) ?? row.attempts + 1;
    const error = `the channel settings are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`;
    await r.finishAttempt(row.id, { status: 'failed', error });
    return { status: 'failed', deliveryId: row.id, attempts, error, permanent: true };
  }

  const person = input.userId ? await repos(deps.db).users.get(input.workspaceId, input.userId) : undefined;
  const recipient = person ? { userId: person.id, name: person.name, wecomUserId: person.wecom_userid } : null;
  let delay = input.mode.retries === 'in-process' ? input.mode.initialDelayMs : 0;
  let seen = row.attempts;
  for (;;) {
    const attempts = await r.startAttempt(row.id, seen);
    // Another sender took this attempt (a double click, a retry racing a slow first try).
    if (attempts === null) return { status: 'duplicate', deliveryId: row.id, attempts: seen, previous: 'pending' };
    seen = attempts;
    const result = await attemptSend(def, input.message, parsed.data, { attempt: attempts, timeoutMs: TIMEOUT_MS, workspaceId: input.workspaceId, recipient });
    if (result.ok) {
      await r.finishAttempt(row.id, { status: 'delivered', error: null });
      return { status: 'delivered', deliveryId: row.id, attempts };
    }
    const error = redactError(result.error);
    const last = input.mode.retries === 'caller' ? input.mode.finalAttempt : attempts >= input.mode.attempts;
    if (result.permanent || last) {
      await r.finishAttempt(row.id, { status: 'failed', error });
      return { status: 'failed', deliveryId: row.id, attempts, error, permanent: result.permanent };
    }
    await r.finishAttempt(row.id, { status: 'pending', error });
    if (input.mode.retries === 'caller') return { status: 'retry', deliveryId: row.id, attempts, error };
    await sleep(delay);
    delay *= 2;
  }
}
