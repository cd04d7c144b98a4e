import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '@sopline/db';
import type { DigestPlan, ReminderServices } from '@sopline/domain';
import { planDigest, sendDigest } from '@sopline/domain';
import { DIGEST_ATTEMPTS, PERMANENT_FAILURE, TRANSIENT_FAILURE } from '../contract.ts';

export type ReminderActivityDeps = { db: Db; reminders: ReminderServices };
type Target = { workspaceId: string; userId: string };

/** What a send came to, for the workflow's history (no message text, no addresses). */
export type DigestSendReport = { status: string; attempts?: number; reason?: string };

export function createReminderActivities(deps: ReminderActivityDeps) {
  return {
    planDigest: (input: Target & { now: number }): Promise<DigestPlan> => planDigest(deps, input),

    /**
     * One try at the digest of `localDate`. A transient failure throws a retryable error (Temporal
     * retries with backoff, up to DIGEST_ATTEMPTS); a permanent one, or the last try, throws a
     * non-retryable one. The delivery log records every attempt either way.
     */
    async sendDigest(input: Target & { localDate: string }): Promise<DigestSendReport> {
      const attempt = Context.current().info.attempt;
      const outcome = await sendDigest(deps, { ...input, finalAttempt: attempt >= DIGEST_ATTEMPTS });
      switch (outcome.status) {
        case 'retry':
          throw ApplicationFailure.create({ message: outcome.error, type: TRANSIENT_FAILURE });
        case 'failed':
          throw ApplicationFailure.create({ message: outcome.error, type: PERMANENT_FAILURE, nonRetryable: true });
        case 'delivered':
        case 'duplicate':
          return { status: outcome.status, attempts: outcome.attempts };
        case 'skipped':
          return { status: outcome.status, reason: outcome.reason };
        case 'no-channel':
          return { status: outcome.status };
      }
    },
  };
}

export type ReminderActivities = ReturnType<typeof createReminderActivities>;
