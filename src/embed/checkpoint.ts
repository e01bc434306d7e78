import fs from 'node:fs';
import path from 'node:path';
import { writeAtomically } from './model-file';
import type { TrainingState } from './train-contrastive';
import type { CheckpointStore } from './train-embedding-model';

const FILE = 'checkpoint.bin';
const INFO = 'checkpoint.json';

/**
 * Training state saved after each epoch in `dir` (checkpoint.json + checkpoint.bin: the float
 * rows then the Adagrad accumulators). `key` names the settings and corpus the state belongs
 * to; a checkpoint with another key is ignored, so `--resume` never mixes two runs.
 */
export function fileCheckpoint(dir: string, key: string): CheckpointStore & { remove(): void } {
  return {
    load() {
      const infoFile = path.join(dir, INFO);
      if (!fs.existsSync(infoFile)) return null;
      const info = JSON.parse(fs.readFileSync(infoFile, 'utf8')) as { key: string; epoch: number; dim: number };
      if (info.key !== key) return null;
      const bin = new Uint8Array(fs.readFileSync(path.join(dir, FILE)));
      const half = bin.length / 8;
      return {
        epoch: info.epoch,
        state: { dim: info.dim, vectors: new Float32Array(bin.buffer, 0, half), accumulators: new Float32Array(bin.buffer, half * 4, half) },
      };
    },
    save(epoch, state: TrainingState) {
      fs.mkdirSync(dir, { recursive: true });
      const n = state.vectors.length;
      const bin = new Uint8Array(n * 8);
      bin.set(new Uint8Array(state.vectors.buffer, state.vectors.byteOffset, n * 4), 0);
      bin.set(new Uint8Array(state.accumulators.buffer, state.accumulators.byteOffset, n * 4), n * 4);
      writeAtomically(path.join(dir, FILE), bin);
      writeAtomically(path.join(dir, INFO), JSON.stringify({ key, epoch, dim: state.dim }));
    },
    remove() {
      fs.rmSync(path.join(dir, INFO), { force: true });
      fs.rmSync(path.join(dir, FILE), { force: true });
    },
  };
}
