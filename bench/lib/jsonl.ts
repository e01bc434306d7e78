import { openRecordSource } from '../../src/features/import/read-records';

/**
 * Reads a JSONL file (gzipped or not) one parsed record at a time, through the importer's own
 * reader; a line that is not JSON stops the benchmark with its file:line.
 */
export async function* readJsonl<T = unknown>(file: string): AsyncGenerator<T> {
  for await (const r of (await openRecordSource(file)).records()) {
    if ('reason' in r) throw new Error(`${r.ref}: ${r.reason}`);
    yield r.value as T;
  }
}
