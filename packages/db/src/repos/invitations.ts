import type { Kysely } from 'kysely';
import { newId } from '../ids.ts';
import type { Database, Invitation } from '../schema.ts';

export function invitationsRepo(db: Kysely<Database>) {
  return {
    async create(input: { workspaceId: string; email: string; role: Invitation['role']; tokenHash: string; invitedBy: string; now: string; expiresAt: string }): Promise<Invitation> {
      const row: Invitation = {
        id: newId(),
        workspace_id: input.workspaceId,
        email: input.email,
        role: input.role,
        token_hash: input.tokenHash,
        invited_by: input.invitedBy,
        created_at: input.now,
        expires_at: input.expiresAt,
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      };
      await db.insertInto('invitations').values(row).execute();
      return row;
    },
    byTokenHash(tokenHash: string): Promise<Invitation | undefined> {
      return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    get(workspaceId: string, id: string): Promise<Invitation | undefined> {
      return db.selectFrom('invitations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    /** Neither accepted nor revoked (expired ones too: the list says they expired), newest first. */
    open(workspaceId: string): Promise<Array<Invitation & { inviter_name: string | null }>> {
      return db
        .selectFrom('invitations')
        .leftJoin('users', 'users.id', 'invitations.invited_by')
        .selectAll('invitations')
        .select('users.name as inviter_name')
        .where('invitations.workspace_id', '=', workspaceId)
        .where('invitations.accepted_at', 'is', null)
        .where('invitations.revoked_at', 'is', null)
        .orderBy('invitations.created_at', 'desc')
        .execute();
    },
    /** Revokes the open invitations of an e-mail in a workspace (a new link replaces the old). */
    async revokeOpenFor(workspaceId: string, email: string, now: string): Promise<number> {
      const r = await db
        .updateTable('invitations')
        .set({ revoked_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('email', '=', email)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async revoke(workspaceId: string, id: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable('invitations')
        .set({ revoked_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Compare-and-set: true for the one caller that turned an open, unexpired invitation into an accepted one. */
    async accept(id: string, userId: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable('invitations')
        .set({ accepted_at: now, accepted_by: userId })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
