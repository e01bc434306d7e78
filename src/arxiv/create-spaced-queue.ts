/** Runs tasks one at a time, each starting at least `minIntervalMs` after the previous one ended. */
export type SpacedQueue = { run<T>(task: () => Promise<T>): Promise<T> };

/**
 * A serialising queue for a rate-limited remote service. arXiv asks for one connection at a time
 * and a pause between requests, so the pause is counted from the end of the previous request, not
 * its start: a slow answer then never lets two requests arrive closer together than the interval.
 */
export function createSpacedQueue(options: {
  minIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}): SpacedQueue {
  const { minIntervalMs, sleep, now } = options;
  let tail: Promise<unknown> = Promise.resolve();
  let lastEnd = Number.NEGATIVE_INFINITY;

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const turn = tail.then(async () => {
        const due = lastEnd + minIntervalMs;
        // Timers may wake a millisecond early against the clock, so check again; bounded, so an
        // injected clock that never moves cannot spin forever.
        for (let i = 0, wait = due - now(); wait > 0 && i < 5; i++, wait = due - now()) await sleep(Math.ceil(wait));
        try {
          return await task();
        } finally {
          lastEnd = now();
        }
      });
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
