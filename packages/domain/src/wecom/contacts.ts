import type { Customer, Db } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import type { ContactProfile, FollowUser, WeComCallback } from '@sopline/wecom';
import { getExternalContact, WeComApiError } from '@sopline/wecom';
import { createCustomerIn } from '../customers.ts';
import { addProperties } from '../properties/index.ts';
import type { WeComApps } from './connection.ts';

/**
 * What a contact callback does to Sopline's customers. An add creates the customer, or merges into
 * the one already known by its external_userid, its unionid or the phone the rep noted (in that
 * order), owned by the rep mapped to the WeCom userid; a `customer.created` then starts welcome
 * journeys. An edit refreshes the profile; a deletion either way is a `contact.lost` event.
 */
type ContactCallback = Extract<WeComCallback, { type: 'contact' }>;

/** The profile fields Sopline keeps as properties, declared (with labels) when first written. */
const PROFILE_PROPERTIES = [
  { key: 'gender', type: 'text' as const, label: text('性别', 'Gender') },
  { key: 'corp_name', type: 'text' as const, label: text('所在企业', 'Company') },
  { key: 'wecom_remark', type: 'text' as const, label: text('企微备注', 'WeCom remark') },
];

const GENDER: Record<number, string> = { 1: '男', 2: '女' };
const MOBILE = /^1\d{10}$/;

function profileProperties(profile: ContactProfile, follow: FollowUser | null): Record<string, string> {
  const props: Record<string, string> = {};
  const gender = GENDER[profile.contact.gender ?? 0];
  if (gender) props.gender = gender;
  const corp = profile.contact.corp_full_name || profile.contact.corp_name;
  if (corp) props.corp_name = corp;
  if (follow?.remark) props.wecom_remark = follow.remark;
  return props;
}

const mobileOf = (follow: FollowUser | null) => follow?.remark_mobiles?.map((m) => m.replace(/[\s-]/g, '')).find((m) => MOBILE.test(m)) ?? null;

async function findContact(db: Db, workspaceId: string, externalUserId: string, unionid: string | null, phone: string | null): Promise<Customer | undefined> {
  const r = repos(db).customers;
  const byWecom = await db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where('wecom_external_userid', '=', externalUserId).executeTakeFirst();
  if (byWecom) return r.get(workspaceId, byWecom.id);
  if (unionid) {
    const found = await r.findByExternalId(workspaceId, { wechat_unionid: unionid });
    if (found) return found;
  }
  return phone ? r.findByExternalId(workspaceId, { phone }) : undefined;
}

export type ContactOutcome = { customerId: string | null; created: boolean; ownerMapped: boolean; note?: string };

/** add_external_contact, add_half_external_contact and edit_external_contact. */
export async function applyContactProfile(db: Db, apps: WeComApps, workspaceId: string, cb: ContactCallback, digest: string): Promise<ContactOutcome> {
  let profile: ContactProfile;
  try {
    profile = await getExternalContact(apps.contact, cb.externalUserId);
  } catch (err) {
    // The contact is already gone again (deleted before we asked): nothing left to add.
    if (err instanceof WeComApiError && err.errcode === 84061) return { customerId: null, created: false, ownerMapped: false, note: 'contact no longer exists' };
    throw err;
  }
  const follow = profile.follows.find((f) => f.userid === cb.userId) ?? null;
  const at = nowIso();
  return db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const owner = await r.users.byWecomUserId(workspaceId, cb.userId);
    const ownerId = owner && owner.active === 1 ? owner.id : null;
    const unionid = profile.contact.unionid || null;
    const phone = mobileOf(follow);
    const props = profileProperties(profile, follow);
    if (Object.keys(props).length > 0) await addProperties(trx, workspaceId, PROFILE_PROPERTIES.filter((p) => p.key in props));
    const tags = [...new Set((follow?.tags ?? []).map((t) => t.tag_name.trim()).filter(Boolean))];
    const existing = await findContact(trx, workspaceId, cb.externalUserId, unionid, phone);
    const isAdd = cb.change !== 'edit_external_contact';
    let customerId: string;
    let created = false;
    if (!existing) {
      if (!isAdd) return { customerId: null, created: false, ownerMapped: Boolean(ownerId), note: 'edit of a contact Sopline does not know' };
      const customer = await createCustomerIn(trx, {
        workspaceId,
        name: profile.contact.name || follow?.remark || cb.externalUserId,
        ownerId,
        wechat_unionid: unionid,
        // findContact found nobody with this phone, so it is free.
        phone,
        properties: props,
        tags,
        source: 'wecom',
        wecomExternalUserId: cb.externalUserId,
        avatarUrl: profile.contact.avatar ?? null,
        createdPayload: { channel: 'wecom', wecomUserId: cb.userId, ...(cb.state ? { state: cb.state } : {}) },
      });
      customerId = customer.id;
      created = true;
    } else {
      customerId = existing.id;
      const patch: Parameters<typeof r.customers.update>[2] = { properties: { ...existing.properties, ...props } };
      if (!existing.wechat_unionid && unionid) patch.wechat_unionid = unionid;
      if (!existing.phone && phone && !(await r.customers.externalIdTaken(workspaceId, { phone }, existing.id))) patch.phone = phone;
      if (!existing.owner_id && ownerId && isAdd) patch.ownerId = ownerId;
      await r.customers.update(workspaceId, existing.id, patch);
      await trx
        .updateTable('customers')
        .set({ wecom_external_userid: cb.externalUserId, ...(profile.contact.avatar ? { avatar_url: profile.contact.avatar } : {}) })
        .where('id', '=', existing.id)
        .execute();
      for (const tag of await r.tags.add(workspaceId, existing.id, tags)) {
        await r.events.insert({ workspaceId, customerId: existing.id, kind: 'tag.added', payload: { tag, source: 'wecom' }, idempotencyKey: `wecom:${digest}:tag:${tag}` });
      }
    }
    if (isAdd || follow) {
      await r.wecom.follow({ workspaceId, externalUserId: cb.externalUserId, wecomUserId: cb.userId, customerId, state: cb.state ?? follow?.state ?? null, remark: follow?.remark ?? null, addedAt: follow?.createtime ? new Date(follow.createtime * 1000).toISOString() : at });
    }
    if (isAdd) {
      await r.events.insert({
        workspaceId,
        customerId,
        kind: 'contact.added',
        payload: { wecomUserId: cb.userId, repId: ownerId, ...(cb.state ? { state: cb.state } : {}), half: cb.change === 'add_half_external_contact' },
        occurredAt: cb.createdAt.toISOString(),
        idempotencyKey: `wecom:${digest}`,
      });
    }
    return { customerId, created, ownerMapped: Boolean(ownerId) };
  });
}

/** del_follow_user (the customer deleted the rep) and del_external_contact (the rep deleted them). */
export async function applyContactLost(db: Db, workspaceId: string, cb: ContactCallback, digest: string): Promise<ContactOutcome> {
  return db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const customer = await findContact(trx, workspaceId, cb.externalUserId, null, null);
    const by = cb.change === 'del_follow_user' ? 'customer' : 'rep';
    const ended = await r.wecom.unfollow(workspaceId, cb.externalUserId, cb.userId, by, cb.createdAt.toISOString());
    if (!customer) return { customerId: null, created: false, ownerMapped: false, note: 'contact Sopline does not know' };
    // A contact moved to another rep by the admin (在职/离职继承) is not lost.
    if (cb.source === 'DELETE_BY_TRANSFER') return { customerId: customer.id, created: false, ownerMapped: true, note: 'transferred' };
    const rep = await r.users.byWecomUserId(workspaceId, cb.userId);
    if (ended || (await r.wecom.follows(workspaceId, cb.externalUserId)).length === 0) {
      await r.events.insert({
        workspaceId,
        customerId: customer.id,
        kind: 'contact.lost',
        payload: { by, wecomUserId: cb.userId, repId: rep?.id ?? null },
        occurredAt: cb.createdAt.toISOString(),
        idempotencyKey: `wecom:${digest}`,
      });
    }
    return { customerId: customer.id, created: false, ownerMapped: Boolean(rep) };
  });
}
