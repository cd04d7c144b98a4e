/**
 * Text fields hold what is being typed for ~300 ms before committing it (one undo step per pause,
 * not per key). Saving, publishing or leaving first flushes them, so nothing typed is lost.
 */
const flushers = new Set<() => void>();

export function registerPendingEdit(flush: () => void): () => void {
  flushers.add(flush);
  return () => {
    flushers.delete(flush);
  };
}

export function flushPendingEdits(): void {
  for (const flush of [...flushers]) flush();
}
