import { repos } from '@sopline/db';
import { archiveChannelCode, channelCodeQr, createChannelCode, listChannelCodes, processDueCallbacks, syncCorpTags, updateChannelCode, weComApps } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeComWorld } from '../../support/wecom-world.ts';
import { startWeComWorld } from '../../support/wecom-world.ts';

let w: WeComWorld;
beforeEach(async () => {
  w = await startWeComWorld();
  w.sim.members.add('li.na').add('wang.lei');
});
afterEach(async () => {
  await w.close();
});

const douyin = () =>
  createChannelCode(w.deps, w.viewer, {
    name: '抖音直播间',
    source: '抖音',
    userIds: [w.reps.li.id, w.reps.wang.id],
    tags: ['抖音来源', '直播'],
    welcomeScript: '{{customer.name}}您好，我是{{owner.name}}，直播间的福利这就发给您～',
  });
const fieldOf = (p: Promise<unknown>) => p.then(() => 'accepted', (err: { details?: { field?: string } }) => err.details?.field);

describe('channel codes (渠道活码)', () => {
  it('creates a rotating WeCom contact way and serves its QR image', async () => {
    const code = await douyin();
    const [way] = [...w.sim.contactWays.values()];
    expect(way).toMatchObject({ type: 2, users: ['li.na', 'wang.lei'], remark: '抖音直播间' });
    expect(way!.state.length).toBeLessThanOrEqual(30);
    expect(code).toMatchObject({ name: '抖音直播间', source: '抖音', tags: ['抖音来源', '直播'], conversionStage: 'paid', counts: { added: 0, friends: 0, converted: 0 } });
    expect(code.reps.map((r) => r.name)).toEqual(['李娜', '王磊']);
    const qr = await channelCodeQr(w.deps, w.viewer, code.id);
    expect([...qr.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(qr.name).toBe('抖音直播间.png');
  });

  it('refuses a code WeCom could not rotate to, naming the field, and creates nothing anywhere', async () => {
    const nobody = await repos(w.db).users.create({ workspaceId: w.workspace.id, email: 'x@wecom.test', name: '未关联', role: 'sales' });
    expect(await fieldOf(createChannelCode(w.deps, w.viewer, { name: '门店', source: '门店', userIds: [nobody.id] }))).toBe('userIds');
    expect(await fieldOf(createChannelCode(w.deps, w.viewer, { name: ' ', source: '门店', userIds: [w.reps.li.id] }))).toBe('name');
    expect(await fieldOf(createChannelCode(w.deps, w.viewer, { name: '门店', source: '', userIds: [w.reps.li.id] }))).toBe('source');
    expect(await fieldOf(createChannelCode(w.deps, w.viewer, { name: '门店', source: '门店', userIds: [] }))).toBe('userIds');
    expect(await fieldOf(createChannelCode(w.deps, w.viewer, { name: '门店', source: '门店', userIds: [w.reps.li.id], conversionStage: '不存在' }))).toBe('conversionStage');
    await expect(createChannelCode(w.deps, { ...w.viewer, role: 'sales' }, { name: '门店', source: '门店', userIds: [w.reps.li.id] })).rejects.toMatchObject({ code: 'forbidden' });
    // WeCom itself refuses a member outside customer contact: nothing is stored.
    w.sim.members.delete('wang.lei');
    await expect(douyin()).rejects.toMatchObject({ code: 'wecom.refused', details: { errcode: 40003 } });
    expect(w.sim.contactWays.size).toBe(0);
    expect(await listChannelCodes(w.deps, w.viewer)).toEqual([]);
  });

  it('gives a scanning customer the code’s tags, source and welcome, and counts added, still friends and converted', async () => {
    const code = await douyin();
    const [configId] = [...w.sim.contactWays.keys()];
    const first = await w.sim.scan(configId!, { name: '周小雨' });
    const second = await w.sim.scan(configId!, { name: '吴一凡' });
    expect([first.userId, second.userId]).toEqual(['li.na', 'wang.lei']);
    const results = await processDueCallbacks(w.deps);
    expect(results.map((r) => r.detail?.note)).toEqual(['welcome sent', 'welcome sent']);
    expect(w.sim.welcomes.map((m) => m.content)).toEqual(['周小雨您好，我是李娜，直播间的福利这就发给您～', '吴一凡您好，我是王磊，直播间的福利这就发给您～']);
    const customers = await w.db.selectFrom('customers').select(['id', 'name', 'owner_id']).where('workspace_id', '=', w.workspace.id).orderBy('name').execute();
    const zhou = customers.find((c) => c.name === '周小雨')!;
    expect(zhou.owner_id).toBe(w.reps.li.id);
    expect((await repos(w.db).tags.ofCustomer(zhou.id)).sort()).toEqual(['抖音来源', '直播'].sort());
    const created = await w.db.selectFrom('events').select('payload').where('customer_id', '=', zhou.id).where('kind', '=', 'customer.created').executeTakeFirstOrThrow();
    expect(JSON.parse(created.payload)).toMatchObject({ source: '抖音', channelCode: code.id, channelCodeName: '抖音直播间' });

    await w.sim.removeContact({ userId: 'wang.lei', externalUserId: second.externalUserId, by: 'customer' });
    await processDueCallbacks(w.deps);
    await repos(w.db).customers.setStage(zhou.id, 'repeat');
    expect((await listChannelCodes(w.deps, w.viewer))[0]!.counts).toEqual({ added: 2, friends: 1, converted: 1 });
  });

  it('gives the code’s tags that are WeCom corp tags in WeCom too (mark_tag), and leaves the corp’s library alone', async () => {
    const live = w.sim.corpTag('渠道', '直播');
    await syncCorpTags(w.db, (await weComApps(w.deps, w.workspace.id))!.contact, w.workspace.id);
    await douyin();
    const [configId] = [...w.sim.contactWays.keys()];
    const scanned = await w.sim.scan(configId!, { name: '林一' });
    const [result] = await processDueCallbacks(w.deps);
    expect(result!.detail?.note).toContain('1 corp tag(s) marked in WeCom');
    expect(w.sim.callsOf('externalcontact/mark_tag').map((c) => c.body)).toEqual([{ userid: scanned.userId, external_userid: scanned.externalUserId, add_tag: [live] }]);
    expect(w.sim.contacts.get(scanned.externalUserId)!.follows[0]!.tags).toEqual([live]);
    // 抖音来源 is Sopline's own tag: no corp tag was made for it.
    expect(w.sim.tagGroups.flatMap((g) => g.tags.map((t) => t.name))).toEqual(['直播']);
  });

  it('still adds the customer when the welcome can no longer be sent', async () => {
    await douyin();
    const [configId] = [...w.sim.contactWays.keys()];
    await w.sim.scan(configId!, { name: '慢一步' });
    w.sim.skewMs = 60_000; // more than 20 s later: WeCom has let the welcome code go
    const [result] = await processDueCallbacks(w.deps);
    expect(result).toMatchObject({ outcome: 'done', detail: { created: true, note: expect.stringContaining('welcome not sent') } });
    expect(w.sim.welcomes).toEqual([]);
  });

  it('changes the reps in WeCom, and retires the code there while keeping its numbers', async () => {
    const code = await douyin();
    const [configId] = [...w.sim.contactWays.keys()];
    await updateChannelCode(w.deps, w.viewer, code.id, { name: '抖音直播间', source: '抖音', userIds: [w.reps.wang.id], tags: [] });
    expect(w.sim.contactWays.get(configId!)).toMatchObject({ users: ['wang.lei'] });
    await w.sim.scan(configId!, { name: '郑好' });
    await processDueCallbacks(w.deps);
    await archiveChannelCode(w.deps, w.viewer, code.id);
    expect(w.sim.contactWays.get(configId!)!.deleted).toBe(true);
    expect(await listChannelCodes(w.deps, w.viewer)).toEqual([]);
    const [retired] = await listChannelCodes(w.deps, w.viewer, { archived: true });
    expect(retired).toMatchObject({ archived: true, counts: { added: 1, friends: 1 } });
    await expect(updateChannelCode(w.deps, w.viewer, code.id, { name: 'x', source: 'x', userIds: [w.reps.li.id] })).rejects.toMatchObject({ code: 'channel-code.archived' });
  });
});
