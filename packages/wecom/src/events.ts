import { z } from 'zod';
import { parseXml } from './xml.ts';
import type { XmlRecord } from './xml.ts';

/**
 * The decrypted callbacks Sopline acts on (客户联系 → 事件), read from their XML. Anything else
 * WeCom sends (app messages, other events) parses as `other`: stored, acknowledged, not acted on.
 */
export const CONTACT_CHANGES = ['add_external_contact', 'add_half_external_contact', 'edit_external_contact', 'del_external_contact', 'del_follow_user', 'transfer_fail'] as const;
export type ContactChange = (typeof CONTACT_CHANGES)[number];

export type WeComCallback =
  | {
      type: 'contact';
      change: ContactChange;
      corpId: string;
      /** The rep (member) the change is about. */
      userId: string;
      externalUserId: string;
      /** The channel code's `state` the customer came through, if any. */
      state: string | null;
      /** Valid for 20 s after an add: lets the welcome message go out. */
      welcomeCode: string | null;
      /** del_external_contact: DELETE_BY_TRANSFER when the contact moved to another rep. */
      source: string | null;
      failReason: string | null;
      createdAt: Date;
    }
  | { type: 'tag'; change: 'create' | 'update' | 'delete' | 'shuffle'; tagType: 'tag' | 'tag_group'; id: string; corpId: string; createdAt: Date }
  | { type: 'other'; msgType: string; event: string | null; corpId: string; createdAt: Date };

const id = z.string().trim().min(1).max(256);
const optional = z.string().max(512).optional();
const Common = z.object({
  ToUserName: id,
  CreateTime: z.string().regex(/^\d{1,12}$/, 'CreateTime is seconds since 1970'),
  MsgType: z.string().min(1).max(64),
  Event: optional,
  ChangeType: optional,
});
const Contact = z.object({
  UserID: id,
  ExternalUserID: id,
  State: optional,
  WelcomeCode: optional,
  Source: optional,
  FailReason: optional,
});
const Tag = z.object({ Id: id, TagType: z.enum(['tag', 'tag_group']), ChangeType: z.enum(['create', 'update', 'delete', 'shuffle']) });

export class CallbackShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallbackShapeError';
  }
}

function fields<T extends z.ZodType>(schema: T, record: XmlRecord): z.infer<T> {
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CallbackShapeError(`${issue?.path.join('.') || 'xml'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);

export function readCallback(plaintext: string): WeComCallback {
  const record = parseXml(plaintext);
  const common = fields(Common, record);
  const createdAt = new Date(Number(common.CreateTime) * 1000);
  const corpId = common.ToUserName;
  if (common.MsgType === 'event' && common.Event === 'change_external_contact') {
    const change = CONTACT_CHANGES.find((c) => c === common.ChangeType);
    if (change) {
      const c = fields(Contact, record);
      return {
        type: 'contact',
        change,
        corpId,
        userId: c.UserID,
        externalUserId: c.ExternalUserID,
        state: orNull(c.State),
        welcomeCode: orNull(c.WelcomeCode),
        source: orNull(c.Source),
        failReason: orNull(c.FailReason),
        createdAt,
      };
    }
  }
  if (common.MsgType === 'event' && common.Event === 'change_external_tag') {
    const t = fields(Tag, record);
    return { type: 'tag', change: t.ChangeType, tagType: t.TagType, id: t.Id, corpId, createdAt };
  }
  return { type: 'other', msgType: common.MsgType, event: orNull(common.Event), corpId, createdAt };
}
