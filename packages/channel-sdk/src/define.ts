import type { Text } from '@sopline/graph';
import type { z } from 'zod';
import type { ChannelMessage } from './message.ts';
import type { DeliveryResult } from './result.ts';

/** What a send may use besides the message and its config. */
export type SendContext = {
  /** Give up after this long and report a transient failure. */
  timeoutMs: number;
  /** 1 for the first try; retries count up. */
  attempt: number;
  /** Aborted when the process is shutting down; pass it to fetch. */
  signal?: AbortSignal;
  /** The workspace the message belongs to (a channel that sends through the workspace's own accounts needs it). */
  workspaceId?: string;
  /** Whom the message is for: the rep of a digest or a reminder, the person who pressed "test". Null: a group. */
  recipient?: { userId: string; name: string; wecomUserId: string | null } | null;
};

export type ChannelDefinition<S extends z.ZodType = z.ZodType> = {
  /** The name stored in each workspace's settings: a slug, never renamed. */
  id: string;
  name: Text;
  description: Text;
  /** The per-workspace configuration: validated before it is stored, parsed again before each send. */
  configSchema: S;
  /**
   * Which config fields are secrets (a webhook URL with its key, a token). They are never sent back
   * to the browser or written to logs; an update that leaves one out keeps the stored value.
   */
  secretFields?: readonly string[];
  /** One attempt. Must not throw for delivery problems: return a DeliveryResult that says whether to retry. */
  send(message: ChannelMessage, config: z.output<S>, ctx: SendContext): Promise<DeliveryResult>;
  /** A short, secret-free description of where messages go (shown in the delivery log), e.g. the host. */
  target(config: z.output<S>): string;
};

export type AnyChannelDefinition = ChannelDefinition<z.ZodType>;

/** Declares a notification channel; the default export of a channel plugin package. */
export function defineChannel<S extends z.ZodType>(def: ChannelDefinition<S>): ChannelDefinition<S> {
  return def;
}

const isText = (v: unknown) => typeof v === 'object' && v !== null && ['zh-CN', 'en'].every((l) => typeof (v as Record<string, unknown>)[l] === 'string' && (v as Record<string, string>)[l] !== '');

/** What a loaded plugin must carry to be used; empty when it is a valid channel definition. */
export function channelProblems(def: unknown): string[] {
  if (typeof def !== 'object' || def === null) return ['not an object'];
  const d = def as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof d.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(d.id)) problems.push('id must be a slug of up to 64 characters');
  if (!isText(d.name)) problems.push('name needs zh-CN and en');
  if (!isText(d.description)) problems.push('description needs zh-CN and en');
  const schema = d.configSchema as Record<string, unknown> | null | undefined;
  if (typeof schema !== 'object' || schema === null || typeof schema.safeParse !== 'function') problems.push('configSchema must be a zod schema');
  if (typeof d.send !== 'function') problems.push('send() is missing');
  if (typeof d.target !== 'function') problems.push('target() is missing');
  return problems;
}
