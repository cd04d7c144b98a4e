import type { Db, GroupSendRow, TaskRow } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { addMsgTemplate, MAX_GROUP_SEND_RECIPIENTS } from '@sopline/wecom';
import { DateTime } from 'luxon';
import { DomainError, errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { ownerScope } from '../users/viewer.ts';
import { askWeCom, notConfigured, weComApps } from './connection.ts';
import { firstPollAt } from './group-send-poll.ts';
import type { GroupSendView } from './group-send-view.ts';
import { sendView } from './group-send-view.ts';

/**
 * "The rep taps copy, taps confirm group send": the tasks of one rep whose rendered script is the
 * same become one WeCom group send (add_msg_template) that the rep confirms in WeCom with one tap;
 * polling its results then closes each task by itself (group-send-poll.ts). Before asking, Sopline
 * says who cannot get it and why: not the rep's WeCom contact, already in a waiting send, or over
 * WeCom's limit of group sends a customer receives in a day, counted from what Sopline asked for.
 */
export const GROUP_SENDS_PER_CUSTOMER_PER_DAY = 1;

export type ExclusionReason = 'closed' | 'not-contact' | 'in-send' | 'daily-limit';

const REASONS: Record<ExclusionReason, Text> = {
  closed: text('任务已完成或已跳过', 'The task is already done or skipped'),
  'not-contact': text('不是这位销售的企业微信好友（或已删除好友）', 'Not a WeCom contact of this rep (or the contact was deleted)'),
  'in-send': text('已在一条等待确认的企业微信群发中', 'Already in a WeCom group send waiting to be confirmed'),
  'daily-limit': text(
    `今天已向 TA 发起过企业微信群发（每位客户每天最多收 ${GROUP_SENDS_PER_CUSTOMER_PER_DAY} 条）`,
    `Already in a WeCom group send today (a customer receives at most ${GROUP_SENDS_PER_CUSTOMER_PER_DAY} a day)`,
  ),
};

export type Recipient = { taskId: string; customerId: string; customerName: string };
export type Excluded = Recipient & { reason: ExclusionReason; message: Text };
export type GroupSendPlan = { content: string; ownerId: string; sender: string; recipients: Array<Recipient & { externalUserId: string }>; excluded: Excluded[] };

const invalid = (message: Text) => new DomainError('group-send.invalid', message, [], { field: 'taskIds' });

export async function workspaceDay(db: Db, workspaceId: string, now = new Date()): Promise<string> {
  const ws = await repos(db).workspaces.get(workspaceId);
  return DateTime.fromJSDate(now, { zone: ws?.timezone ?? 'Asia/Shanghai' }).toFormat('yyyy-MM-dd');
}

/** Who of these tasks' customers WeCom can send the (one) script to, and who not and why. */
export async function planGroupSend(db: Db, viewer: Viewer, taskIds: string[], now = new Date()): Promise<GroupSendPlan> {
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) throw invalid(text('请选择要群发的任务', 'Choose the tasks to send'));
  if (ids.length > MAX_GROUP_SEND_RECIPIENTS) throw invalid(text(`一次群发最多 ${MAX_GROUP_SEND_RECIPIENTS} 位客户`, `At most ${MAX_GROUP_SEND_RECIPIENTS} customers in one group send`));
  const r = repos(db);
  const scope = ownerScope(viewer);
  const tasks: TaskRow[] = [];
  for (const id of ids) {
    const task = await r.tasks.get(viewer.workspaceId, id);
    if (!task || (scope !== undefined && task.owner_id !== scope)) throw errors.notFound('任务 / task', id);
    tasks.push(task);
  }
  const owners = new Set(tasks.map((t) => t.owner_id));
  const ownerId = tasks[0]!.owner_id;
  if (owners.size > 1 || !ownerId) throw invalid(text('一次群发只能包含同一位销售的任务', 'One group send holds the tasks of one rep'));
  const content = tasks[0]!.script.trim();
  if (!content) throw invalid(text('这些任务没有话术可发', 'These tasks have no script to send'));
  if (tasks.some((t) => t.script.trim() !== content)) throw invalid(text('只有话术完全相同的任务才能一起群发；个性化话术请逐条发送', 'Only tasks with the very same script go in one group send; send personalised scripts one by one'));
  const owner = await r.users.get(viewer.workspaceId, ownerId);
  if (!owner?.wecom_userid) {
    throw new DomainError('group-send.no-wecom-account', text(`${owner?.name ?? '这位销售'} 还没有关联企业微信账号：请管理员到「设置 → 成员」填写`, `${owner?.name ?? 'This rep'} has no WeCom account yet: an admin links it under Settings → Team`));
  }
  const customerIds = [...new Set(tasks.map((t) => t.customer_id))];
  const contacts = await r.wecom.contactsOf(viewer.workspaceId, owner.wecom_userid, customerIds);
  const waiting = await r.groupSends.latestOfTasks(viewer.workspaceId, ids);
  const asked = await r.groupSends.askedOn(viewer.workspaceId, customerIds, await workspaceDay(db, viewer.workspaceId, now));
  const names = await r.customers.names(viewer.workspaceId, customerIds);
  const plan: GroupSendPlan = { content, ownerId, sender: owner.wecom_userid, recipients: [], excluded: [] };
  const planned = new Set<string>();
  for (const task of tasks) {
    const who: Recipient = { taskId: task.id, customerId: task.customer_id, customerName: names.get(task.customer_id) ?? '—' };
    const externalUserId = contacts.get(task.customer_id);
    const reason: ExclusionReason | null =
      task.status !== 'open'
        ? 'closed'
        : !externalUserId
          ? 'not-contact'
          : waiting.get(task.id)?.status === 'pending'
            ? 'in-send'
            : (asked.get(task.customer_id) ?? 0) >= GROUP_SENDS_PER_CUSTOMER_PER_DAY || planned.has(task.customer_id)
              ? 'daily-limit'
              : null;
    if (reason || !externalUserId) plan.excluded.push({ ...who, reason: reason ?? 'not-contact', message: REASONS[reason ?? 'not-contact'] });
    else {
      plan.recipients.push({ ...who, externalUserId });
      planned.add(task.customer_id);
    }
  }
  return plan;
}

/**
 * Asks WeCom for the group send. The send and its items are stored first (a task can be in one
 * waiting send only, so a double click makes one), then WeCom is asked once: add_msg_template is
 * not idempotent, so a timeout is not retried blindly — the send is marked failed and says to look
 * in WeCom's 群发助手 before trying again.
 */
export async function startGroupSend(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, input: { taskIds: string[]; now?: Date }): Promise<GroupSendView & { excluded: Excluded[] }> {
  const now = input.now ?? new Date();
  const plan = await planGroupSend(deps.db, viewer, input.taskIds, now);
  const apps = await weComApps(deps, viewer.workspaceId);
  if (!apps) throw notConfigured();
  if (plan.recipients.length === 0) {
    throw new DomainError('group-send.nobody', text(`没有可以群发的客户：${plan.excluded[0]!.message['zh-CN']}`, `Nobody can receive this group send: ${plan.excluded[0]!.message.en}`), [], { field: 'taskIds', excluded: plan.excluded });
  }
  const day = await workspaceDay(deps.db, viewer.workspaceId, now);
  const r = repos(deps.db).groupSends;
  let send: GroupSendRow;
  try {
    send = await deps.db.transaction().execute((trx) =>
      repos(trx).groupSends.create(
        { workspace_id: viewer.workspaceId, owner_id: plan.ownerId, sender: plan.sender, content: plan.content, created_by: viewer.userId },
        plan.recipients.map((p) => ({ task_id: p.taskId, customer_id: p.customerId, external_userid: p.externalUserId, asked_on: day })),
      ),
    );
  } catch (err) {
    // The unique index on waiting items: another request put one of these tasks in a send just now.
    if (/unique|duplicate/i.test(err instanceof Error ? err.message : '')) throw new DomainError('group-send.busy', REASONS['in-send']);
    throw err;
  }
  try {
    const answer = await askWeCom(() => addMsgTemplate(apps.contact, { sender: plan.sender, externalUserIds: plan.recipients.map((p) => p.externalUserId), text: plan.content }));
    const byExternal = new Map(plan.recipients.map((p) => [p.externalUserId, p.taskId]));
    for (const external of answer.failList) {
      const taskId = byExternal.get(external);
      if (taskId) await r.setItem(send.id, taskId, 'not-friend', ['pending']);
    }
    await r.update(send.id, { msgid: answer.msgid, state: 'waiting', next_poll_at: firstPollAt(now) });
  } catch (err) {
    const unsure = err instanceof DomainError && err.code === 'wecom.unreachable';
    await r.settlePending(send.id, 'cancelled');
    await r.update(send.id, { state: 'failed', error: err instanceof Error ? err.message : String(err), finished_at: now.toISOString() });
    if (unsure) {
      throw new DomainError(
        'wecom.unreachable',
        text(`${err.text['zh-CN']} 这条群发可能已经创建：请先在企业微信「客户联系 → 群发助手」中查看，再决定是否重发。`, `${err.text.en} The send may have been created: look in WeCom's group send assistant (群发助手) before sending again.`),
      );
    }
    throw err;
  }
  const row = (await r.get(viewer.workspaceId, send.id))!;
  return { ...sendView(row, await r.items(send.id), now), excluded: plan.excluded };
}
