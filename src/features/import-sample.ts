import { fileURLToPath } from 'node:url';
import { withExclusiveLock } from '../storage/repos/exclusive-lock';
import { countPapers } from '../storage/repos/papers-repo';
import { formatSummary, importFiles } from './import-files';
import type { ImportDeps } from './import/write-batch';

/** The bundled sample (built by scripts/build-sample.ts): papers first, then their listings. */
export const SAMPLE_FILES = ['papers.jsonl.gz', 'daily.jsonl.gz'].map((f) =>
  fileURLToPath(new URL(`../../sample/${f}`, import.meta.url)),
);

/**
 * Imports the bundled sample when the database has no paper, so a fresh install shows a live
 * site at once. Does nothing on a database that has papers. Returns whether it imported.
 */
export async function importSampleIfEmpty(deps: ImportDeps): Promise<boolean> {
  // Several processes starting at once on one PostgreSQL database: one imports, the others wait
  // and then find papers.
  return withExclusiveLock(deps.db, 'import-sample', () => importUnlessPapers(deps));
}

async function importUnlessPapers(deps: ImportDeps): Promise<boolean> {
  if ((await countPapers(deps.db)) > 0) return false;
  const started = performance.now();
  deps.log.info('the database has no papers: importing the bundled sample…');
  const summary = await importFiles(deps, { files: SAMPLE_FILES });
  if (summary.failures.length > 0) {
    throw new Error(`cannot import the bundled sample: ${summary.failures.map((f) => f.reason).join('; ')}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  deps.log.info(`imported the bundled sample in ${seconds} s (${summary.papers.inserted} papers, ${summary.listings.inserted} listings): ${formatSummary(summary)}`);
  return true;
}
