import fs from 'node:fs';

/**
 * CPU time per thread of this process (Linux /proc), for benchmarks that use worker threads:
 * threads that have exited disappear from /proc, so `sample` must run while they live (e.g. on
 * every progress callback and on a timer); each thread keeps the last figure seen.
 */
export function threadCpuSampler(): { sample(): void; report(minSeconds?: number): string } {
  const seen = new Map<string, { name: string; seconds: number }>();
  const ticks = 100; // USER_HZ on Linux
  return {
    sample() {
      let tids: string[];
      try {
        tids = fs.readdirSync('/proc/self/task');
      } catch {
        return; // not Linux
      }
      for (const tid of tids) {
        try {
          const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
          const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          seen.set(tid, { name, seconds: (Number(fields[11]) + Number(fields[12])) / ticks });
        } catch {
          // The thread ended between the listing and the read.
        }
      }
    },
    /** Threads of at least `minSeconds` in creation order (the main thread first), then the rest summed. */
    report(minSeconds = 0.5) {
      const all = [...seen].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, t]) => t);
      const rows = all.filter((t) => t.seconds >= minSeconds);
      const small = all.filter((t) => t.seconds < minSeconds).reduce((sum, t) => sum + t.seconds, 0);
      return [...rows.map((t) => `${t.seconds.toFixed(1)}`), `+ ${small.toFixed(1)} s in ${all.length - rows.length} small threads`].join(' ');
    },
  };
}
