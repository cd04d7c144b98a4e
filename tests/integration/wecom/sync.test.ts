import { repos } from '@sopline/db';
import { processDueCallbacks, runNextWeComSync, setUserWecomId, startWeComImport, weComImportStatus, weComUnmapped } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeComWorld } from '../../support/wecom-world.ts';
import { startWeComWorld } from '../../support/wecom-world.ts';

let w: WeComWorld;
beforeEach(async () => {
  w = await startWeComWorld();
});
afterEach(async () => {
  await w.close();
});

const tag = (name: string) => w.db.selectFrom('tags').select(['id', 'name', 'wecom_tag_id']).where('workspace_id', '=', w.workspace.id).where('name', '=', name).executeTakeFirst();
const customers = () => w.db.selectFrom('customers').selectAll().where('workspace_id', '=', w.workspace.id).execute();
const tagEvent = (id: string, change: string, type = 'tag') => w.sim.sendEvent({ Event: 'change_external_tag', Id: id, TagType: type, ChangeType: change });

describe('the corp tag catalogue', () => {
  it('follows WeCom: a new tag appears, a rename renames it with its customers, a deletion unlinks it', async () => {
    const gold = w.sim.corpTag('会员等级', '金卡');
    await tagEvent(gold, 'create');
    await processDueCallbacks(w.deps);
    expect(await tag('金卡')).toMatchObject({ wecom_tag_id: gold });

    const { externalUserId } = await w.sim.addContact({ userId: 'li.na', contact: { name: '金卡客户' }, tags: [gold] });
    await processDueCallbacks(w.deps);
    const customerId = (await customers())[0]!.id;

    w.sim.tagGroups[0]!.tags[0]!.name = '黑金卡';
    await tagEvent(gold, 'update');
    await processDueCallbacks(w.deps);
    expect(await tag('金卡')).toBeUndefined();
    expect(await tag('黑金卡')).toMatchObject({ wecom_tag_id: gold });
    expect(await repos(w.db).tags.ofCustomer(customerId)).toEqual(['黑金卡']);

    w.sim.tagGroups.splice(0, 1);
    await tagEvent(w.sim.corpTag('其他', '占位'), 'delete', 'tag_group');
    await processDueCallbacks(w.deps);
    // Still a Sopline tag, still on the customer; only the link to WeCom is gone.
    expect(await tag('黑金卡')).toMatchObject({ wecom_tag_id: null });
    expect(await repos(w.db).tags.ofCustomer(customerId)).toEqual(['黑金卡']);
    expect(externalUserId).toMatch(/^wm/);
  });
});

describe('import from WeCom', () => {
  async function seedContacts() {
    const vip = w.sim.corpTag('客户等级', 'VIP');
    const members = ['li.na', 'wang.lei', 'zhao.min'];
    for (const m of members) w.sim.members.add(m);
    // 250 contacts; every tenth is also a contact of a second member; the first is a known member.
    for (let i = 0; i < 250; i += 1) {
      const external = `wmSYNC${String(i).padStart(4, '0')}`;
      const follows = [{ userid: members[i % 3]!, createtime: 1_700_000_000 + i, tags: i % 5 === 0 ? [vip] : [], remark: `备注${i}` }];
      if (i % 10 === 0) follows.push({ userid: members[(i + 1) % 3]!, createtime: 1_700_000_500 + i, tags: [], remark: '' });
      w.sim.contacts.set(external, { contact: { external_userid: external, name: `企微客户${i}`, ...(i === 0 ? { unionid: 'oUNION-known' } : {}) }, follows });
    }
    await repos(w.db).customers.create({ workspaceId: w.workspace.id, name: '老会员', wechat_unionid: 'oUNION-known' });
  }

  const drain = async () => {
    while (await runNextWeComSync(w.deps, 'test')) {
      /* until no run is waiting */
    }
  };

  it('reads every member’s contacts page by page, as history, and changes nothing the second time', async () => {
    await seedContacts();
    const started = await startWeComImport(w.deps, w.viewer);
    expect(await startWeComImport(w.deps, w.viewer)).toMatchObject({ id: started.id });
    await drain();
    const done = (await weComImportStatus(w.deps, w.viewer))!;
    expect(done).toMatchObject({ state: 'done', members: 3, membersDone: 3, contacts: 275, created: 249, updated: 26 });
    expect(w.sim.callsOf('externalcontact/batch/get_by_user')).toHaveLength(3);
    const all = await customers();
    expect(all).toHaveLength(250);
    expect(all.find((c) => c.name === '老会员')!.wecom_external_userid).toBe('wmSYNC0000');
    // Reps own what they have (84 first contacts, and 8 shared ones the unmapped member had first);
    // the unmapped member's contacts are counted for the dashboard's warning.
    expect(all.filter((c) => c.owner_id === w.reps.li.id)).toHaveLength(92);
    expect(await weComUnmapped(w.deps, w.viewer)).toEqual([{ wecomUserId: 'zhao.min', customers: 91 }]);
    // Nobody is welcomed: the events are history, already dispatched.
    const undispatched = await w.db.selectFrom('events').select('id').where('workspace_id', '=', w.workspace.id).where('dispatched_at', 'is', null).execute();
    expect(undispatched).toEqual([]);
    expect(await tag('VIP')).toMatchObject({ wecom_tag_id: w.sim.tagGroups[0]!.tags[0]!.id });
    const events = (await w.db.selectFrom('events').select('id').where('workspace_id', '=', w.workspace.id).execute()).length;

    await startWeComImport(w.deps, w.viewer);
    await drain();
    expect(await weComImportStatus(w.deps, w.viewer)).toMatchObject({ state: 'done', created: 0, updated: 275 });
    expect(await customers()).toHaveLength(250);
    expect((await w.db.selectFrom('events').select('id').where('workspace_id', '=', w.workspace.id).execute()).length).toBe(events);
  });

  it('resumes from the page it was on when WeCom was down', async () => {
    await seedContacts();
    await startWeComImport(w.deps, w.viewer);
    // Down after the first page: the second call fails, the run keeps its place.
    let calls = 0;
    const original = w.deps.wecom!.fetch;
    w.deps.wecom!.fetch = async (input, init) => {
      if (String(input).includes('batch/get_by_user') && (calls += 1) === 2) w.sim.down = true;
      return (original ?? fetch)(input, init);
    };
    await drain();
    const paused = (await w.db.selectFrom('wecom_syncs').selectAll().execute())[0]!;
    expect(paused).toMatchObject({ state: 'running', contacts: 100 });
    expect(paused.cursor).toBe('100');
    w.sim.down = false;
    await w.db.updateTable('wecom_syncs').set({ claimed_until: null }).execute();
    await drain();
    expect(await weComImportStatus(w.deps, w.viewer)).toMatchObject({ state: 'done', contacts: 275, created: 249 });
    expect(await customers()).toHaveLength(250);
  });

  it('hands the customers of a member to the user who is linked to them later', async () => {
    await w.sim.addContact({ userId: 'new.hire', contact: { name: '新人的客户' } });
    await processDueCallbacks(w.deps);
    expect(await weComUnmapped(w.deps, w.viewer)).toEqual([{ wecomUserId: 'new.hire', customers: 1 }]);
    const hire = await repos(w.db).users.create({ workspaceId: w.workspace.id, email: 'hire@wecom.test', name: '新同事', role: 'sales' });
    const linked = await setUserWecomId(w.deps, w.viewer, { userId: hire.id, wecomUserId: 'new.hire' });
    expect(linked).toMatchObject({ wecomUserId: 'new.hire', assignedCustomers: 1 });
    expect((await customers())[0]!.owner_id).toBe(hire.id);
    expect(await weComUnmapped(w.deps, w.viewer)).toEqual([]);
  });
});
