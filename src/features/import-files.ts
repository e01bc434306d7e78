import fs from 'node:fs';
import { addCounts, emptyCounts, type Counts, type ImportFormat } from './import/import-record';
import { importFile, type FileResult } from './import/import-file';
import { detectFormat } from './import/parse-record';
import { openRecordSource } from './import/read-records';
import type { ImportDeps } from './import/write-batch';
import { deferIndexesForBulkLoad, restoreDeferredIndexes } from '../storage/repos/deferred-indexes';
import { refreshStatistics } from '../storage/repos/refresh-statistics';
import { startFullTextBuild } from '../storage/search/full-text-bulk-build';

/** Where an import run is, for a progress display. */
export type ImportProgress = {
  file: string;
  /** Bytes read over all files (compressed bytes for .gz), and their total size. */
  bytesRead: number;
  totalBytes: number;
  /** Records read over all files. */
  records: number;
};

export type ImportFilesInput = {
  files: string[];
  onProgress?: (progress: ImportProgress) => void;
  /** Receives `file:line: reason` for each bad record; default: a warning in the log. */
  onBadRecord?: (message: string) => void;
  /** Records per transaction. */
  batchSize?: number;
  /** Files at least this large are parsed in a worker thread, and runs at least this large into an empty SQLite file index full text in another (default 4 MB; 0: always). */
  workerThresholdBytes?: number;
};

/** What an import run did, in total and per file. */
export type ImportSummary = {
  papers: Counts;
  listings: Counts;
  skipped: number;
  /** Per file, in the order given. */
  files: FileResult[];
  /** Files that could not be imported, with the one-line reason, in the order given. */
  failures: { file: string; reason: string }[];
};

/** Bad records shown per file; the rest are counted, so a wholly wrong file does not flood. */
const MAX_REPORTED_PER_FILE = 50;

/** Files (or, for the full-text thread, runs) at least this large use worker threads (starting one takes ~0.3 s). */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

/** From this many changed rows on, an import refreshes the query planner's statistics. */
const BULK_CHANGES = 1000;

/**
 * `paperboy import FILE…`: imports papers files, daily-list files and raw HF API answers, in any
 * mix. Files holding papers are imported before files holding only listings, so a daily file
 * can name papers from a papers file given after it on the command line. A failed file does not
 * stop the others; it is listed in `failures`.
 */
export async function importFiles(deps: ImportDeps, input: ImportFilesInput): Promise<ImportSummary> {
  const summary: ImportSummary = { papers: emptyCounts(), listings: emptyCounts(), skipped: 0, files: [], failures: [] };
  // A first load into an empty SQLite database builds some indexes once at the end, and a large
  // one its full-text index in a second thread (see deferred-indexes.ts, full-text-bulk-build.ts).
  await restoreDeferredIndexes(deps.db);
  const sizes = input.files.map(fileSize);
  const large = sizes.reduce((a, b) => a + b, 0) >= (input.workerThresholdBytes ?? WORKER_THRESHOLD_BYTES);
  const fullText = large ? startFullTextBuild(deps.db) : null;
  const restoreIndexes = await deferIndexesForBulkLoad(deps.db, { fullText: fullText !== null });
  let imported = false;
  try {
    summary.files = await importEach(fullText ? { ...deps, db: { ...deps.db, fullText: fullText.sink } } : deps, input, sizes, summary);
    imported = true;
  } finally {
    try {
      if (fullText && !imported) await fullText.abort();
      else if (fullText && !(await fullText.finish())) deps.log.warn('the full-text thread failed; rebuilding the search index in this thread');
    } finally {
      await restoreIndexes?.();
      await fullText?.closed();
    }
  }
  summary.failures = summary.files.flatMap((f) => (f.error ? [{ file: f.file, reason: f.error }] : []));
  const changed = summary.papers.inserted + summary.papers.updated + summary.listings.inserted + summary.listings.updated;
  if (changed >= BULK_CHANGES) await refreshStatistics(deps.db);
  return summary;
}

/** Imports the files (papers first; `sizes` in bytes, in the same order), adding their counts to `summary`; results in the order given. */
async function importEach(deps: ImportDeps, input: ImportFilesInput, sizes: number[], summary: ImportSummary): Promise<FileResult[]> {
  const report = input.onBadRecord ?? ((m: string) => deps.log.warn(m));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const order = await importOrder(input.files);
  let bytesBefore = 0;
  let recordsBefore = 0;
  // Reported in the order the files were given, whatever order they were imported in.
  const results: FileResult[] = [];
  for (const index of order) {
    const file = input.files[index]!;
    let shown = 0;
    const result = await importFile(deps, file, {
      batchSize: input.batchSize ?? 2000,
      inWorker: sizes[index]! >= (input.workerThresholdBytes ?? WORKER_THRESHOLD_BYTES),
      onBadRecord: (message) => {
        if (shown++ < MAX_REPORTED_PER_FILE) report(message);
      },
      onBatch: (bytesRead, records) =>
        input.onProgress?.({ file, bytesRead: bytesBefore + bytesRead, totalBytes, records: recordsBefore + records }),
    });
    if (shown > MAX_REPORTED_PER_FILE) report(`${file}: ${shown - MAX_REPORTED_PER_FILE} more bad records not shown`);
    bytesBefore += sizes[index]!;
    recordsBefore += result.records;
    results[index] = result;
    addCounts(summary.papers, result.papers);
    addCounts(summary.listings, result.listings);
    summary.skipped += result.skipped;
  }
  return results;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The summary's last line: `inserted N, updated M, unchanged U, skipped K` (papers and listings together). */
export function formatSummary(summary: ImportSummary): string {
  const { papers: p, listings: l } = summary;
  return `inserted ${p.inserted + l.inserted}, updated ${p.updated + l.updated}, unchanged ${p.unchanged + l.unchanged}, skipped ${summary.skipped}`;
}

/** Indexes of `files`, papers-bearing files first; the original order otherwise. */
async function importOrder(files: string[]): Promise<number[]> {
  // One file has one order: no need to open it an extra time to look at its first records.
  if (files.length < 2) return files.map((_, i) => i);
  const rank: Record<ImportFormat, number> = { papers: 0, 'hf-items': 1, daily: 2 };
  const ranks = await Promise.all(files.map(async (f) => {
    const format = await sniffFormat(f);
    return format === null ? 1 : rank[format];
  }));
  return files.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]! || a - b);
}

/** The format of the first recognisable record among the first few; null if none or unreadable. */
async function sniffFormat(file: string): Promise<ImportFormat | null> {
  try {
    const source = await openRecordSource(file);
    let seen = 0;
    for await (const raw of source.records()) {
      const format = 'value' in raw ? detectFormat(raw.value) : null;
      if (format !== null || ++seen >= 20) return format;
    }
  } catch {
    // Reported when the file itself is imported.
  }
  return null;
}
