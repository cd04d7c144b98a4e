import type { ChannelCodeRow, Customer, Db } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import type { ContactProfile, ExternalContact, WeComCallback } from '@sopline/wecom';
import { renderScript, scriptValues } from '@sopline/node-send-script';
import { getExternalContact, markTags, sendWelcomeMessage, WeComApiError } from '@sopline/wecom';
import { createCustomerIn } from '../customers.ts';
import { loadSnapshot } from '../engine/step-context.ts';
import { addProperties } from '../properties/index.ts';
import type { WeComApps } from './connection.ts';

/**
 * What WeCom's contacts do to Sopline's customers. An add creates the customer, or merges into the
 * one already known by its external_userid, its unionid or the phone the rep noted (in that order),
 * owned by the rep mapped to the WeCom userid; a `customer.created` then starts welcome journeys.
 * An edit refreshes the profile; a deletion either way is a `contact.lost` event. The import from
 * WeCom writes through the same function, with its events kept as history (no journey starts).
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

/** One rep's side of a contact, as both externalcontact/get and the batch list give it. */
export type ContactFollow = { userid: string; remark?: string | undefined; createtime?: number | undefined; state?: string | undefined; remark_mobiles?: string[] | undefined; tags: Array<{ name: string; wecomTagId: string | null }> };

export type ContactWrite = {
  workspaceId: string;
  contact: ExternalContact;
  follow: ContactFollow;
  /** 'add' may create the customer and records contact.added; 'edit' only refreshes a known one. */
  change: 'add' | 'half-add' | 'edit';
  /** Makes the events' idempotency keys: the callback's digest, or the import run. */
  eventKey: string;
  occurredAt: string;
  /** The import from WeCom: events are history, no journey starts. */
  history?: boolean;
  /** When the customer joined (the rep's add time), for imported contacts. */
  createdAt?: string;
};

export type ContactOutcome = { customerId: string | null; created: boolean; ownerMapped: boolean; note?: string; channelCode?: ChannelCodeRow | null };

function profileProperties(contact: ExternalContact, follow: ContactFollow): Record<string, string> {
  const props: Record<string, string> = {};
  const gender = GENDER[contact.gender ?? 0];
  if (gender) props.gender = gender;
  const corp = contact.corp_full_name || contact.corp_name;
  if (corp) props.corp_name = corp;
  if (follow.remark) props.wecom_remark = follow.remark;
  return props;
}

const mobileOf = (follow: ContactFollow) => follow.remark_mobiles?.map((m) => m.replace(/[\s-]/g, '')).find((m) => MOBILE.test(m)) ?? null;

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

/** Creates or merges the customer, its tags and the rep's follow, in the transaction `db`. */
export async function writeContact(db: Db, input: ContactWrite): Promise<ContactOutcome> {
  const { workspaceId, contact, follow } = input;
  const r = repos(db);
  const owner = await r.users.byWecomUserId(workspaceId, follow.userid);
  const ownerId = owner && owner.active === 1 ? owner.id : null;
  const unionid = contact.unionid || null;
  const phone = mobileOf(follow);
  const props = profileProperties(contact, follow);
  if (Object.keys(props).length > 0) await addProperties(db, workspaceId, PROFILE_PROPERTIES.filter((p) => p.key in props));
  // Corp tags keep their WeCom id, so later renames in WeCom follow them here.
  for (const t of follow.tags) if (t.wecomTagId) await r.wecom.linkTag(workspaceId, t.name, t.wecomTagId);
  // Through a channel code: its tags and its source come with the contact.
  const code = follow.state ? ((await r.channelCodes.byState(workspaceId, follow.state)) ?? null) : null;
  const tags = [...new Set([...follow.tags.map((t) => t.name), ...(code ? (JSON.parse(code.tags) as string[]) : [])])];
  const existing = await findContact(db, workspaceId, contact.external_userid, unionid, phone);
  const isAdd = input.change !== 'edit';
  const history = input.history ? { history: true } : {};
  let customerId: string;
  let created = false;
  if (!existing) {
    if (!isAdd) return { customerId: null, created: false, ownerMapped: Boolean(ownerId), note: 'edit of a contact Sopline does not know' };
    const customer = await createCustomerIn(db, {
      workspaceId,
      name: contact.name || follow.remark || contact.external_userid,
      ownerId,
      wechat_unionid: unionid,
      // findContact found nobody with this phone, so it is free.
      phone,
      properties: props,
      tags,
      source: code?.source ?? 'wecom',
      wecomExternalUserId: contact.external_userid,
      avatarUrl: contact.avatar ?? null,
      createdPayload: { channel: 'wecom', wecomUserId: follow.userid, ...(follow.state ? { state: follow.state } : {}), ...(code ? { channelCode: code.id, channelCodeName: code.name } : {}) },
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      ...history,
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
    await db
      .updateTable('customers')
      .set({ wecom_external_userid: contact.external_userid, ...(contact.avatar ? { avatar_url: contact.avatar } : {}) })
      .where('id', '=', existing.id)
      .execute();
    for (const tag of await r.tags.add(workspaceId, existing.id, tags)) {
      await r.events.insert({ workspaceId, customerId: existing.id, kind: 'tag.added', payload: { tag, source: 'wecom' }, idempotencyKey: `${input.eventKey}:tag:${tag}`, ...history });
    }
  }
  const addedAt = follow.createtime ? new Date(follow.createtime * 1000).toISOString() : input.occurredAt;
  const fresh = await r.wecom.follow({ workspaceId, externalUserId: contact.external_userid, wecomUserId: follow.userid, customerId, state: follow.state ?? null, remark: follow.remark ?? null, addedAt });
  if (isAdd && fresh) {
    await r.events.insert({
      workspaceId,
      customerId,
      kind: 'contact.added',
      payload: { wecomUserId: follow.userid, repId: ownerId, ...(follow.state ? { state: follow.state } : {}), ...(code ? { channelCode: code.id, source: code.source } : {}), half: input.change === 'half-add' },
      occurredAt: input.history ? addedAt : input.occurredAt,
      idempotencyKey: `${input.eventKey}:added:${follow.userid}`,
      ...history,
    });
  }
  return { customerId, created, ownerMapped: Boolean(ownerId), channelCode: code };
}

/** add_external_contact, add_half_external_contact and edit_external_contact: asks WeCom for the profile, then writes it. */
export async function applyContactProfile(db: Db, apps: WeComApps, workspaceId: string, cb: ContactCallback, digest: string): Promise<ContactOutcome> {
  let profile: ContactProfile;
  try {
    profile = await getExternalContact(apps.contact, cb.externalUserId);
  } catch (err) {
    // The contact is already gone again (deleted before we asked): nothing left to add.
    if (err instanceof WeComApiError && err.errcode === 84061) return { customerId: null, created: false, ownerMapped: false, note: 'contact no longer exists' };
    throw err;
  }
  const raw = profile.follows.find((f) => f.userid === cb.userId);
  const follow: ContactFollow = {
    userid: cb.userId,
    remark: raw?.remark,
    createtime: raw?.createtime,
    state: cb.state ?? raw?.state,
    remark_mobiles: raw?.remark_mobiles,
    tags: (raw?.tags ?? []).map((t) => ({ name: t.tag_name.trim(), wecomTagId: t.type === 1 && t.tag_id ? t.tag_id : null })).filter((t) => t.name !== ''),
  };
  const change = cb.change === 'edit_external_contact' ? 'edit' : cb.change === 'add_half_external_contact' ? 'half-add' : 'add';
  const outcome = await db.transaction().execute((trx) => writeContact(trx, { workspaceId, contact: profile.contact, follow, change, eventKey: `wecom:${digest}`, occurredAt: cb.createdAt.toISOString() }));
  const notes: string[] = [];
  if (change !== 'edit' && outcome.channelCode) notes.push(await mirrorCodeTags(db, apps, workspaceId, outcome.channelCode, cb.userId, cb.externalUserId));
  const welcome = outcome.channelCode?.welcome_script;
  if (change !== 'edit' && welcome && cb.welcomeCode && outcome.customerId) {
    // The welcome code lives 20 seconds: one try now, never a retry of the whole callback for it.
    try {
      const snapshot = await loadSnapshot(db, workspaceId, outcome.customerId);
      const workspace = await repos(db).workspaces.get(workspaceId);
      await sendWelcomeMessage(apps.contact, cb.welcomeCode, renderScript(welcome, scriptValues(snapshot, null, workspace?.timezone ?? 'Asia/Shanghai')));
      notes.push('welcome sent');
    } catch (err) {
      notes.push(`welcome not sent: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const note = [outcome.note, ...notes].filter(Boolean).join('; ');
  return note ? { ...outcome, note } : outcome;
}

/**
 * The code's tags that are WeCom corp tags are given in WeCom too (mark_tag), so the rep sees them on
 * the contact there. Tags that exist only in Sopline stay in Sopline: the corp's tag library is the
 * admin's to change. One try, said in the callback's note; the contact is in Sopline either way.
 */
async function mirrorCodeTags(db: Db, apps: WeComApps, workspaceId: string, code: ChannelCodeRow, userId: string, externalUserId: string): Promise<string> {
  const ids: string[] = [];
  for (const name of JSON.parse(code.tags) as string[]) {
    const tag = await repos(db).tags.byName(workspaceId, name);
    if (tag?.wecom_tag_id) ids.push(tag.wecom_tag_id);
  }
  if (ids.length === 0) return '';
  try {
    await markTags(apps.contact, { userId, externalUserId, add: ids });
    return `${ids.length} corp tag(s) marked in WeCom`;
  } catch (err) {
    return `corp tags not marked in WeCom: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** del_follow_user (the customer deleted the rep) and del_external_contact (the rep deleted them). */
export async function applyContactLost(db: Db, workspaceId: string, cb: ContactCallback, digest: string): Promise<ContactOutcome> {
  return db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const customer = await findContact(trx, workspaceId, cb.externalUserId, null, null);
    const by = cb.change === 'del_follow_user' ? 'customer' : 'rep';
    await r.wecom.unfollow(workspaceId, cb.externalUserId, cb.userId, by, cb.createdAt.toISOString());
    if (!customer) return { customerId: null, created: false, ownerMapped: false, note: 'contact Sopline does not know' };
    // A contact moved to another rep by the admin (在职/离职继承) is not lost.
    if (cb.source === 'DELETE_BY_TRANSFER') return { customerId: customer.id, created: false, ownerMapped: true, note: 'transferred' };
    const rep = await r.users.byWecomUserId(workspaceId, cb.userId);
    await r.events.insert({
      workspaceId,
      customerId: customer.id,
      kind: 'contact.lost',
      payload: { by, wecomUserId: cb.userId, repId: rep?.id ?? null },
      occurredAt: cb.createdAt.toISOString(),
      idempotencyKey: `wecom:${digest}`,
    });
    return { customerId: customer.id, created: false, ownerMapped: Boolean(rep) };
  });
}
