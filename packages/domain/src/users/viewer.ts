import type { Db, User } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { DomainError } from '../errors.ts';

/** Who is asking: every use-case below reads and writes only this workspace, and a sales rep only their own rows. */
export type Viewer = { workspaceId: string; userId: string; role: User['role']; sessionId?: string };

export function isManager(viewer: Viewer): boolean {
  return viewer.role === 'admin' || viewer.role === 'ops';
}

/** The owner a viewer is limited to: a sales rep sees only what they own; managers see everything. */
export function ownerScope(viewer: Viewer): string | undefined {
  return isManager(viewer) ? undefined : viewer.userId;
}

export const inactiveOwner = (field: string) =>
  new DomainError('user.not-assignable', text('只能分配给本工作区内在职的用户', 'Only an active user of this workspace can be assigned'), [], { field });

/** The active user of the workspace that `userId` names, or a clear error naming `field`. */
export async function assignableUser(db: Db, workspaceId: string, userId: string, field = 'ownerId'): Promise<User> {
  const user = await repos(db).users.get(workspaceId, userId);
  if (!user || !user.active) throw inactiveOwner(field);
  return user;
}
