import crypto from 'node:crypto';
import os from 'node:os';
import type { Deps } from '../deps';
import { fileCheckpoint } from '../embed/checkpoint';
import { saveModel } from '../embed/model-file';
import { trainEmbeddingModel, type TrainingPaper, type TrainingProgress, type TrainOptions } from '../embed/train-embedding-model';
import { listPaperTextsAfter } from '../storage/repos/paper-texts-repo';

export type TrainPaperEmbeddingsInput = {
  /** Where the model goes (default: the configured EMBED_DIR). */
  dir?: string;
  options?: Partial<Omit<TrainOptions, 'onProgress' | 'checkpoint'>>;
  /** Continue from the last epoch checkpoint of the same settings and corpus, if any. */
  resume?: boolean;
  onProgress?: (p: TrainingProgress) => void;
};

/**
 * Trains the embedding model on every stored paper and writes it to the embedding directory;
 * a checkpoint after each epoch lets `resume` continue an interrupted run (it is removed once
 * the model is written). Returns the paper count, vocabulary size and per-epoch losses.
 */
export async function trainPaperEmbeddings(deps: Deps, input: TrainPaperEmbeddingsInput = {}): Promise<{ papers: number; vocabSize: number; losses: number[]; dir: string }> {
  const dir = input.dir ?? deps.config.embedDir;
  const papers: TrainingPaper[] = [];
  let after = 0;
  for (;;) {
    const chunk = await listPaperTextsAfter(deps.db, after, 5000);
    if (chunk.length === 0) break;
    for (const p of chunk) papers.push({ title: p.title, abstract: p.abstract });
    after = chunk[chunk.length - 1]!.id;
  }
  if (papers.length < 2) throw new Error(`the database holds ${papers.length} paper(s); training needs at least 2`);
  // The checkpoint belongs to these settings and this corpus (its size and last id).
  const key = crypto.createHash('sha256').update(JSON.stringify({ o: input.options ?? {}, n: papers.length, after })).digest('hex').slice(0, 16);
  const checkpoint = fileCheckpoint(dir, key);
  if (!input.resume) checkpoint.remove();
  const o = input.options ?? {};
  // A helper thread on a machine with a second core: the same model, sooner.
  const threads = os.availableParallelism() >= 2 ? 2 : 1;
  const { model, losses } = trainEmbeddingModel(papers, { threads, ...o, checkpoint, onProgress: input.onProgress });
  saveModel(dir, model, { seed: o.seed ?? 1, epochs: o.epochs ?? losses.length, papers: papers.length, trainedAt: deps.now().toISOString() });
  checkpoint.remove();
  return { papers: papers.length, vocabSize: model.vocab.tokens.length, losses, dir };
}
