import type { ChannelRegistry } from './channels.ts';

/** Whose digest workflow: one per user. */
export type DigestTarget = { workspaceId: string; userId: string };

/**
 * Keeps each rep's durable digest schedule running, without the domain knowing Temporal.
 * Implemented by the reminders worker package; both methods are idempotent.
 */
export interface DigestScheduler {
  /** Starts the rep's schedule if it is not running (a no-op when it is). */
  ensure(target: DigestTarget): Promise<void>;
  /** The rep's settings (or the workspace's channel) changed: recompute the next digest, starting the schedule if needed. */
  changed(target: DigestTarget): Promise<void>;
}

/** What reminders need beyond the database: the channels installed, the scheduler, and where the web app is reachable. */
export type ReminderServices = {
  channels: ChannelRegistry;
  scheduler: DigestScheduler | null;
  /** e.g. https://sopline.example.com; digests link to `${publicUrl}/inbox` when set. */
  publicUrl: string | null;
};
