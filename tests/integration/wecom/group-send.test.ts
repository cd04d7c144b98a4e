import type { TaskRow } from '@sopline/db';
import { repos } from '@sopline/db';
import { cancelGroupSendAs, groupSendCandidates, listGroupSends, planGroupSend, pollDueGroupSends, pollGroupSend, processDueCallbacks, remindGroupSendAs, startGroupSend } from '@sopline/domain';
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

const OFFER = '{{name}}您好，本周会员日全场 8 折，给您留了名额～';
const MINUTE = 60_000;

/** Customers who added Li Na in WeCom (through the callback path), each with an open task of `script`. */
async function contactsWithTasks(names: string[], script = OFFER): Promise<Array<{ customerId: string; external: string; task: TaskRow }>> {
  const added = [];
  for (const name of names) added.push(await w.sim.addContact({ userId: 'li.na', contact: { name } }));
  await processDueCallbacks(w.deps);
  const out = [];
  for (const a of added) {
    const customer = await w.db.selectFrom('customers').selectAll().where('wecom_external_userid', '=', a.externalUserId).executeTakeFirstOrThrow();
    out.push({ customerId: customer.id, external: a.externalUserId, task: await taskFor(customer.id, script) });
  }
  return out;
}

/** An open task of Li Na's for the customer, due now. */
function taskFor(customerId: string, script = OFFER, title = '会员日邀约'): Promise<TaskRow> {
  return repos(w.db).tasks.insert({
    workspace_id: w.workspace.id,
    customer_id: customerId,
    owner_id: w.reps.li.id,
    enrollment_id: null,
    journey_id: null,
    node_id: null,
    visit: null,
    title,
    script,
    priority: 'normal',
    due_at: new Date().toISOString(),
  });
}

const li = () => ({ workspaceId: w.workspace.id, userId: w.reps.li.id, role: 'sales' as const });
const task = (id: string) => repos(w.db).tasks.get(w.workspace.id, id);
const completions = () => w.db.selectFrom('events').selectAll().where('workspace_id', '=', w.workspace.id).where('kind', '=', 'task.completed').execute();
/** Polls as if `ms` had passed, so the next poll is due. */
const pollAfter = (ms: number) => pollDueGroupSends(w.deps, { now: new Date(Date.now() + ms) });

describe('group send through WeCom (企业微信群发)', () => {
  it('sends one script to the rep’s contacts in one add_msg_template; WeCom’s results close the tasks by themselves', async () => {
    const people = await contactsWithTasks(['周一', '吴二', '郑三']);
    const stranger = await repos(w.db).customers.create({ workspaceId: w.workspace.id, name: '陌生人', ownerId: w.reps.li.id });
    const strangerTask = await taskFor(stranger.id);

    const candidates = await groupSendCandidates(w.deps, li());
    expect(candidates.linked).toBe(true);
    expect(candidates.groups).toHaveLength(1);
    expect(candidates.groups[0]).toMatchObject({ content: OFFER, sendable: 3 });
    expect(candidates.groups[0]!.excluded).toEqual([expect.objectContaining({ taskId: strangerTask.id, reason: 'not-contact' })]);

    const send = await startGroupSend(w.deps, li(), { taskIds: [...people.map((p) => p.task.id), strangerTask.id] });
    expect(send).toMatchObject({ state: 'waiting', counts: { pending: 3 } });
    expect(send.excluded.map((e) => e.reason)).toEqual(['not-contact']);
    const calls = w.sim.callsOf('externalcontact/add_msg_template');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ chat_type: 'single', sender: 'li.na', text: { content: OFFER } });
    expect([...(calls[0]!.body as { external_userid: string[] }).external_userid].sort()).toEqual(people.map((p) => p.external).sort());

    // Not confirmed yet: a poll changes nothing and the tasks stay open.
    expect(await pollAfter(MINUTE)).toEqual([expect.objectContaining({ state: 'waiting', closed: 0 })]);
    expect((await task(people[0]!.task.id))!.status).toBe('open');

    // One customer deletes the rep before the rep confirms; then the rep taps "send" in WeCom.
    await w.sim.removeContact({ userId: 'li.na', externalUserId: people[2]!.external, by: 'customer' });
    const [msgid] = w.sim.waitingGroupSends('li.na');
    w.sim.confirmGroupSend(msgid!);
    const [polled] = await pollAfter(2 * MINUTE);
    expect(polled).toMatchObject({ state: 'done', closed: 2 });
    for (const p of people.slice(0, 2)) expect(await task(p.task.id)).toMatchObject({ status: 'done', outcome: 'sent', closed_via: 'wecom' });
    expect(await task(people[2]!.task.id)).toMatchObject({ status: 'open' });
    expect((await completions()).map((e) => JSON.parse(e.payload))).toEqual([
      expect.objectContaining({ outcome: 'sent', via: 'wecom' }),
      expect.objectContaining({ outcome: 'sent', via: 'wecom' }),
    ]);
    const [listed] = await listGroupSends(w.deps, li());
    expect(listed).toMatchObject({ state: 'done', counts: { sent: 2, 'not-friend': 1, pending: 0 } });
    expect(Object.values(listed!.customers).sort()).toEqual(['吴二', '周一', '郑三'].sort());

    // Polling again (a second process, a retry) changes nothing.
    expect(await pollGroupSend(w.deps, (await repos(w.db).groupSends.get(w.workspace.id, send.id))!, new Date(Date.now() + 5 * MINUTE))).toMatchObject({ closed: 0 });
    expect(await completions()).toHaveLength(2);
  });

  it('says before sending who cannot get it: a mixed script, a task in a waiting send, and the daily limit per customer', async () => {
    const people = await contactsWithTasks(['甲', '乙']);
    const other = await contactsWithTasks(['丙'], '另一段话术');
    await expect(planGroupSend(w.db, li(), [people[0]!.task.id, other[0]!.task.id])).rejects.toMatchObject({ code: 'group-send.invalid', details: { field: 'taskIds' } });
    await expect(planGroupSend(w.db, { ...li(), userId: w.reps.wang.id }, [people[0]!.task.id])).rejects.toMatchObject({ code: 'not-found' });

    await startGroupSend(w.deps, li(), { taskIds: [people[0]!.task.id] });
    // A double click: the task is already in a waiting send, and nobody is left to send to.
    await expect(startGroupSend(w.deps, li(), { taskIds: [people[0]!.task.id] })).rejects.toMatchObject({ code: 'group-send.nobody' });
    expect(w.sim.callsOf('externalcontact/add_msg_template')).toHaveLength(1);

    w.sim.confirmGroupSend(w.sim.waitingGroupSends('li.na')[0]!);
    await pollAfter(MINUTE);
    // Same customer, same day, a new task: WeCom would refuse it, so Sopline says so first.
    const again = await taskFor(people[0]!.customerId, OFFER, '再次邀约');
    const plan = await planGroupSend(w.db, li(), [again.id, people[1]!.task.id]);
    expect(plan.recipients.map((r) => r.taskId)).toEqual([people[1]!.task.id]);
    expect(plan.excluded).toEqual([expect.objectContaining({ taskId: again.id, reason: 'daily-limit' })]);
    expect(plan.excluded[0]!.message['zh-CN']).toContain('每位客户每天最多收 1 条');
  });

  it('a customer WeCom finds over its limit stays open with the reason; remind three times a day; cancel frees the tasks', async () => {
    const people = await contactsWithTasks(['赵', '钱']);
    // WeCom counts group sends Sopline did not ask for (the rep's own): one already reached 赵 today.
    w.sim.groupSendsPerDay = 0;
    const send = await startGroupSend(w.deps, li(), { taskIds: people.map((p) => p.task.id) });
    for (let i = 0; i < 3; i += 1) await remindGroupSendAs(w.deps, li(), send.id);
    await expect(remindGroupSendAs(w.deps, li(), send.id)).rejects.toMatchObject({ code: 'group-send.reminded' });
    expect(w.sim.callsOf('externalcontact/remind_groupmsg_send')).toHaveLength(3);
    w.sim.confirmGroupSend(w.sim.waitingGroupSends('li.na')[0]!);
    await pollAfter(MINUTE);
    const [listed] = await listGroupSends(w.deps, li());
    expect(listed).toMatchObject({ state: 'done', counts: { limited: 2 } });
    expect((await task(people[0]!.task.id))!.status).toBe('open');

    // A new send, cancelled before the rep confirms: WeCom cancels it, the tasks can go again.
    w.sim.groupSendsPerDay = 5;
    const second = await startGroupSend(w.deps, li(), { taskIds: [people[1]!.task.id] });
    const cancelled = await cancelGroupSendAs(w.deps, li(), second.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', counts: { cancelled: 1 } });
    expect([...w.sim.groupSends.values()].at(-1)!.state).toBe('cancelled');
    await expect(cancelGroupSendAs(w.deps, li(), second.id)).rejects.toMatchObject({ code: 'group-send.finished' });
    expect((await planGroupSend(w.db, li(), [people[1]!.task.id])).recipients).toHaveLength(1);
  });

  it('faults: a token that expires mid-send is renewed and the send made once; WeCom down while polling loses nothing; 45009 backs off', async () => {
    const people = await contactsWithTasks(['孙', '李']);
    w.sim.expireTokens();
    await startGroupSend(w.deps, li(), { taskIds: people.map((p) => p.task.id) });
    expect(w.sim.callsOf('externalcontact/add_msg_template').filter((c) => c.answer.errcode === 0)).toHaveLength(1);
    expect(w.sim.groupSends.size).toBe(1);

    w.sim.confirmGroupSend(w.sim.waitingGroupSends('li.na')[0]!);
    w.sim.down = true;
    const [failed] = await pollAfter(MINUTE);
    expect(failed).toMatchObject({ state: 'waiting', closed: 0 });
    expect(failed!.error).toMatch(/unreachable/);
    expect((await task(people[0]!.task.id))!.status).toBe('open');
    w.sim.down = false;
    w.sim.rateLimit('externalcontact/get_groupmsg_send_result', 2);
    // The next poll is due later than the last one asked for; then both tasks close, once.
    const [done] = await pollAfter(10 * MINUTE);
    expect(done).toMatchObject({ state: 'done', closed: 2 });
    expect(w.sim.callsOf('externalcontact/get_groupmsg_send_result').filter((c) => c.answer.errcode === 45009)).toHaveLength(2);
    expect(await completions()).toHaveLength(2);
  });

  it('WeCom unreachable while asking: the send is marked failed, says to look in WeCom first, and the tasks are free', async () => {
    const people = await contactsWithTasks(['周', '吴']);
    await groupSendCandidates(w.deps, li());
    w.sim.down = true;
    await expect(startGroupSend(w.deps, li(), { taskIds: people.map((p) => p.task.id) })).rejects.toMatchObject({ code: 'wecom.unreachable', text: { 'zh-CN': expect.stringContaining('群发助手') } });
    w.sim.down = false;
    const [listed] = await listGroupSends(w.deps, li());
    expect(listed).toMatchObject({ state: 'failed', counts: { cancelled: 2 } });
    expect((await planGroupSend(w.db, li(), people.map((p) => p.task.id))).recipients).toHaveLength(2);
  });
});
