import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../../trpc.ts';
import type { NodeCounts } from '../store.ts';
import { useDesigner } from '../store.ts';

export const LIVE_REFRESH_MS = 5_000;

/**
 * Live view: per-node counts of the version on screen (the live one while editing the draft),
 * polled every 5 s into the store, where the canvas draws them.
 */
export function useLiveCounts(journeyId: string, enabled: boolean, versionId: string | undefined) {
  const trpc = useTRPC();
  const counts = useQuery({
    ...trpc.analytics.nodeCounts.queryOptions({ journeyId, ...(versionId ? { versionId } : {}) }),
    enabled,
    refetchInterval: LIVE_REFRESH_MS,
  });
  // Loading another graph clears the store's counts: put them back straight away.
  const cleared = useDesigner((s) => s.counts === null);
  useEffect(() => {
    const setCounts = useDesigner.getState().setCounts;
    if (!enabled) return setCounts(null);
    if (!counts.data) return;
    const next: NodeCounts = {};
    for (const n of counts.data.nodes) next[n.nodeId] = { entered: n.entered, waitingNow: n.waitingNow, exited: n.exited, failed: n.failed };
    setCounts(next);
  }, [enabled, counts.data, cleared]);
  useEffect(() => () => useDesigner.getState().setCounts(null), []);
  return counts;
}
