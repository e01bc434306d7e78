import cliProgress from 'cli-progress';

/** Shows how far a counted task is (`done` of `total`); `stop()` clears the bar. */
export type CountProgress = {
  update(done: number): void;
  stop(): void;
};

/**
 * For work counted in items (digests composed, mails sent): a bar when `stream` is a terminal,
 * otherwise one plain line every `intervalMs` (`sending: 1,200 of 10,000…`), so a log shows life
 * without a line per item.
 */
export function createCountProgress(
  stream: NodeJS.WriteStream,
  options: { label: string; total: number; intervalMs?: number; now?: () => number },
): CountProgress {
  const { label, total } = options;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} {bar} {value}/{total}`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0);
    return {
      update: (done) => bar.update(Math.min(done, Math.max(total, 1))),
      stop: () => bar.stop(),
    };
  }
  const interval = options.intervalMs ?? 3000;
  const now = options.now ?? Date.now;
  let last = now();
  return {
    update(done) {
      if (now() - last < interval) return;
      last = now();
      stream.write(`${label}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}…\n`);
    },
    stop() {},
  };
}
