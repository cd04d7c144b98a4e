import { repos } from '@sopline/db';
import { processDueCallbacks } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simEncrypt, simSignature } from '../../support/wecom-simulator.ts';
import type { WeComWorld } from '../../support/wecom-world.ts';
import { startWeComWorld } from '../../support/wecom-world.ts';

let w: WeComWorld;
beforeEach(async () => {
  w = await startWeComWorld();
});
afterEach(async () => {
  await w.close();
});

const customers = () => w.db.selectFrom('customers').selectAll().where('workspace_id', '=', w.workspace.id).execute();
const events = (kind?: string) => {
  let q = w.db.selectFrom('events').selectAll().where('workspace_id', '=', w.workspace.id);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('seq').execute();
};
const callbacks = () => w.db.selectFrom('wecom_callbacks').selectAll().where('workspace_id', '=', w.workspace.id).execute();
const post = (query: URLSearchParams | string, body: string) => fetch(`${w.callbackUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });

describe('the callback URL', () => {
  it('passes WeCom’s URL check within a second and records it', async () => {
    const check = await w.sim.verifyUrl();
    expect(check).toMatchObject({ ok: true, status: 200 });
    expect(check.ms).toBeLessThan(1000);
    expect((await repos(w.db).wecom.settings(w.workspace.id))!.callback_verified_at).not.toBeNull();
  });

  it('answers success at once and does the work after: a customer owned by the rep, tagged, with a customer.created', async () => {
    const vip = w.sim.corpTag('客户等级', '高意向');
    const douyin = w.sim.corpTag('来源', '抖音');
    const added = await w.sim.addContact({
      userId: 'li.na',
      contact: { name: '张小红', avatar: 'https://wework.qpic.cn/avatar/1', gender: 2, unionid: 'oUNION-zhang', corp_name: '' },
      state: 'douyin-2026',
      tags: [vip, douyin],
      remark: '抖音直播间 张姐',
    });
    expect(added.delivery).toMatchObject({ status: 200, body: 'success', attempts: 1 });
    expect(w.sim.deliveries[0]!.ms).toBeLessThan(1000);
    // Stored, not yet processed: WeCom was answered before Sopline asked it anything.
    expect(await customers()).toHaveLength(0);
    expect(w.sim.callsOf('externalcontact/get')).toHaveLength(0);
    expect((await callbacks()).map((c) => [c.kind, c.state])).toEqual([['contact.add_external_contact', 'pending']]);

    const results = await processDueCallbacks(w.deps);
    expect(results.map((r) => r.outcome)).toEqual(['done']);
    const [c] = await customers();
    expect(c).toMatchObject({ name: '张小红', owner_id: w.reps.li.id, wechat_unionid: 'oUNION-zhang', wecom_external_userid: added.externalUserId, avatar_url: 'https://wework.qpic.cn/avatar/1' });
    expect(JSON.parse(c!.properties)).toEqual({ gender: '女', wecom_remark: '抖音直播间 张姐' });
    const tags = await repos(w.db).tags.ofCustomer(c!.id);
    expect([...tags].sort()).toEqual(['抖音', '高意向']);
    const created = await events('customer.created');
    expect(created).toHaveLength(1);
    expect(JSON.parse(created[0]!.payload)).toMatchObject({ source: 'wecom', channel: 'wecom', wecomUserId: 'li.na', state: 'douyin-2026' });
    expect((await events('contact.added')).map((e) => JSON.parse(e.payload))).toEqual([{ wecomUserId: 'li.na', repId: w.reps.li.id, state: 'douyin-2026', half: false }]);
    expect(await repos(w.db).wecom.follows(w.workspace.id, added.externalUserId)).toMatchObject([{ wecom_userid: 'li.na', customer_id: c!.id, state: 'douyin-2026', removed_at: null }]);
    // The profile's properties are declared with labels, so screens can name them.
    const declared = await w.db.selectFrom('properties').select(['key', 'label_zh']).where('workspace_id', '=', w.workspace.id).execute();
    expect(declared).toEqual(expect.arrayContaining([{ key: 'gender', label_zh: '性别' }, { key: 'wecom_remark', label_zh: '企微备注' }]));
  });

  it('has no second effect when the same callback arrives three more times', async () => {
    const plaintext = w.sim.eventXml({ Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'wang.lei', ExternalUserID: 'wmREPLAY001', WelcomeCode: 'W1' });
    w.sim.contacts.set('wmREPLAY001', { contact: { external_userid: 'wmREPLAY001', name: '重放客户' }, follows: [{ userid: 'wang.lei', createtime: 1, tags: [] }] });
    const { query, body } = w.sim.envelope(plaintext);
    for (let i = 0; i < 4; i += 1) {
      const res = await post(query, body);
      expect([res.status, await res.text()]).toEqual([200, 'success']);
    }
    // WeCom's own retry re-encrypts: a new envelope, the same message.
    await w.sim.deliver(plaintext);
    expect(await callbacks()).toHaveLength(1);
    await processDueCallbacks(w.deps);
    await processDueCallbacks(w.deps);
    expect(await customers()).toHaveLength(1);
    expect(await events('customer.created')).toHaveLength(1);
    expect(await events('contact.added')).toHaveLength(1);
  });

  it('refuses what WeCom did not send (4xx), logs why and stores nothing', async () => {
    const plaintext = w.sim.eventXml({ Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'li.na', ExternalUserID: 'wmEVIL' });
    const { query, body } = w.sim.envelope(plaintext);
    const status = async (q: URLSearchParams | string, b: string, url = w.callbackUrl) => (await fetch(`${url}?${q}`, { method: 'POST', body: b })).status;

    const forged = new URLSearchParams(query);
    forged.set('msg_signature', 'f'.repeat(40));
    expect(await status(forged, body)).toBe(403);
    const missing = new URLSearchParams(query);
    missing.delete('nonce');
    expect(await status(missing, body)).toBe(400);

    // Signed with the right token but encrypted for another corp.
    const foreign = simEncrypt(w.sim.encodingAesKey, plaintext, 'wwANOTHERCORP00001');
    const ts = query.get('timestamp')!;
    const nonce = query.get('nonce')!;
    const foreignQuery = new URLSearchParams({ msg_signature: simSignature(w.sim.token, ts, nonce, foreign), timestamp: ts, nonce });
    expect(await status(foreignQuery, `<xml><Encrypt><![CDATA[${foreign}]]></Encrypt></xml>`)).toBe(403);

    // An old message replayed, correctly signed: its timestamp gives it away.
    w.sim.skewMs = -60 * 60_000;
    const old = w.sim.envelope(plaintext);
    w.sim.skewMs = 0;
    expect(await status(old.query, old.body)).toBe(400);

    expect(await status(query, '<xml><Encrypt>unclosed')).toBe(400);
    expect(await status(query, '<!DOCTYPE x [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>')).toBe(400);
    expect(await status(query, '<xml><Other>1</Other></xml>')).toBe(400);
    expect(await status(query, 'x'.repeat(70 * 1024))).toBe(413);
    expect(await status(query, body, w.callbackUrl.replace(/[^/]+$/, 'not-a-workspace-key'))).toBe(404);

    expect(await callbacks()).toHaveLength(0);
    const refused = w.logLines.filter((l) => l.includes('WeCom callback refused')).map((l) => JSON.parse(l).reason);
    expect(refused).toEqual(['signature', 'query', 'corp', 'stale', 'xml', 'xml', 'xml', 'size', 'unknown']);
    // The real message still goes through afterwards.
    expect(await status(query, body)).toBe(200);
  });
});

describe('contacts', () => {
  it('merges into the customer already known by unionid, then by the phone the rep noted', async () => {
    const r = repos(w.db);
    const known = await r.customers.create({ workspaceId: w.workspace.id, name: '会员 王芳', wechat_unionid: 'oUNION-wang', member_id: 'M-1' });
    const byPhone = await r.customers.create({ workspaceId: w.workspace.id, name: '门店 赵敏', phone: '13900001111' });
    await w.sim.addContact({ userId: 'wang.lei', contact: { name: '芳芳', unionid: 'oUNION-wang' } });
    await w.sim.addContact({ userId: 'li.na', contact: { name: 'Zhao', unionid: 'oUNION-other' }, remark_mobiles: ['139-0000-1111'] });
    await processDueCallbacks(w.deps);
    const all = await customers();
    expect(all).toHaveLength(2);
    const wang = all.find((c) => c.id === known.id)!;
    const zhao = all.find((c) => c.id === byPhone.id)!;
    expect(wang).toMatchObject({ name: '会员 王芳', owner_id: w.reps.wang.id, member_id: 'M-1' });
    expect(wang.wecom_external_userid).toMatch(/^wm/);
    expect(zhao).toMatchObject({ owner_id: w.reps.li.id, wechat_unionid: 'oUNION-other', phone: '13900001111' });
    expect(await events('customer.created')).toHaveLength(0);
    expect(await events('contact.added')).toHaveLength(2);
  });

  it('leaves the customer unassigned when the WeCom member is not mapped to anyone', async () => {
    await w.sim.addContact({ userId: 'new.hire', contact: { name: '无主客户' } });
    const [result] = await processDueCallbacks(w.deps);
    expect(result!.detail).toMatchObject({ created: true, ownerMapped: false });
    expect((await customers())[0]).toMatchObject({ name: '无主客户', owner_id: null });
  });

  it('turns a deletion either way into contact.lost; a transfer is not a loss', async () => {
    const a = await w.sim.addContact({ userId: 'li.na', contact: { name: '甲' } });
    const b = await w.sim.addContact({ userId: 'wang.lei', contact: { name: '乙' } });
    await processDueCallbacks(w.deps);
    await w.sim.removeContact({ userId: 'li.na', externalUserId: a.externalUserId, by: 'customer' });
    await w.sim.removeContact({ userId: 'wang.lei', externalUserId: b.externalUserId, by: 'rep', source: 'DELETE_BY_TRANSFER' });
    await processDueCallbacks(w.deps);
    const lost = await events('contact.lost');
    expect(lost.map((e) => JSON.parse(e.payload))).toEqual([{ by: 'customer', wecomUserId: 'li.na', repId: w.reps.li.id }]);
    expect((await repos(w.db).wecom.follows(w.workspace.id, a.externalUserId))[0]).toMatchObject({ removed_by: 'customer' });
  });

  it('waits out a WeCom that cannot be reached and loses nothing', async () => {
    await w.sim.addContact({ userId: 'li.na', contact: { name: '耐心客户' } });
    w.sim.down = true;
    const [first] = await processDueCallbacks(w.deps);
    expect(first).toMatchObject({ outcome: 'retry' });
    const [row] = await callbacks();
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(new Date(row!.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is tried again at once.
    expect(await processDueCallbacks(w.deps)).toEqual([]);
    w.sim.down = false;
    await w.db.updateTable('wecom_callbacks').set({ next_attempt_at: new Date(Date.now() - 1).toISOString() }).execute();
    expect((await processDueCallbacks(w.deps)).map((x) => x.outcome)).toEqual(['done']);
    expect(await customers()).toHaveLength(1);
    expect(await events('customer.created')).toHaveLength(1);
  });

  it('fails a callback WeCom refuses in words, with the reason kept', async () => {
    await w.sim.addContact({ userId: 'li.na', contact: { name: '丙' } });
    w.sim.contactApiEnabled = false;
    const [result] = await processDueCallbacks(w.deps);
    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringContaining('48002') });
    expect((await callbacks())[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('48002') });
  });
});
