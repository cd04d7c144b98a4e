import { z } from 'zod';
import type { WeComClient } from './client.ts';

/**
 * Contact ways (联系我): what a channel code is in WeCom. A QR code (scene 2) for one member
 * (type 1) or rotating across several (type 2), carrying a `state` of at most 30 characters that
 * comes back on every contact added through it. And the welcome message a new contact gets, sent
 * with the WelcomeCode of the add event (valid for 20 seconds).
 */
export const MAX_STATE_LENGTH = 30;

export type ContactWay = { userIds: string[]; state: string; remark?: string };

export async function addContactWay(client: WeComClient, way: ContactWay): Promise<{ configId: string; qrCode: string }> {
  const answer = await client.post(
    'externalcontact/add_contact_way',
    { type: way.userIds.length === 1 ? 1 : 2, scene: 2, skip_verify: true, state: way.state, user: way.userIds, ...(way.remark ? { remark: way.remark.slice(0, 30) } : {}) },
    // A retry after a timeout could make a second code: only WeCom's own "try again" answers are retried.
    { idempotent: false },
  );
  const parsed = z.object({ config_id: z.string().min(1), qr_code: z.string().min(1) }).parse(answer);
  return { configId: parsed.config_id, qrCode: parsed.qr_code };
}

export async function updateContactWay(client: WeComClient, configId: string, way: ContactWay): Promise<void> {
  await client.post('externalcontact/update_contact_way', { config_id: configId, skip_verify: true, state: way.state, user: way.userIds, ...(way.remark ? { remark: way.remark.slice(0, 30) } : {}) });
}

export async function deleteContactWay(client: WeComClient, configId: string): Promise<void> {
  await client.post('externalcontact/del_contact_way', { config_id: configId });
}

/** externalcontact/send_welcome_msg: the text a contact gets the moment they are added. */
export async function sendWelcomeMessage(client: WeComClient, welcomeCode: string, content: string): Promise<void> {
  await client.post('externalcontact/send_welcome_msg', { welcome_code: welcomeCode, text: { content: content.slice(0, 4000) } }, { idempotent: false });
}
