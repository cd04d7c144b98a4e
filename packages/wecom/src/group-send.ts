import { z } from 'zod';
import type { WeComClient } from './client.ts';

/**
 * Group sends to customers (企业群发, externalcontact/add_msg_template): Sopline asks WeCom to let a
 * member send one text to a list of their contacts; the member confirms it in WeCom with one tap,
 * and the per-customer results are read back page by page (get_groupmsg_send_result). A send the
 * member has not confirmed can be reminded (at most three times in 24 hours) or cancelled.
 */
export const MAX_GROUP_SEND_RECIPIENTS = 10_000;
export const MAX_GROUP_SEND_TEXT = 4000;

/** What WeCom says happened to one customer of a group send. */
export const SEND_STATUS = { 0: 'pending', 1: 'sent', 2: 'not-friend', 3: 'limited' } as const;
export type SendStatus = (typeof SEND_STATUS)[keyof typeof SEND_STATUS];

export type GroupMessage = { sender: string; externalUserIds: string[]; text: string };

export async function addMsgTemplate(client: WeComClient, message: GroupMessage): Promise<{ msgid: string; failList: string[] }> {
  if (message.externalUserIds.length === 0 || message.externalUserIds.length > MAX_GROUP_SEND_RECIPIENTS) throw new RangeError(`a group send goes to 1 to ${MAX_GROUP_SEND_RECIPIENTS} customers`);
  const answer = await client.post(
    'externalcontact/add_msg_template',
    { chat_type: 'single', sender: message.sender, external_userid: message.externalUserIds, text: { content: message.text.slice(0, MAX_GROUP_SEND_TEXT) } },
    // Each call makes a send for the member to confirm: a retry after a timeout could make two.
    { idempotent: false },
  );
  const parsed = z.object({ msgid: z.string().min(1), fail_list: z.array(z.string()).optional() }).parse(answer);
  return { msgid: parsed.msgid, failList: parsed.fail_list ?? [] };
}

const SendPage = z.object({
  send_list: z
    .array(z.object({ external_userid: z.string().optional(), userid: z.string().optional(), status: z.number().int(), send_time: z.number().optional() }))
    .default([]),
  next_cursor: z.string().optional(),
});

export type SendResult = { externalUserId: string; status: SendStatus; sentAt: Date | null };

/** Every customer's result of `msgid` for its sender, all pages read. */
export async function groupSendResults(client: WeComClient, msgid: string, sender: string, pageSize = 1000): Promise<SendResult[]> {
  const results: SendResult[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const answer = SendPage.parse(await client.post('externalcontact/get_groupmsg_send_result', { msgid, userid: sender, limit: pageSize, ...(cursor ? { cursor } : {}) }));
    for (const row of answer.send_list) {
      if (!row.external_userid) continue;
      const status = SEND_STATUS[row.status as keyof typeof SEND_STATUS] ?? 'pending';
      results.push({ externalUserId: row.external_userid, status, sentAt: status === 'sent' && row.send_time ? new Date(row.send_time * 1000) : null });
    }
    cursor = answer.next_cursor || undefined;
    if (!cursor) return results;
  }
  throw new Error(`get_groupmsg_send_result of ${msgid}: more than 1000 pages`);
}

/** Reminds the member to confirm the send (WeCom allows three reminders in 24 hours). */
export async function remindGroupSend(client: WeComClient, msgid: string): Promise<void> {
  await client.post('externalcontact/remind_groupmsg_send', { msgid }, { idempotent: false });
}

/** Stops a send the member has not confirmed; customers it reached keep what they got. */
export async function cancelGroupSend(client: WeComClient, msgid: string): Promise<void> {
  await client.post('externalcontact/cancel_groupmsg_send', { msgid });
}
