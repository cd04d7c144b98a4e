/**
 * A background loop for one process: runs `tick` again at once while it reports more work, else
 * after `intervalMs`; `poke()` cuts the pause short. `tick` must not throw (report errors itself).
 * `stop()` ends the loop after the current tick, then runs `onStop`.
 */
export function startLoop(tick: (stopped: () => boolean) => Promise<boolean>, intervalMs: number, onStop?: () => Promise<void>) {
  let stopped = false;
  let wake: (() => void) | null = null;
  const isStopped = () => stopped;
  const loop = (async () => {
    while (!stopped) {
      const more = await tick(isStopped);
      if (!more && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
    await onStop?.();
  })();
  return {
    poke: () => wake?.(),
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
