import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { hashPassword } from '../auth/password.ts';
import { checkNewPassword } from '../auth/password-rules.ts';
import { DomainError } from '../errors.ts';

/**
 * For the admin who is locked out, from the machine (`pnpm sopline users reset-password`): a new
 * password for every account with this e-mail (one person, in each workspace they belong to), their
 * sessions ended, and the failed-login lock on the e-mail lifted. Deactivated accounts stay deactivated.
 */
export async function resetPasswordByEmail(deps: { db: Db }, input: { email: string; password: string }): Promise<{ accounts: number; sessionsEnded: number }> {
  const email = input.email.trim().toLowerCase();
  checkNewPassword(input.password, { email, field: 'password' });
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const accounts = await r.users.byEmail(email);
    if (accounts.length === 0) throw new DomainError('not-found', text(`没有邮箱为 ${email} 的用户`, `No user has the e-mail ${email}`), [], { field: 'email' });
    let sessionsEnded = 0;
    for (const user of accounts) {
      await r.users.update(user.workspace_id, user.id, { passwordHash });
      sessionsEnded += await r.users.endSessions(user.workspace_id, user.id);
    }
    await r.loginFailures.clear(email);
    return { accounts: accounts.length, sessionsEnded };
  });
}
