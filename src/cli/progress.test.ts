import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream, written };
}

describe('createProgressReporter', () => {
  it('writes a plain line at most every interval when not on a terminal', () => {
    const { stream, written } = fakeStream(false);
    let t = 0;
    const reporter = createProgressReporter(stream, { intervalMs: 3000, now: () => t });
    const at = (ms: number, records: number, bytesRead: number) => {
      t = ms;
      reporter.update({ file: 'papers.jsonl.gz', records, bytesRead, totalBytes: 1000 });
    };
    at(1000, 10, 100);
    at(3000, 51_000, 320);
    at(4000, 60_000, 400);
    at(6500, 158_279, 1000);
    reporter.stop();
    expect(written).toEqual(['imported 51,000 records (32%)…\n', 'imported 158,279 records (100%)…\n']);
  });

  it('draws a bar on a terminal and clears it when stopped', () => {
    const { stream, written } = fakeStream(true);
    Object.assign(stream, { columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    const reporter = createProgressReporter(stream);
    reporter.update({ file: 'papers.jsonl.gz', records: 10, bytesRead: 50, totalBytes: 100 });
    reporter.stop();
    expect(written.join('')).toContain('50% | 10 records | papers.jsonl.gz');
  });
});
