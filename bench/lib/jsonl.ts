import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';

/** Reads a JSONL file (gzipped when it ends in .gz) one parsed record at a time. */
export async function* readJsonl<T = unknown>(file: string): AsyncGenerator<T> {
  let input: NodeJS.ReadableStream = fs.createReadStream(file);
  if (file.endsWith('.gz')) input = input.pipe(zlib.createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as T;
    } catch {
      throw new Error(`${file}:${n}: not valid JSON`);
    }
  }
}
