import { z } from 'zod';
import type { WeComClient } from './client.ts';

/**
 * The customer-contact (客户联系) reads: one contact with every rep who has them, every contact of
 * a list of reps page by page, the reps who may have contacts at all, and the corp's tag catalogue.
 */
const Tag = z.object({ tag_id: z.string().optional(), tag_name: z.string(), group_name: z.string().optional(), type: z.number().optional() });

const ExternalContact = z.object({
  external_userid: z.string(),
  name: z.string().default(''),
  avatar: z.string().optional(),
  /** 1 WeChat user, 2 WeCom user. */
  type: z.number().optional(),
  /** 0 unknown, 1 male, 2 female. */
  gender: z.number().optional(),
  unionid: z.string().optional(),
  corp_name: z.string().optional(),
  corp_full_name: z.string().optional(),
});

const FollowUser = z.object({
  userid: z.string(),
  remark: z.string().optional(),
  description: z.string().optional(),
  createtime: z.number().optional(),
  tags: z.array(Tag).optional(),
  remark_mobiles: z.array(z.string()).optional(),
  state: z.string().optional(),
  add_way: z.number().optional(),
});

export type ExternalContact = z.infer<typeof ExternalContact>;
export type FollowUser = z.infer<typeof FollowUser>;
/** One contact as Sopline keeps it: the person, and the reps who have them. */
export type ContactProfile = { contact: ExternalContact; follows: FollowUser[] };

const GetAnswer = z.object({ external_contact: ExternalContact, follow_user: z.array(FollowUser).default([]), next_cursor: z.string().optional() });

/** externalcontact/get, following its cursor when a contact has more reps than one page holds. */
export async function getExternalContact(client: WeComClient, externalUserId: string): Promise<ContactProfile> {
  const follows: FollowUser[] = [];
  let cursor: string | undefined;
  let contact: ExternalContact | undefined;
  for (let page = 0; page < 50; page += 1) {
    const answer = GetAnswer.parse(await client.get('externalcontact/get', { external_userid: externalUserId, cursor }));
    contact = answer.external_contact;
    follows.push(...answer.follow_user);
    if (!answer.next_cursor) break;
    cursor = answer.next_cursor;
  }
  if (!contact) throw new Error('externalcontact/get returned no contact');
  return { contact, follows };
}

const BatchAnswer = z.object({
  external_contact_list: z
    .array(
      z.object({
        external_contact: ExternalContact,
        follow_info: FollowUser.omit({ tags: true }).extend({ tag_id: z.array(z.string()).optional() }),
      }),
    )
    .default([]),
  next_cursor: z.string().optional(),
});
export type BatchPage = z.infer<typeof BatchAnswer>;

/** externalcontact/batch/get_by_user: one page (at most 100) of the contacts of up to 100 reps. */
export async function contactsPage(client: WeComClient, userIds: string[], cursor: string | undefined, limit = 100): Promise<BatchPage> {
  return BatchAnswer.parse(await client.post('externalcontact/batch/get_by_user', { userid_list: userIds, cursor: cursor ?? '', limit }));
}

/** externalcontact/get_follow_user_list: the members allowed to have customer contacts. */
export async function followUserList(client: WeComClient): Promise<string[]> {
  return z.object({ follow_user: z.array(z.string()).default([]) }).parse(await client.get('externalcontact/get_follow_user_list')).follow_user;
}

const TagGroup = z.object({
  group_id: z.string(),
  group_name: z.string(),
  deleted: z.boolean().optional(),
  tag: z.array(z.object({ id: z.string(), name: z.string(), deleted: z.boolean().optional() })).default([]),
});
export type CorpTagGroup = z.infer<typeof TagGroup>;

/** externalcontact/get_corp_tag_list: the corp's tag groups and tags (企业标签). */
export async function corpTags(client: WeComClient, filter: { tagIds?: string[]; groupIds?: string[] } = {}): Promise<CorpTagGroup[]> {
  const answer = await client.post('externalcontact/get_corp_tag_list', { tag_id: filter.tagIds, group_id: filter.groupIds });
  return z.object({ tag_group: z.array(TagGroup).default([]) }).parse(answer).tag_group;
}

/** Gives (and takes) corp tags on one member's contact in WeCom (externalcontact/mark_tag); repeating it changes nothing. */
export async function markTags(client: WeComClient, input: { userId: string; externalUserId: string; add?: string[]; remove?: string[] }): Promise<void> {
  if (!input.add?.length && !input.remove?.length) return;
  await client.post('externalcontact/mark_tag', { userid: input.userId, external_userid: input.externalUserId, ...(input.add?.length ? { add_tag: input.add } : {}), ...(input.remove?.length ? { remove_tag: input.remove } : {}) });
}
