import type { Command } from 'commander';
import type { Deps } from '../deps';
import { configuredProvider } from '../embed/configured-provider';
import { createVectorSearch } from '../embed/vector-search';
import type { TrainingProgress } from '../embed/train-embedding-model';
import { trainPaperEmbeddings } from '../features/train-paper-embeddings';
import { countPaperTexts } from '../storage/repos/paper-texts-repo';
import { createCountProgress, type CountProgress } from './count-progress';

const HELP_AFTER = `
The model is trained on the papers in the database (titles against abstracts) on the CPU and
written, int8-quantised, to EMBED_DIR (default: embed/ next to the SQLite file). The server
builds the vector index from it on first use; "embed index" rebuilds it now. With
EMBED_PROVIDER=openai there is nothing to train: "embed index" asks the endpoint for every paper.

Example:
  paperboy embed train && paperboy embed index`;

/** `paperboy embed train|index`: the search-by-meaning model and its vector index. */
export function registerEmbedCommand(program: Command, getDeps: () => Promise<Deps>): void {
  const embed = program.command('embed').description('train the search-by-meaning model and build its vector index').addHelpText('after', HELP_AFTER);
  embed
    .command('train')
    .description('train the embedding model on the stored papers (resumable after each epoch)')
    .option('--epochs <n>', 'passes over the papers (2: about 4–5 minutes for 158k papers on 2 cores)', '2')
    .option('--dim <d>', 'vector dimensions (32-512)', '256')
    .option('--seed <s>', 'random seed (same seed, same model)', '1')
    .option('--out <dir>', 'model directory (default: EMBED_DIR)')
    .option('--resume', 'continue from the last epoch checkpoint of the same run')
    .action(async (opts: { epochs: string; dim: string; seed: string; out?: string; resume?: boolean }) => {
      const epochs = whole(opts.epochs, '--epochs', 0, 100);
      const dim = whole(opts.dim, '--dim', 32, 512);
      const seed = whole(opts.seed, '--seed', 0, 2 ** 31);
      const deps = await getDeps();
      if (deps.config.embedProvider !== 'builtin') {
        await deps.db.close();
        throw new Error(`embed train trains the built-in model, but EMBED_PROVIDER is ${deps.config.embedProvider}: set EMBED_PROVIDER=builtin to use it${deps.config.embedProvider === 'openai' ? ', or run paperboy embed index to embed the papers with the endpoint' : ''}`);
      }
      const started = performance.now();
      const progress = trainingProgress();
      try {
        const r = await trainPaperEmbeddings(deps, { dir: opts.out, resume: opts.resume, options: { epochs, dim, seed }, onProgress: progress.update });
        progress.stop();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stdout.write(`trained on ${r.papers} papers (vocabulary ${r.vocabSize}, losses ${r.losses.map((l) => l.toFixed(3)).join(' ') || '-'}) in ${seconds} s; model in ${r.dir}\n`);
      } finally {
        progress.stop();
        await deps.db.close();
      }
    });
  embed
    .command('index')
    .description('embed every stored paper and rebuild the vector index')
    .action(async () => {
      const deps = await getDeps();
      try {
        const { count } = await countPaperTexts(deps.db);
        const bar = createCountProgress(process.stderr, { label: 'indexing', total: count });
        const started = performance.now();
        const vectors = createVectorSearch({ db: deps.db, dir: deps.config.embedDir, log: deps.log, provider: configuredProvider(deps.config) });
        const n = await vectors.rebuild((done) => bar.update(done));
        bar.stop();
        process.stdout.write(`indexed ${n} papers in ${((performance.now() - started) / 1000).toFixed(1)} s into ${deps.config.embedDir}\n`);
      } finally {
        await deps.db.close();
      }
    });
}

function whole(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** One bar (or log line every few seconds) per phase: tokenising, initialisation, each epoch. */
function trainingProgress(): { update: (p: TrainingProgress) => void; stop: () => void } {
  let current: { key: string; bar: CountProgress } | null = null;
  const stop = () => {
    current?.bar.stop();
    current = null;
  };
  return {
    update(p) {
      const key = p.phase === 'epoch' ? `epoch ${p.epoch}/${p.epochs}` : p.phase;
      if (current?.key !== key) {
        stop();
        current = { key, bar: createCountProgress(process.stderr, { label: key, total: p.total }) };
      }
      current.bar.update(p.done);
      if (p.phase === 'epoch' && p.loss !== undefined) {
        stop();
        process.stderr.write(`epoch ${p.epoch}/${p.epochs}: loss ${p.loss.toFixed(4)}\n`);
      }
    },
    stop,
  };
}
