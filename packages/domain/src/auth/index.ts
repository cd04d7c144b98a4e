export { hashPassword, verifyPassword } from './password.ts';
export { login, logout, resolveSession, sessionIdOf, LOGIN_LIMIT, SESSION_DAYS } from './sessions.ts';
export type { SessionUser } from './sessions.ts';
