import { repos } from '@sopline/db';
import { createChannelRegistry, remindRep, sendTestMessage, updateChannelSettings, weComAppChannel } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeComWorld } from '../../support/wecom-world.ts';
import { startWeComWorld } from '../../support/wecom-world.ts';

let w: WeComWorld;
let deps: WeComWorld['deps'] & { reminders: { channels: ReturnType<typeof createChannelRegistry>; scheduler: null; publicUrl: string } };
beforeEach(async () => {
  w = await startWeComWorld();
  w.sim.members.add('li.na').add('wang.lei');
  deps = { ...w.deps, reminders: { channels: createChannelRegistry([weComAppChannel(w.deps)]), scheduler: null, publicUrl: 'https://sopline.example.com' } };
});
afterEach(async () => {
  await w.close();
});

/** An overdue open task of the rep's. */
async function overdueTask(ownerId: string, customerName: string) {
  const customer = await repos(w.db).customers.create({ workspaceId: w.workspace.id, name: customerName, ownerId });
  await repos(w.db).tasks.insert({ workspace_id: w.workspace.id, customer_id: customer.id, owner_id: ownerId, enrollment_id: null, journey_id: null, node_id: null, visit: null, title: '首单回访', script: '您好', priority: 'normal', due_at: new Date(Date.now() - 3 * 86_400_000).toISOString() });
}

describe('WeCom app messages as the notification channel', () => {
  it('a manager’s reminder reaches the rep’s own WeCom as a card that opens the inbox; once, even when sent twice', async () => {
    await updateChannelSettings(deps, w.viewer, { channel: 'wecom-app', enabled: true, config: {} });
    await overdueTask(w.reps.li.id, '周一');
    const result = await remindRep(deps, w.viewer, { userId: w.reps.li.id });
    expect(result).toMatchObject({ delivered: true });
    expect(w.sim.appMessages).toHaveLength(1);
    const [message] = w.sim.appMessages;
    expect(message).toMatchObject({ touser: ['li.na'], msgtype: 'textcard', textcard: { url: 'https://sopline.example.com/inbox', btntxt: '打开' } });
    expect(message!.textcard!.title).toContain('李娜');
    expect(message!.textcard!.description).toContain('周一');
    const call = w.sim.callsOf('message/send')[0]!;
    expect(call.body).toMatchObject({ agentid: Number(w.sim.agentId), enable_duplicate_check: 1 });
    // The same minute's second press finds the delivery and sends nothing.
    await remindRep(deps, w.viewer, { userId: w.reps.li.id });
    expect(w.sim.appMessages).toHaveLength(1);
  });

  it('says in words who cannot get one: a rep with no WeCom account, a member outside the app’s range; the test goes to whoever pressed it', async () => {
    await updateChannelSettings(deps, w.viewer, { channel: 'wecom-app', enabled: true, config: {} });
    const nobody = await repos(w.db).users.create({ workspaceId: w.workspace.id, email: 'x@wecom.test', name: '赵六', role: 'sales' });
    await overdueTask(nobody.id, '吴二');
    const unlinked = await remindRep(deps, w.viewer, { userId: nobody.id });
    expect(unlinked).toMatchObject({ delivered: false, reason: 'failed' });
    expect(unlinked.message!.en).toContain('赵六 is not linked to a WeCom account');

    w.sim.members.delete('wang.lei');
    await overdueTask(w.reps.wang.id, '郑三');
    const outside = await remindRep(deps, w.viewer, { userId: w.reps.wang.id });
    expect(outside.message!.en).toMatch(/cannot reach member wang.lei|81013/);

    // The admin pressing "test" has no WeCom account either: the test says so rather than "sent".
    const test = await sendTestMessage(deps, w.viewer, { channel: 'wecom-app', config: {} });
    expect(test).toMatchObject({ delivered: false });
    await repos(w.db).users.setWecomUserId(w.workspace.id, w.admin.id, 'li.admin');
    w.sim.members.add('li.admin');
    expect(await sendTestMessage(deps, w.viewer, { channel: 'wecom-app', config: {} })).toMatchObject({ delivered: true });
    expect(w.sim.appMessages.at(-1)).toMatchObject({ touser: ['li.admin'] });
  });

  it('retries a WeCom that asks to slow down, and delivers once', async () => {
    await updateChannelSettings(deps, w.viewer, { channel: 'wecom-app', enabled: true, config: {} });
    await overdueTask(w.reps.li.id, '孙四');
    w.sim.rateLimit('message/send', 2);
    expect(await remindRep(deps, w.viewer, { userId: w.reps.li.id, now: new Date(Date.now() + 60_000) })).toMatchObject({ delivered: true });
    expect(w.sim.appMessages).toHaveLength(1);
  });
});
