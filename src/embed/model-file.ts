import fs from 'node:fs';
import path from 'node:path';
import type { EmbeddingModel } from './embedding-model';
import { vocabularyOf } from './vocabulary';

/** What is known about a stored model besides its numbers. */
export type ModelInfo = {
  format: typeof FORMAT;
  dim: number;
  vocabSize: number;
  seed: number;
  epochs: number;
  papers: number;
  trainedAt: string;
};

const FORMAT = 'paperboy-embed-1';
/** Files of a model directory: metadata, one word per line, and the numbers. */
export const MODEL_FILES = { info: 'model.json', vocab: 'vocab.txt', weights: 'model.bin' } as const;

/**
 * Writes a model into `dir` (created if needed): model.json, vocab.txt and model.bin
 * ([idf float32 × V][scale float32 × V][int8 × V × dim], little-endian). Each file is written
 * under a temporary name and renamed, so a reader never sees half a model.
 */
export function saveModel(dir: string, model: EmbeddingModel, info: Omit<ModelInfo, 'format' | 'dim' | 'vocabSize'>): void {
  fs.mkdirSync(dir, { recursive: true });
  const v = model.vocab.tokens.length;
  const bin = Buffer.alloc(v * 8 + model.rows.length);
  Buffer.from(model.vocab.idf.buffer, model.vocab.idf.byteOffset, v * 4).copy(bin, 0);
  Buffer.from(model.scales.buffer, model.scales.byteOffset, v * 4).copy(bin, v * 4);
  Buffer.from(model.rows.buffer, model.rows.byteOffset, model.rows.length).copy(bin, v * 8);
  const full: ModelInfo = { format: FORMAT, dim: model.dim, vocabSize: v, ...info };
  writeAtomically(path.join(dir, MODEL_FILES.weights), bin);
  writeAtomically(path.join(dir, MODEL_FILES.vocab), `${model.vocab.tokens.join('\n')}\n`);
  writeAtomically(path.join(dir, MODEL_FILES.info), `${JSON.stringify(full, null, 2)}\n`);
}

/** True when `dir` holds a complete model. */
export function hasModel(dir: string): boolean {
  return Object.values(MODEL_FILES).every((f) => fs.existsSync(path.join(dir, f)));
}

/** Reads a model written by saveModel; throws with the path when a file is missing or inconsistent. */
export function loadModel(dir: string): { model: EmbeddingModel; info: ModelInfo } {
  const info = JSON.parse(fs.readFileSync(path.join(dir, MODEL_FILES.info), 'utf8')) as ModelInfo;
  if (info.format !== FORMAT) throw new Error(`${dir}: unknown model format ${String(info.format)}`);
  const tokens = fs.readFileSync(path.join(dir, MODEL_FILES.vocab), 'utf8').split('\n').slice(0, info.vocabSize);
  const bin = fs.readFileSync(path.join(dir, MODEL_FILES.weights));
  const v = info.vocabSize;
  if (tokens.length !== v || bin.length !== v * 8 + v * info.dim) throw new Error(`${dir}: model files do not match (${tokens.length} words, ${bin.length} bytes)`);
  const copy = new Uint8Array(bin); // aligned copy for the typed views
  const idf = new Float32Array(copy.buffer, 0, v);
  const scales = new Float32Array(copy.buffer, v * 4, v);
  const rows = new Int8Array(copy.buffer, v * 8, v * info.dim);
  return { model: { dim: info.dim, vocab: vocabularyOf(tokens, idf), rows, scales }, info };
}

/** Writes `data` to `file` through a temporary file and a rename. */
export function writeAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
