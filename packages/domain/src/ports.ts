import type { Db } from '@sopline/db';
import type { AnyNodeDefinition, TriggerDefinition } from '@sopline/node-sdk';
import type { NodeCatalog } from '@sopline/graph';
import type { z } from 'zod';
import type { RetryPolicy } from '@sopline/wecom';
import type { ReminderServices } from './reminders/ports.ts';
import type { SecretBox } from './wecom/secrets.ts';

/** The node types installed: what the domain needs of `@sopline/registry`. */
export interface NodeRegistry extends NodeCatalog {
  get(type: string): AnyNodeDefinition | undefined;
  triggersFor(kind: string): Array<TriggerDefinition<z.ZodType>>;
  /** Every installed node type, for the designer's catalogue (`nodeTypes.list`). */
  list(): AnyNodeDefinition[];
  /** Built in, or which plugin package brought it. */
  sourceOf?(type: string): { kind: 'builtin' } | { kind: 'plugin'; name: string } | undefined;
}

/**
 * How the domain drives durable runs, without knowing Temporal. Implemented by the journey worker
 * package; every method is idempotent (calling it twice has the effect of calling it once).
 */
export interface JourneyRunner {
  start(run: { workflowId: string; enrollmentId: string }): Promise<void>;
  /** Wakes a run that may be waiting for this event. */
  signalEvent(run: { workflowId: string; enrollmentId: string }, eventId: string): Promise<void>;
  /** Tells a run its journey's goal was reached. */
  signalGoal(run: { workflowId: string; enrollmentId: string }, eventId: string): Promise<void>;
  /** Asks a run to end its enrollment as cancelled at once; a run that no longer exists is ignored. */
  cancel(run: { workflowId: string; enrollmentId: string }): Promise<void>;
  /** Asks a run whose step failed to run it again (`skip`: passing the node that failed). */
  retry(run: { workflowId: string; enrollmentId: string }, skip: boolean): Promise<void>;
}

/** Sends an e-mail (SMTP_URL); without one, invitation links are only shown to copy. */
export interface Mailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

/** What the WeCom integration needs from the process: where WeCom is, and how secrets are kept. */
export interface WeComServices {
  /** WECOM_API_BASE: https://qyapi.weixin.qq.com, a proxy, or the test simulator. */
  apiBase: string;
  /** Seals the workspace's WeCom secrets at rest (a key derived from the server secret). */
  secrets: SecretBox;
  /** SOPLINE_PUBLIC_URL: the address WeCom reaches this server at; else the browser's origin is used. */
  publicUrl?: string | null;
  /** WECOM_OAUTH_BASE: replaces WeCom's OAuth and web-login hosts (a proxy, or the test simulator); unset: WeCom's own. */
  oauthBase?: string | null;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** The clock callbacks' timestamps are checked against (tests move it). */
  now?: () => Date;
  /** Where a failed call to WeCom is logged at warn with its technical detail (the process's logger). */
  log?: { warn(fields: Record<string, unknown>, message: string): void };
}

export type DomainDeps = {
  db: Db;
  registry: NodeRegistry;
  runner: JourneyRunner;
  /**
   * Where background jobs (bulk enrolment) run: 'here', in the process that starts them (the
   * default), or 'workers', queued in the database for the worker processes to claim.
   */
  backgroundJobs?: 'here' | 'workers';
  /** Notification channels and the digest scheduler; without them reminders report "no channel". */
  reminders?: ReminderServices;
  mailer?: Mailer;
  /** Without it the WeCom settings can be saved but nothing talks to WeCom. */
  wecom?: WeComServices;
};
