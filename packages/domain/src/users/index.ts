export { isManager, ownerScope, assignableUser } from './viewer.ts';
export type { Viewer } from './viewer.ts';
export { ROLES, Role, NewPassword, publicUser, listUsers, createUser, setUserRole, deactivateUser, reactivateUser, resetUserPassword, setUserWecomId, WecomUserId } from './users.ts';
export type { PublicUser } from './users.ts';
export { resetPasswordByEmail } from './recovery.ts';
