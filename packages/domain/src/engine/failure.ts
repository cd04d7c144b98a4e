import type { EnrollmentRow } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import type { Resume } from './outcome.ts';

/** Why a step can never succeed as things stand (each an operator can fix, then retry). */
export type FailureCode = 'node-type-missing' | 'config-invalid' | 'gone' | 'node-failed' | 'transient-exhausted';

/** What a failed enrollment remembers (the `failure` column, JSON). */
export type StepFailure = {
  code: FailureCode;
  text: Text;
  /** The error's own message and stack, for whoever reads the logs or the detail. */
  error: string;
  nodeId: string | null;
  nodeType: string | null;
  /** What the failed run was doing, to run it again on retry, and the status it had before. */
  resume: Resume;
  status: EnrollmentRow['status'];
  at: string;
};

/** A failure no retry of the same call can fix: thrown inside a run, it rolls the run back and fails the enrollment. */
export class PermanentFailure extends Error {
  readonly code: FailureCode;
  readonly text: Text;
  readonly nodeId: string | null;
  readonly nodeType: string | null;
  constructor(code: FailureCode, words: Text, node: { id: string; type: string } | null, options?: { cause?: unknown }) {
    super(words.en, options);
    this.name = 'PermanentFailure';
    this.code = code;
    this.text = words;
    this.nodeId = node?.id ?? null;
    this.nodeType = node?.type ?? null;
  }
}

export const failures = {
  nodeTypeMissing: (node: { id: string; type: string }) =>
    new PermanentFailure(
      'node-type-missing',
      text(`节点类型「${node.type}」没有安装：安装它的插件后重试，或跳过这个节点`, `Node type "${node.type}" is not installed: install its plugin and retry, or skip the node`),
      node,
    ),
  configInvalid: (node: { id: string; type: string }, detail: string, cause: unknown) =>
    new PermanentFailure('config-invalid', text(`节点的设置已不再有效（${detail}）：发布修正后的版本并迁移，或跳过这个节点`, `The node's settings are no longer valid (${detail}): publish a fixed version and migrate, or skip the node`), node, { cause }),
  gone: (what: 'customer' | 'version', node: { id: string; type: string } | null) =>
    new PermanentFailure('gone', what === 'customer' ? text('客户已被删除', 'The customer was deleted') : text('旅程版本已不存在', 'The journey version no longer exists'), node),
  nodeFailed: (node: { id: string; type: string }, words: Text, cause: unknown) => new PermanentFailure('node-failed', words, node, { cause }),
  transient: (cause: unknown) =>
    new PermanentFailure('transient-exhausted', text('一小时内多次重试仍然失败（数据库或网络不可用）：排除后重试', 'Kept failing for an hour of retries (database or network unavailable): retry once it is back'), null, { cause }),
};

/** An error as the logs and the failure detail keep it: its message and its stack, never `{}`. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `\ncaused by: ${err.cause.stack ?? err.cause.message}` : '';
    return `${err.stack ?? `${err.name}: ${err.message}`}${cause}`.slice(0, 4000);
  }
  return String(err).slice(0, 4000);
}

export function parseFailure(json: string | null): StepFailure | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as StepFailure;
  } catch {
    return null;
  }
}
