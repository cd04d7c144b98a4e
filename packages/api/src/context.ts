import type { Db, User, Workspace } from '@sopline/db';
import type { DomainDeps } from '@sopline/domain';

/** What every procedure can reach: the domain's collaborators, who is calling, and the response cookie. */
export type ApiContext = {
  deps: DomainDeps & { sessionSecret: string };
  db: Db;
  session: { user: User; workspace: Workspace; sessionId: string } | null;
  ip: string;
  userAgent: string | null;
  /** The app's own address as the browser reached it (its Origin), for links the server sends out. */
  origin?: string | null;
  /** Sets or clears the session cookie on the HTTP response (a no-op in router tests). */
  cookies: { setSession(token: string, expiresAt: Date): void; clearSession(): void };
};

export function callerContext(input: Omit<ApiContext, 'cookies'> & { cookies?: ApiContext['cookies'] }): ApiContext {
  return { cookies: { setSession: () => {}, clearSession: () => {} }, ...input };
}
