import { randomBytes } from 'node:crypto';
import type { ChannelCodeRow } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { addContactWay, deleteContactWay, updateContactWay } from '@sopline/wecom';
import { z } from 'zod';
import { DomainError, errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import { resolveStage, workspaceStages } from '../stages/index.ts';
import type { Viewer } from '../users/viewer.ts';
import { isManager } from '../users/viewer.ts';
import { askWeCom, notConfigured, weComApps } from './connection.ts';

/**
 * Channel codes (渠道活码): one WeCom contact way per source (抖音, 小红书, 门店, 包裹卡 …), rotating
 * across the chosen reps. A customer who scans it becomes a contact with the code's `state`, so
 * Sopline gives them the code's tags and source and, when it has one, the welcome script. Each code
 * counts who came through it, who is still a contact, and who reached the chosen stage.
 */
export const ChannelCodeInput = z.object({
  name: z.string().max(200),
  source: z.string().max(200),
  userIds: z.array(z.string().max(64)).max(100),
  tags: z.array(z.string().max(200)).max(50).default([]),
  welcomeScript: z.string().max(5000).nullable().optional(),
  conversionStage: z.string().max(64).optional(),
});
export type ChannelCodeInput = z.input<typeof ChannelCodeInput>;

export const MAX_WELCOME_LENGTH = 1000;

export type ChannelCodeView = {
  id: string;
  name: string;
  source: string;
  reps: Array<{ id: string; name: string }>;
  tags: string[];
  welcomeScript: string | null;
  conversionStage: string;
  /** The QR image as Sopline serves it (WeCom's own address is not reachable from every browser). */
  qrPath: string;
  createdAt: string;
  archived: boolean;
  counts: { added: number; friends: number; converted: number };
};

const invalid = (field: string, message: Text) => new DomainError('channel-code.invalid', message, [], { field });

function managerOnly(viewer: Viewer): void {
  if (!isManager(viewer)) throw new DomainError('forbidden', text('只有管理员和运营可以管理渠道活码', 'Only admins and ops managers manage channel codes'));
}

type Checked = { name: string; source: string; users: Array<{ id: string; name: string; wecomUserId: string }>; tags: string[]; welcomeScript: string | null; conversionStage: string };

async function check(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, raw: ChannelCodeInput): Promise<Checked> {
  const input = ChannelCodeInput.parse(raw);
  const name = input.name.trim();
  if (!name) throw invalid('name', text('请填写活码名称，如「抖音直播间」', 'Name the code, e.g. “Douyin live room”'));
  if (name.length > 40) throw invalid('name', text('名称最多 40 个字', 'At most 40 characters'));
  const source = input.source.trim();
  if (!source) throw invalid('source', text('请填写来源，如 抖音、小红书、门店、包裹卡', 'Enter the source, e.g. Douyin, Xiaohongshu, store, parcel card'));
  if (source.length > 20) throw invalid('source', text('来源最多 20 个字', 'At most 20 characters'));
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) throw invalid('userIds', text('请至少选择一位接待的销售', 'Choose at least one rep to receive the contacts'));
  const r = repos(deps.db);
  const users: Checked['users'] = [];
  for (const id of ids) {
    const user = await r.users.get(viewer.workspaceId, id);
    if (!user || user.active !== 1) throw invalid('userIds', text('只能选择本工作区在职的用户', 'Choose active users of this workspace'));
    if (!user.wecom_userid) {
      throw invalid('userIds', text(`${user.name} 还没有关联企业微信账号：请到「设置 → 成员」填写`, `${user.name} has no WeCom account yet: link it under Settings → Team`));
    }
    users.push({ id: user.id, name: user.name, wecomUserId: user.wecom_userid });
  }
  const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (tags.some((t) => t.length > 64)) throw invalid('tags', text('每个标签最多 64 个字', 'At most 64 characters per tag'));
  const welcome = input.welcomeScript?.trim() || null;
  if (welcome && welcome.length > MAX_WELCOME_LENGTH) throw invalid('welcomeScript', text(`欢迎语最多 ${MAX_WELCOME_LENGTH} 个字`, `At most ${MAX_WELCOME_LENGTH} characters`));
  const stages = await workspaceStages(deps.db, viewer.workspaceId);
  const conversionStage = input.conversionStage ? await resolveStage(deps.db, viewer.workspaceId, input.conversionStage, 'conversionStage') : (stages.find((s) => s.code === 'paid') ?? stages[1] ?? stages[0])!.code;
  return { name, source, users, tags, welcomeScript: welcome, conversionStage };
}

async function contactClient(deps: Pick<DomainDeps, 'db' | 'wecom'>, workspaceId: string) {
  const apps = await weComApps(deps, workspaceId);
  if (!apps) throw notConfigured();
  return apps.contact;
}

export async function listChannelCodes(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, input: { archived?: boolean } = {}): Promise<ChannelCodeView[]> {
  managerOnly(viewer);
  const r = repos(deps.db);
  const rows = await r.channelCodes.list(viewer.workspaceId, input.archived ?? false);
  const stages = (await workspaceStages(deps.db, viewer.workspaceId)).map((s) => s.code);
  const atOrAfter = (code: string) => stages.slice(Math.max(0, stages.indexOf(code)));
  const byState = new Map(rows.map((row) => [row.state, row]));
  const counts = await r.channelCodes.counts(
    viewer.workspaceId,
    rows.map((row) => row.state),
    (state) => atOrAfter(byState.get(state)!.conversion_stage),
  );
  const users = new Map((await r.users.list(viewer.workspaceId)).map((u) => [u.id, u.name]));
  return rows.map((row) => viewOf(row, users, counts.get(row.state) ?? { added: 0, friends: 0, converted: 0 }));
}

function viewOf(row: ChannelCodeRow, users: Map<string, string>, counts: ChannelCodeView['counts']): ChannelCodeView {
  const ids = JSON.parse(row.user_ids) as string[];
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    reps: ids.map((id) => ({ id, name: users.get(id) ?? '—' })),
    tags: JSON.parse(row.tags) as string[],
    welcomeScript: row.welcome_script,
    conversionStage: row.conversion_stage,
    qrPath: `/api/channel-codes/${row.id}/qr.png`,
    createdAt: row.created_at,
    archived: row.archived_at !== null,
    counts,
  };
}

/** Creates the WeCom contact way, then the code; nothing is stored when WeCom refuses. */
export async function createChannelCode(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, raw: ChannelCodeInput): Promise<ChannelCodeView> {
  managerOnly(viewer);
  const c = await check(deps, viewer, raw);
  const client = await contactClient(deps, viewer.workspaceId);
  const state = `sop${randomBytes(6).toString('base64url')}`;
  const way = await askWeCom(() => addContactWay(client, { userIds: c.users.map((u) => u.wecomUserId), state, remark: c.name }));
  const row = await repos(deps.db).channelCodes.create({
    workspace_id: viewer.workspaceId,
    name: c.name,
    source: c.source,
    state,
    user_ids: JSON.stringify(c.users.map((u) => u.id)),
    tags: JSON.stringify(c.tags),
    welcome_script: c.welcomeScript,
    conversion_stage: c.conversionStage,
    config_id: way.configId,
    qr_code: way.qrCode,
    created_by: viewer.userId,
  });
  return viewOf(row, new Map(c.users.map((u) => [u.id, u.name])), { added: 0, friends: 0, converted: 0 });
}

async function own(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, id: string): Promise<ChannelCodeRow> {
  const row = await repos(deps.db).channelCodes.get(viewer.workspaceId, id);
  if (!row) throw errors.notFound('渠道活码 / channel code', id);
  return row;
}

/** Changes the code; a change of reps is made in WeCom first (the QR image stays the same). */
export async function updateChannelCode(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, id: string, raw: ChannelCodeInput): Promise<ChannelCodeView> {
  managerOnly(viewer);
  const row = await own(deps, viewer, id);
  if (row.archived_at) throw new DomainError('channel-code.archived', text('这个活码已停用，不能再修改', 'This code is retired and cannot be changed'));
  const c = await check(deps, viewer, raw);
  if (row.config_id) {
    const client = await contactClient(deps, viewer.workspaceId);
    await askWeCom(() => updateContactWay(client, row.config_id!, { userIds: c.users.map((u) => u.wecomUserId), state: row.state, remark: c.name }));
  }
  await repos(deps.db).channelCodes.update(viewer.workspaceId, id, {
    name: c.name,
    source: c.source,
    user_ids: JSON.stringify(c.users.map((u) => u.id)),
    tags: JSON.stringify(c.tags),
    welcome_script: c.welcomeScript,
    conversion_stage: c.conversionStage,
  });
  return (await listChannelCodes(deps, viewer)).find((v) => v.id === id)!;
}

/** Retires the code: WeCom deletes the contact way (the QR stops working); its numbers stay. */
export async function archiveChannelCode(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, id: string): Promise<{ archived: true }> {
  managerOnly(viewer);
  const row = await own(deps, viewer, id);
  if (row.archived_at) return { archived: true };
  if (row.config_id) {
    const client = await contactClient(deps, viewer.workspaceId);
    await askWeCom(() => deleteContactWay(client, row.config_id!));
  }
  await repos(deps.db).channelCodes.update(viewer.workspaceId, id, { archived_at: new Date().toISOString() });
  return { archived: true };
}

/** The code's QR image, fetched by the server from WeCom. */
export async function channelCodeQr(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, id: string): Promise<{ body: Buffer; name: string }> {
  managerOnly(viewer);
  const row = await own(deps, viewer, id);
  if (!row.qr_code || !/^https?:\/\//.test(row.qr_code)) throw errors.notFound('二维码 / QR code', id);
  const res = await (deps.wecom?.fetch ?? fetch)(row.qr_code, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new DomainError('channel-code.qr', text('暂时无法从企业微信取得二维码图片，请稍后再试', 'WeCom did not hand over the QR image just now; try again shortly'));
  return { body: Buffer.from(await res.arrayBuffer()), name: `${row.name}.png` };
}
