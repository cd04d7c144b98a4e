import type { useTRPCClient } from '../trpc.ts';

type Bilingual = { 'zh-CN': string; en: string };
export type RemindResult = { delivered: boolean; reason?: string; message?: Bilingual };

/** Sends the rep a message listing their overdue tasks, through the workspace's channel. */
export function remindRep(client: ReturnType<typeof useTRPCClient>, userId: string): Promise<RemindResult> {
  return client.reminders.remindRep.mutate({ userId });
}

/** Why a reminder was not delivered, in the user's language (the server's words when it sent them). */
export function notDeliveredReason(result: RemindResult, lang: string): string {
  if (result.message) return lang.startsWith('zh') ? result.message['zh-CN'] : result.message.en;
  return result.reason ?? '';
}
