import type { Db } from '@sopline/db';
import type { Viewer } from '../users/viewer.ts';

/** The first-day steps of a new workspace, in the order a team takes them. */
export const ONBOARDING_STEPS = ['inviteReps', 'importCustomers', 'importOrders', 'publishJourney', 'firstTask'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export type Onboarding = { steps: Array<{ step: OnboardingStep; done: boolean }>; complete: boolean };

const found = async (row: Promise<unknown>): Promise<boolean> => (await row) !== undefined;

/**
 * Which first-day steps the workspace has taken, read from what is there (so each ticks itself): a
 * sales rep on the team or invited, customers, purchase events, a live journey, a task.
 */
export async function onboardingOf(deps: { db: Db }, viewer: Viewer): Promise<Onboarding> {
  const db = deps.db;
  const ws = viewer.workspaceId;
  const done: Record<OnboardingStep, boolean> = {
    inviteReps:
      (await found(db.selectFrom('users').select('id').where('workspace_id', '=', ws).where('role', '=', 'sales').limit(1).executeTakeFirst())) ||
      (await found(db.selectFrom('invitations').select('id').where('workspace_id', '=', ws).where('role', '=', 'sales').where('revoked_at', 'is', null).limit(1).executeTakeFirst())),
    importCustomers: await found(db.selectFrom('customers').select('id').where('workspace_id', '=', ws).limit(1).executeTakeFirst()),
    importOrders: await found(db.selectFrom('events').select('id').where('workspace_id', '=', ws).where('kind', '=', 'purchase').limit(1).executeTakeFirst()),
    publishJourney: await found(db.selectFrom('journeys').select('id').where('workspace_id', '=', ws).where('live_version_id', 'is not', null).limit(1).executeTakeFirst()),
    firstTask: await found(db.selectFrom('tasks').select('id').where('workspace_id', '=', ws).limit(1).executeTakeFirst()),
  };
  const steps = ONBOARDING_STEPS.map((step) => ({ step, done: done[step] }));
  return { steps, complete: steps.every((s) => s.done) };
}
