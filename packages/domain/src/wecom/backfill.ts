import type { WecomSyncRow } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import type { Text } from '@sopline/graph';
import { contactsPage, followUserList, WeComApiError, WeComUnreachable } from '@sopline/wecom';
import { DomainError } from '../errors.ts';
import { DEFAULT_LEASE_MS } from '../leases.ts';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { notConfigured, technicalDetail, weComApps } from './connection.ts';
import { writeContact } from './contacts.ts';
import { syncCorpTags } from './tags.ts';

/**
 * "Import from WeCom": the contacts every member already has, read page by page through
 * externalcontact/batch/get_by_user (100 members and 100 contacts a page), written as the callbacks
 * write them but as history — nobody already a customer is welcomed again. A run is a background job
 * that resumes where it stopped (the member it was on and WeCom's cursor are kept after every page);
 * running it twice changes nothing the first run did.
 */
const MEMBERS_PER_CALL = 100;

export type WeComSyncView = {
  id: string;
  state: WecomSyncRow['state'];
  members: number | null;
  membersDone: number;
  contacts: number;
  created: number;
  updated: number;
  error: Text | null;
  startedAt: string;
  finishedAt: string | null;
};

function view(row: WecomSyncRow): WeComSyncView {
  const members = row.members ? (JSON.parse(row.members) as string[]).length : null;
  return {
    id: row.id,
    state: row.state,
    members,
    membersDone: Math.min(row.member_index, members ?? 0),
    contacts: row.contacts,
    created: row.created,
    updated: row.updated,
    error: row.error ? (JSON.parse(row.error) as Text) : null,
    startedAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

const adminOnly = (viewer: Viewer) => {
  if (viewer.role !== 'admin') throw new DomainError('forbidden', text('只有管理员可以从企业微信导入', 'Only an admin can import from WeCom'));
};

/** Starts a run, or answers the one already running. */
export async function startWeComImport(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer): Promise<WeComSyncView> {
  adminOnly(viewer);
  if (!(await weComApps(deps, viewer.workspaceId))) throw notConfigured();
  const r = repos(deps.db).wecom;
  const latest = await r.latestSync(viewer.workspaceId);
  if (latest?.state === 'running') return view(latest);
  return view(await r.createSync(viewer.workspaceId, viewer.userId));
}

export async function weComImportStatus(deps: Pick<DomainDeps, 'db'>, viewer: Viewer): Promise<WeComSyncView | null> {
  adminOnly(viewer);
  const latest = await repos(deps.db).wecom.latestSync(viewer.workspaceId);
  return latest ? view(latest) : null;
}

/** Runs (or resumes) one claimed run to its end; 'retry' when WeCom could not be reached for now. */
export async function runWeComSync(deps: Pick<DomainDeps, 'db' | 'wecom'>, id: string, holder: string, leaseMs = DEFAULT_LEASE_MS): Promise<'done' | 'failed' | 'retry'> {
  const r = repos(deps.db).wecom;
  let row = await r.syncById(id);
  if (!row || row.state !== 'running') return 'done';
  const fail = async (message: Text) => {
    await r.updateSync(id, { state: 'failed', error: JSON.stringify(message), finished_at: nowIso(), claimed_by: null, claimed_until: null });
    return 'failed' as const;
  };
  try {
    const apps = await weComApps(deps, row.workspace_id);
    if (!apps) return fail(notConfigured().text);
    if (row.members === null) {
      await syncCorpTags(deps.db, apps.contact, row.workspace_id);
      await r.updateSync(id, { members: JSON.stringify(await followUserList(apps.contact)) });
      row = (await r.syncById(id))!;
    }
    const members = JSON.parse(row.members!) as string[];
    let { member_index: index, cursor, contacts, created, updated } = row;
    while (index < members.length) {
      const batch = members.slice(index, index + MEMBERS_PER_CALL);
      const page = await contactsPage(apps.contact, batch, cursor ?? undefined);
      const tagNames = await r.tagNames(row.workspace_id, [...new Set(page.external_contact_list.flatMap((e) => e.follow_info.tag_id ?? []))]);
      const outcome = await deps.db.transaction().execute(async (trx) => {
        let made = 0;
        let merged = 0;
        for (const entry of page.external_contact_list) {
          const f = entry.follow_info;
          const tags = (f.tag_id ?? []).flatMap((tagId) => {
            const name = tagNames.get(tagId);
            return name ? [{ name, wecomTagId: tagId }] : [];
          });
          const done = await writeContact(trx, {
            workspaceId: row!.workspace_id,
            contact: entry.external_contact,
            follow: { userid: f.userid, remark: f.remark, createtime: f.createtime, state: f.state, remark_mobiles: f.remark_mobiles, tags },
            change: 'add',
            eventKey: `wecom-import:${entry.external_contact.external_userid}`,
            occurredAt: nowIso(),
            history: true,
            ...(f.createtime ? { createdAt: new Date(f.createtime * 1000).toISOString() } : {}),
          });
          if (done.created) made += 1;
          else if (done.customerId) merged += 1;
        }
        return { made, merged };
      });
      contacts += page.external_contact_list.length;
      created += outcome.made;
      updated += outcome.merged;
      if (page.next_cursor) cursor = page.next_cursor;
      else {
        index += MEMBERS_PER_CALL;
        cursor = null;
      }
      await r.updateSync(id, { member_index: index, cursor, contacts, created, updated });
      await r.renewSync(id, holder, leaseMs);
    }
    await r.updateSync(id, { state: 'done', finished_at: nowIso(), claimed_by: null, claimed_until: null });
    return 'done';
  } catch (err) {
    if (err instanceof WeComUnreachable || (err instanceof WeComApiError && err.errcode === 45009)) {
      // Give the claim back; the next pass (or another process) resumes from the page it was on.
      deps.wecom?.log?.warn({ syncId: id, ...(err instanceof WeComUnreachable ? { kind: err.kind, host: err.host } : { errcode: err.errcode }) }, `WeCom import paused, retrying in 30 s: ${technicalDetail(err)}`);
      await r.updateSync(id, { claimed_by: null, claimed_until: new Date(Date.now() + 30_000).toISOString() });
      return 'retry';
    }
    if (err instanceof WeComApiError) return fail(text(err.explain('zh-CN'), err.explain('en')));
    if (err instanceof DomainError) return fail(err.text);
    throw err;
  }
}

/** Claims and runs the next run any process left or started; false when none is waiting. */
export async function runNextWeComSync(deps: Pick<DomainDeps, 'db' | 'wecom'>, holder: string, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
  const id = await repos(deps.db).wecom.claimSync(holder, leaseMs);
  if (!id) return false;
  await runWeComSync(deps, id, holder, leaseMs);
  return true;
}
