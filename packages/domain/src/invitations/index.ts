export { acceptInvitation, createInvitation, INVITE_DAYS, invitationTokenHash, listInvitations, lookupInvitation, revokeInvitation } from './invitations.ts';
export type { InvitationLookup, PublicInvitation } from './invitations.ts';
