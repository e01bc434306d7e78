import type { Command } from 'commander';
import type { Deps } from '../deps';
import { formatSummary, importFiles, type ImportSummary } from '../features/import-files';
import { createProgressReporter } from './progress';

const HELP_AFTER = `
Formats, recognised from the content (not the file name); gzip is detected too:
  papers*.jsonl[.gz]   one paper per line: {"id", "title", "abstract", "authors", "published", ...}
  daily.jsonl[.gz]     one listing per line: {"date", "id", "upvotes", "comments", "submittedBy"}
  *.json               a raw answer of HF's /api/daily_papers or /api/papers/search

Papers files are imported before daily files, whatever their order here. Importing the same
files again changes nothing. Bad records are reported as file:line: reason and skipped; the
exit code is 1 when a file cannot be read or nothing in it could be imported.

Example:
  paperboy import ../shared/data/papers.jsonl.gz ../shared/data/daily.jsonl.gz`;

/**
 * `paperboy import FILE…`: imports the files into the configured database (never starts the
 * server). Prints per-kind counts and, last, `inserted N, updated M, unchanged U, skipped K`
 * on stdout; throws (→ `error: <reason>`, exit code 1) when a file failed.
 */
export function registerImportCommand(program: Command, getDeps: () => Promise<Deps>): void {
  program
    .command('import')
    .description('import papers, daily lists or raw HF API answers (JSON Lines, optionally gzipped, or JSON)')
    .argument('<files...>', 'files to import')
    .option('--batch-size <n>', 'records per transaction', '2000')
    .addHelpText('after', HELP_AFTER)
    .action(async (files: string[], opts: { batchSize: string }) => {
      const batchSize = Number(opts.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
        throw new Error(`--batch-size must be an integer from 1 to 100000, got "${opts.batchSize}"`);
      }
      const deps = await getDeps();
      const progress = createProgressReporter(process.stderr);
      const started = performance.now();
      try {
        const summary = await importFiles(deps, {
          files,
          batchSize,
          onProgress: (p) => progress.update(p),
          onBadRecord: (message) => process.stderr.write(`${message}\n`),
        });
        progress.stop();
        deps.log.info(`imported ${files.length} file(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        process.stdout.write(describe(summary));
        if (summary.failures.length > 0) {
          const reasons = summary.failures.map((f) => f.reason).join('; ');
          throw new Error(summary.failures.length === 1 ? reasons : `${summary.failures.length} files failed: ${reasons}`);
        }
      } finally {
        progress.stop();
        await deps.db.close();
      }
    });
}

function describe(s: ImportSummary): string {
  const line = (c: ImportSummary['papers']) => `inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}`;
  const changed = s.papers.inserted + s.papers.updated + s.listings.inserted + s.listings.updated;
  const unchanged = s.papers.unchanged + s.listings.unchanged;
  const note = changed === 0 && unchanged > 0 ? 'nothing changed: the database already holds every record\n' : '';
  return `papers: ${line(s.papers)}\nlistings: ${line(s.listings)}\n${note}${formatSummary(s)}\n`;
}
