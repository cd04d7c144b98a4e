// Workspace settings: name, time zone, quiet hours and per-customer frequency caps.
export { getWorkspaceSettings, MAX_CAP, updateWorkspaceSettings, WorkspaceSettingsPatch, WorkspaceZone } from './settings.ts';
export type { WorkspaceSettings } from './settings.ts';
export { removeDemoData } from './demo.ts';
export type { DemoRemoval } from './demo.ts';
export { createWorkspace, listMemberships, NewWorkspaceInput, switchWorkspace } from './memberships.ts';
export type { Membership } from './memberships.ts';
export { ONBOARDING_STEPS, onboardingOf } from './onboarding.ts';
export type { Onboarding, OnboardingStep } from './onboarding.ts';
