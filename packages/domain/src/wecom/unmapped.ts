import { repos } from '@sopline/db';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { isManager } from '../users/viewer.ts';

/**
 * WeCom members who have customers in Sopline but no Sopline user: their customers arrive
 * unassigned, which the dashboard warns about until an admin links the account in Team settings
 * (which then hands those customers to the user).
 */
export type UnmappedMember = { wecomUserId: string; customers: number };

export async function weComUnmapped(deps: Pick<DomainDeps, 'db'>, viewer: Viewer): Promise<UnmappedMember[]> {
  if (!isManager(viewer)) return [];
  const rows = await repos(deps.db).wecom.unmappedMembers(viewer.workspaceId);
  return rows.map((r) => ({ wecomUserId: r.wecom_userid, customers: r.customers }));
}
