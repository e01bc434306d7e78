import path from 'node:path';
import type { ImportFormat, ImportRecord } from './import-record';
import { detectFormat, parseRecord } from './parse-record';
import { openRecordSource } from './read-records';

/** A batch of validated records with the bad ones met on the way, and where reading is. */
export type ParsedBatch = {
  format: ImportFormat | null;
  records: ImportRecord[];
  bad: { ref: string; reason: string }[];
  /** Daily items of this batch whose list day is unknown. */
  undated: number;
  /** Records read from the start of the file, good and bad. */
  recordsRead: number;
  bytesRead: number;
};

/**
 * Reads a file and yields its records validated, in batches of `batchSize` good records. The
 * format is the one of the first record with a recognisable shape; records before it are bad.
 * The last batch (possibly empty) reports all bytes read. Throws `ImportFileError`.
 */
export async function* parseBatches(file: string, batchSize: number): AsyncGenerator<ParsedBatch> {
  const source = await openRecordSource(file);
  const fileDay = /(\d{4}-\d{2}-\d{2})/.exec(path.basename(file))?.[1] ?? null;
  let format: ImportFormat | null = null;
  let recordsRead = 0;
  const fresh = (): ParsedBatch => ({ format, records: [], bad: [], undated: 0, recordsRead, bytesRead: 0 });
  let batch = fresh();
  for await (const raw of source.records()) {
    recordsRead++;
    if ('reason' in raw) {
      batch.bad.push({ ref: raw.ref, reason: raw.reason });
      continue;
    }
    if (format === null) {
      format = detectFormat(raw.value);
      batch.format = format;
      if (format === null) {
        batch.bad.push({ ref: raw.ref, reason: 'not a papers record, a daily row or an HF daily item (no id/title, date/id or paper field)' });
        continue;
      }
    }
    const parsed = parseRecord(format, raw.value, raw.ref, { fileDay });
    if (!parsed.ok) {
      batch.bad.push({ ref: raw.ref, reason: parsed.reason });
      continue;
    }
    if (parsed.record.hasUndatedListing) batch.undated++;
    batch.records.push(parsed.record);
    if (batch.records.length >= batchSize) {
      yield { ...batch, recordsRead, bytesRead: source.bytesRead() };
      batch = fresh();
    }
  }
  yield { ...batch, recordsRead, bytesRead: source.totalBytes };
}
