import { describe, expect, it } from 'vitest';
import { createCountProgress } from './count-progress';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream, written };
}

describe('createCountProgress', () => {
  it('writes a plain line at most every interval when not on a terminal', () => {
    const { stream, written } = fakeStream(false);
    let t = 0;
    const p = createCountProgress(stream, { label: 'sending', total: 10_000, intervalMs: 3000, now: () => t });
    for (const [ms, done] of [[1000, 10], [3000, 1200], [4000, 1500], [7000, 9000]] as const) {
      t = ms;
      p.update(done);
    }
    p.stop();
    expect(written).toEqual(['sending: 1,200 of 10,000…\n', 'sending: 9,000 of 10,000…\n']);
  });

  it('draws a bar on a terminal', () => {
    const { stream, written } = fakeStream(true);
    Object.assign(stream, { columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    const p = createCountProgress(stream, { label: 'composing', total: 4 });
    p.update(2);
    p.stop();
    expect(written.join('')).toContain('composing');
  });
});
