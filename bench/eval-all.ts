/**
 * `npm run eval`: every search-quality evaluation of issue 5 item 9 in one go, each also runnable
 * alone (see docs/benchmarks.md §8 and the research-question section):
 *   1. SciFact (BEIR, train qrels: 809 queries) in bm25, vector and hybrid mode; the model is
 *      trained on the SciFact corpus itself, as a site trains on its own papers (bench/eval-search.ts);
 *   2. known-item search on the Daily Papers subset (bench/eval-known-item.ts);
 *   3. the research questions over the 158k corpus (bench/eval-research-questions.ts).
 * 2 and 3 need the 158k benchmark database (bench/prepare.ts) and a model with its index trained on
 * it; when `--model DIR` holds none, this trains one there first (`paperboy embed train`, then
 * `embed index`; ≈ 10 minutes on 2 cores).
 *
 *   npm run eval [-- --model bench/.data/embed] [--db sqlite:bench/.data/bench.db] [--skip scifact,known-item,questions]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_SQLITE_URL, DATA } from './lib/bench-databases';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: path.resolve(import.meta.dirname, '.data/embed') },
    db: { type: 'string', default: BENCH_SQLITE_URL },
    skip: { type: 'string', default: '' },
  },
});
const skip = new Set(values.skip!.split(',').filter(Boolean));
const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const model = path.resolve(values.model!);
const scifact = path.join(DATA, 'eval-dev/scifact');

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n$ ${[command === tsx ? 'tsx' : command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`eval: ${path.basename(args[0] ?? command)} failed with code ${r.status}`);
    process.exit(1);
  }
}

if (!skip.has('scifact')) {
  run(tsx, [
    'bench/eval-search.ts',
    '--corpus', path.join(scifact, 'corpus.jsonl.gz'),
    '--queries', path.join(scifact, 'queries.jsonl'),
    '--qrels', path.join(scifact, 'qrels-train.tsv'),
    '--mode', 'bm25,vector,hybrid',
  ]);
}

if (!skip.has('known-item') || !skip.has('questions')) {
  if (values.db === BENCH_SQLITE_URL && !fs.existsSync(BENCH_SQLITE_URL.slice('sqlite:'.length))) run(tsx, ['bench/prepare.ts', '--sqlite-only']);
  if (!fs.existsSync(path.join(model, 'papers.usearch'))) {
    const env = { DATABASE_URL: values.db!, EMBED_DIR: model, EMBED_PROVIDER: 'builtin' };
    console.log(`\nno model and index in ${model}: training them on ${values.db} first`);
    run(process.execPath, ['bin/paperboy.js', 'embed', 'train', '--epochs', '2'], env);
    run(process.execPath, ['bin/paperboy.js', 'embed', 'index'], env);
  }
  if (!skip.has('known-item')) run(tsx, ['bench/eval-known-item.ts', '--mode', 'bm25,vector,hybrid', '--model', model]);
  if (!skip.has('questions')) run(tsx, ['bench/eval-research-questions.ts', '--model', model, '--db', values.db!]);
}
