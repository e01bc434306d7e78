import { addCounts, emptyCounts, type Counts, type ImportFormat } from './import-record';
import { readBatches } from './read-batches';
import { ImportFileError } from './read-records';
import { writeBatch, type ImportDeps } from './write-batch';

/** What importing one file did. */
export type FileResult = {
  file: string;
  format: ImportFormat | null;
  papers: Counts;
  listings: Counts;
  /** Records read (good and bad). */
  records: number;
  /** Bad records, reported and skipped. */
  skipped: number;
  /** Why the file as a whole failed (unreadable, or nothing in it could be imported); else null. */
  error: string | null;
};

/** Callbacks and tuning for one file. */
export type FileHooks = {
  batchSize: number;
  /** Parse in a worker thread (worth it for large files only: starting one takes ~0.3 s). */
  inWorker: boolean;
  /** One `file:line: reason` message per bad record. */
  onBadRecord(message: string): void;
  /** After each batch: bytes of the file read so far and records read so far. */
  onBatch(bytesRead: number, records: number): void;
};

/**
 * Imports one file: reads and validates its records (see parse-batches.ts) and writes them in
 * batches, each one transaction. Bad records are reported and skipped. The file fails (with
 * `error`) when it cannot be read or when not a single record could be imported; whatever
 * earlier batches wrote stays written.
 */
export async function importFile(deps: ImportDeps, file: string, hooks: FileHooks): Promise<FileResult> {
  const result: FileResult = { file, format: null, papers: emptyCounts(), listings: emptyCounts(), records: 0, skipped: 0, error: null };
  const bad = (ref: string, reason: string) => {
    result.skipped++;
    hooks.onBadRecord(`${ref}: ${reason}`);
  };
  let undated = 0;
  try {
    for await (const batch of readBatches(file, hooks)) {
      result.format = batch.format;
      result.records = batch.recordsRead;
      undated += batch.undated;
      for (const b of batch.bad) bad(b.ref, b.reason);
      if (batch.records.length > 0) {
        const written = await writeBatch(deps, batch.records);
        addCounts(result.papers, written.papers);
        addCounts(result.listings, written.listings);
        for (const r of written.rejected) bad(r.ref, r.reason);
      }
      hooks.onBatch(batch.bytesRead, batch.recordsRead);
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    result.error = error.message;
    return result;
  }
  if (undated > 0) {
    deps.log.warn(`${file}: ${undated} daily items give no list day (no submittedOnDailyAt, no YYYY-MM-DD in the file name); imported their papers without listing them`);
  }
  const imported = total(result.papers) + total(result.listings);
  if (result.records === 0) result.error = `${file}: no records in the file`;
  else if (imported === 0) result.error = `${file}: nothing could be imported (${result.skipped} bad records)`;
  return result;
}

function total(c: Counts): number {
  return c.inserted + c.updated + c.unchanged;
}
