import type { Problem, Text } from '@sopline/graph';
import { text } from '@sopline/graph';

/** An error the caller caused; `code` is stable, `message` is bilingual, `problems` point at nodes. */
export class DomainError extends Error {
  readonly code: string;
  readonly text: Text;
  readonly problems: Problem[];
  /** Facts the UI needs to resolve the error (e.g. the current revision of a draft), or null. */
  readonly details: Record<string, unknown> | null;
  constructor(code: string, message: Text, problems: Problem[] = [], details: Record<string, unknown> | null = null) {
    super(message.en);
    this.name = 'DomainError';
    this.code = code;
    this.text = message;
    this.problems = problems;
    this.details = details;
  }
}

export const errors = {
  notFound: (what: string, id: string) => new DomainError('not-found', text(`找不到${what}（${id}）`, `No such ${what} (${id})`)),
  invalidJourney: (problems: Problem[]) =>
    new DomainError('journey.invalid', text(`旅程有 ${problems.length} 个问题，修正后才能发布`, `The journey has ${problems.length} problem(s) to fix before it can be published`), problems),
  notLive: () => new DomainError('journey.not-live', text('旅程未发布或已暂停，不能加入客户', 'The journey is not live (unpublished or paused): customers cannot enter it')),
  snoozeInPast: () => new DomainError('task.snooze-past', text('推迟时间必须晚于现在', 'Snooze to a time in the future')),
  taskClosed: () => new DomainError('task.closed', text('任务已完成或已跳过', 'The task is already done or skipped')),
};
