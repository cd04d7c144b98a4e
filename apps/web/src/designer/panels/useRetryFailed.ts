import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC, useTRPCClient } from '../../trpc.ts';
import { notify } from './notify.ts';

/** Each call retries a handful, so a long list shows its progress and a stop loses little. */
export const RETRY_CHUNK = 10;

export type RetryTotals = { retried: number; stillFailed: number; notFailed: number };

/** Splits ids into the calls made for them, in order. */
export function chunks<T>(items: readonly T[], size = RETRY_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The toast's lines for a finished retry or skip, as translation keys with their counts. */
export function resultLines(totals: RetryTotals, skip: boolean): Array<{ key: string; count: number }> {
  const lines: Array<{ key: string; count: number }> = [];
  if (totals.retried > 0 || (totals.stillFailed === 0 && totals.notFailed === 0)) lines.push({ key: skip ? 'designer.failures.result.skipped' : 'designer.failures.result.retried', count: totals.retried });
  if (totals.stillFailed > 0) lines.push({ key: 'designer.failures.result.stillFailed', count: totals.stillFailed });
  if (totals.notFailed > 0) lines.push({ key: 'designer.failures.result.notFailed', count: totals.notFailed });
  return lines;
}

/**
 * Retries (or skips past the node of) failed enrollments in small calls, with progress, then says
 * what came of it in the operator's language and refreshes the counts on the canvas and the lists.
 */
export function useRetryFailed() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<{ done: number; total: number; skip: boolean } | null>(null);

  const run = async (ids: string[], skip: boolean): Promise<RetryTotals | null> => {
    const totals: RetryTotals = { retried: 0, stillFailed: 0, notFailed: 0 };
    let done = 0;
    setProgress({ done, total: ids.length, skip });
    try {
      for (const part of chunks(ids)) {
        const r = await client.enrollments.retry.mutate({ enrollmentIds: part, skip });
        totals.retried += r.retried;
        totals.stillFailed += r.stillFailed;
        totals.notFailed += r.notFailed;
        done += part.length;
        setProgress({ done, total: ids.length, skip });
      }
      const lines = resultLines(totals, skip);
      notify({ id: 'designer-failures', color: totals.stillFailed > 0 ? 'orange' : 'teal', autoClose: 8_000, message: lines.map((l) => t(l.key, { count: l.count })).join(' ') });
      return totals;
    } catch (err) {
      notify({ id: 'designer-failures', color: 'red', autoClose: false, message: t('designer.failures.result.error', { error: errorText(err, i18n.language), done, total: ids.length }) });
      return null;
    } finally {
      setProgress(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.analytics.nodeCounts.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.enrollments.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() }),
      ]);
    }
  };
  return { run, progress };
}
