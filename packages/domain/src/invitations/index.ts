export { acceptInvitation, createInvitation, INVITE_DAYS, invitationMail, invitationTokenHash, listInvitations, lookupInvitation, revokeInvitation } from './invitations.ts';
export type { EmailOutcome, InvitationLookup, PublicInvitation } from './invitations.ts';
