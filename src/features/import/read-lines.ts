/** A line longer than this many bytes fails the file: no JSON Lines record or API answer is that large. */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

/** A line is longer than MAX_LINE_BYTES. */
export class LineTooLongError extends Error {}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The text lines of a stream of UTF-8 bytes, as `readline` splits them (`\n`, `\r\n` and a lone
 * `\r` end a line; a last line without an end is a line), decoding each line once from the bytes
 * between two line ends. About twice as cheap as `readline` over a large file: no decoding of
 * whole chunks, no regular expression, no event per line (docs/benchmarks.md §1). A line end can
 * never fall inside a multi-byte UTF-8 character, so no character is cut.
 */
export async function* readLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  // A `\r` right before `\n` is taken off with it; a lone `\r` left inside a line ends a line too.
  // Bytes of the line being read that came in earlier chunks (a line may span many).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(LF, start);
      if (end < 0) break;
      let line: string;
      if (pendingBytes === 0) {
        line = chunk.toString('utf8', start, end > start && chunk[end - 1] === CR ? end - 1 : end);
      } else {
        const bytes = Buffer.concat([...pending, chunk.subarray(start, end)]);
        line = bytes.toString('utf8', 0, bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length);
        pending = [];
        pendingBytes = 0;
      }
      if (line.includes('\r')) yield* line.split('\r');
      else yield line;
      start = end + 1;
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw new LineTooLongError(`a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`);
      pending.push(chunk.subarray(start));
    }
  }
  if (pendingBytes > 0) {
    // A lone `\r` ends a line; one at the very end ends the last line.
    const last = Buffer.concat(pending).toString('utf8');
    yield* (last.endsWith('\r') ? last.slice(0, -1) : last).split('\r');
  }
}
