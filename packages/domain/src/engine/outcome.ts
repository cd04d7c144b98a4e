import type { EnrollmentRow } from '@sopline/db';

/** What the workflow needs to know after a run of steps: finished, or how to wait. */
export type StepOutcome =
  | { seq: number; done: true; status: EnrollmentRow['status'] }
  | { seq: number; done: false; wait: { until: number | null; event: boolean }; failed?: false }
  /** A step failed for good: the run waits for an operator's retry, skip or cancel. */
  | { seq: number; done: false; failed: true; wait: { until: null; event: false } };

export type Resume =
  | { kind: 'start' }
  | { kind: 'timer' }
  | { kind: 'event'; eventId: string }
  | { kind: 'goal'; eventId: string }
  | { kind: 'cancel' }
  /** After a failed step: run again what failed (`skip`: and pass the node that failed by its first way out). */
  | { kind: 'retry'; skip: boolean };

export type RunStepsInput = {
  enrollmentId: string;
  /** The step_seq the workflow last saw; a mismatch means this call is a retry of a committed one. */
  seq: number;
  /** Workflow time (epoch ms): every step reasons with this clock, never the wall clock. */
  now: number;
  resume: Resume;
};

export const CLOSED = new Set<EnrollmentRow['status']>(['completed', 'exited', 'cancelled', 'failed']);

/** The outcome is a pure function of the enrollment row: a retried call can always recompute it. */
export function outcomeOf(e: EnrollmentRow): StepOutcome {
  if (e.status === 'failed' && e.failure !== null) return { seq: e.step_seq, done: false, failed: true, wait: { until: null, event: false } };
  if (CLOSED.has(e.status)) return { seq: e.step_seq, done: true, status: e.status };
  return {
    seq: e.step_seq,
    done: false,
    wait: { until: e.wait_until ? Date.parse(e.wait_until) : null, event: e.wait_event_kind !== null },
  };
}
