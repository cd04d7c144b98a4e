export { hashPassword, verifyPassword } from './password.ts';
export { checkNewPassword, passwordProblem, PASSWORD_MAX, PASSWORD_MIN, PASSWORD_RULES } from './password-rules.ts';
export { login, logout, openSession, resolveSession, sessionIdOf, LOGIN_LIMIT, SESSION_DAYS } from './sessions.ts';
export type { SessionUser } from './sessions.ts';
