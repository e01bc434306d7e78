import { describe, expect, it } from 'vitest';
import { LineTooLongError, readLines } from './read-lines';

async function linesOf(chunks: (string | Buffer)[]): Promise<string[]> {
  async function* source() {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
  }
  const out: string[] = [];
  for await (const line of readLines(source())) out.push(line);
  return out;
}

/** What node:readline makes of the same text: the behaviour readLines keeps. */
function readlineSplit(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

describe('readLines', () => {
  it('splits on \\n, \\r\\n and a lone \\r, with or without a last line end', async () => {
    for (const text of ['a\nb\n', 'a\r\nb', 'a\rb\r\nc\n\nd', '\n\nx', 'last\r', 'α\r\r\nβ', '']) {
      expect(await linesOf([text]), JSON.stringify(text)).toEqual(readlineSplit(text));
    }
  });

  it('gives the same lines however the bytes are cut into chunks, multi-byte characters included', async () => {
    const text = '{"t":"Ünïcödé – 数学 😀"}\r\n{"t":"b"}\n\r\nplain\rend';
    const bytes = Buffer.from(text, 'utf8');
    for (let size = 1; size <= bytes.length; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await linesOf(chunks), `chunks of ${size}`).toEqual(readlineSplit(text));
    }
  });

  it('reads a line that spans many chunks', async () => {
    const long = 'x'.repeat(100_000);
    const chunks = Array.from({ length: 100 }, () => 'x'.repeat(1000));
    expect(await linesOf([...chunks, '\nnext'])).toEqual([long, 'next']);
  });

  it('refuses a line longer than the limit instead of holding it', async () => {
    async function* endless() {
      const chunk = Buffer.alloc(64 * 1024 * 1024, 0x78);
      for (;;) yield chunk;
    }
    await expect(async () => {
      for await (const _ of readLines(endless()));
    }).rejects.toThrow(LineTooLongError);
  });
});
