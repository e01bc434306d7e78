import path from 'node:path';
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../features/import-files';

/** Shows how far an import is; `stop()` clears the bar (or does nothing for plain lines). */
export type ProgressReporter = {
  update(progress: ImportProgress): void;
  stop(): void;
};

/**
 * A progress bar over the bytes read (compressed bytes for .gz) when `stream` is a terminal;
 * otherwise (logs, CI) one plain line every `intervalMs`, such as
 * `imported 51,000 records (32%)…`, so a long import shows life without flooding the log.
 */
export function createProgressReporter(
  stream: NodeJS.WriteStream = process.stderr,
  options: { intervalMs?: number; now?: () => number } = {},
): ProgressReporter {
  if (stream.isTTY) return barReporter(stream);
  const interval = options.intervalMs ?? 3000;
  const now = options.now ?? Date.now;
  let last = now();
  return {
    update(p) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      stream.write(`imported ${p.records.toLocaleString('en-US')} records (${percent(p)}%)…\n`);
    },
    stop() {},
  };
}

function barReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {records} records | {file}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = { records: p.records.toLocaleString('en-US'), file: path.basename(p.file) };
      if (!started) {
        bar.start(Math.max(p.totalBytes, 1), p.bytesRead, payload);
        started = true;
      } else {
        bar.update(p.bytesRead, payload);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

function percent(p: ImportProgress): number {
  return p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : 0;
}
