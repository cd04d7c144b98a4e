import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { DateTime } from 'luxon';
import { FIELD_LABELS } from '../imports/fields.ts';
import { workspaceStages } from '../stages/stages.ts';
import type { Viewer } from '../users/viewer.ts';
import type { CustomerSearchInput } from './search.ts';
import { searchCustomers } from './search.ts';

// Pages of 1,000: at 200 a 50,000-row export spent most of its 33 s re-counting and re-skipping rows.
const PAGE = 1000;

/**
 * The customers a list shows (same filters, same sort; a rep: their own) as spreadsheet rows, a page
 * at a time. Headers are the import's field names in the user's language and stages their labels, so
 * an exported file imports back as it is; times are in the workspace's zone.
 */
export async function exportCustomers(
  deps: { db: Db },
  viewer: Viewer,
  input: Omit<CustomerSearchInput, 'limit' | 'offset'> & { lang: keyof Text; max?: number },
): Promise<{ header: string[]; total: number; rows: AsyncGenerator<Array<string | null>> }> {
  const lang = input.lang;
  const zone = (await repos(deps.db).workspaces.get(viewer.workspaceId))?.timezone ?? 'UTC';
  const stages = new Map((await workspaceStages(deps.db, viewer.workspaceId)).map((s) => [s.code, s.label[lang]]));
  const emails = new Map((await repos(deps.db).users.list(viewer.workspaceId)).map((u) => [u.id, u.email]));
  const first = await searchCustomers(deps, viewer, { ...input, limit: PAGE, offset: 0 });
  const total = Math.min(first.total, input.max ?? Number.POSITIVE_INFINITY);
  const header = [
    ...(['name', 'phone', 'email', 'wechat_unionid', 'wechat_openid', 'member_id', 'owner', 'stage', 'tags'] as const).map((f) => FIELD_LABELS[f][lang]),
    lang === 'en' ? 'Created at' : '加入时间',
  ];
  async function* rows(): AsyncGenerator<Array<string | null>> {
    let page = first;
    let sent = 0;
    for (let offset = 0; sent < total; ) {
      for (const c of page.items) {
        if (sent >= total) return;
        sent += 1;
        yield [c.name, c.phone, c.email, c.wechatUnionid, c.wechatOpenid, c.memberId, c.owner ? (emails.get(c.owner.id) ?? c.owner.name) : null, c.stage ? (stages.get(c.stage) ?? c.stage) : null, c.tags.join('|'), DateTime.fromISO(c.createdAt, { zone }).toFormat('yyyy-MM-dd HH:mm')];
      }
      if (page.items.length < PAGE) return;
      offset += PAGE;
      page = await searchCustomers(deps, viewer, { ...input, limit: PAGE, offset });
    }
  }
  return { header, total, rows: rows() };
}
