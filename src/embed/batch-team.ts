import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../ts-worker';
import { gradientRows, logitRows } from './batch-kernels';

/** A batch's working arrays: m × dim vectors and gradients, and the m × m logits. */
export type BatchBuffers = { qv: Float32Array; dv: Float32Array; logits: Float32Array; gq: Float32Array; gd: Float32Array };

/**
 * Runs a training batch's two big products (batch-kernels.ts) over its rows: alone, or with a
 * helper thread taking the second half of the rows. Blocking: the training loop is synchronous.
 */
export type BatchTeam = {
  /** 1, or 2 with a helper thread. */
  threads: 1 | 2;
  buffers: BatchBuffers;
  logits(m: number, dim: number, invT: number): void;
  gradients(m: number, dim: number, invT: number): void;
  /** Stops the helper thread, if any. */
  close(): void;
};

/** Slots of the control array shared with the helper (batch-team-worker.ts). */
export const CONTROL = { seq: 0, done: 1, op: 2, m: 3, dim: 4, lo: 5, hi: 6, ready: 7, failed: 8, size: 9 } as const;
export const OPS = { logits: 1, gradients: 2, stop: 3 } as const;

/** How long the helper may take to start, or to finish its half of one product, before training goes on alone (start) or fails (a half). */
const START_MS = 30_000;
const STEP_MS = 120_000;

function allocate(dim: number, batchSize: number, shared: boolean): { buffers: BatchBuffers; memory: Record<keyof BatchBuffers, ArrayBufferLike> } {
  const make = (n: number) => (shared ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4));
  const memory = { qv: make(batchSize * dim), dv: make(batchSize * dim), logits: make(batchSize * batchSize), gq: make(batchSize * dim), gd: make(batchSize * dim) };
  const buffers = Object.fromEntries(Object.entries(memory).map(([k, v]) => [k, new Float32Array(v)])) as BatchBuffers;
  return { buffers, memory };
}

/** Everything in this thread. */
export function soloTeam(dim: number, batchSize: number): BatchTeam {
  const { buffers: b } = allocate(dim, batchSize, false);
  return {
    threads: 1,
    buffers: b,
    logits: (m, d, invT) => logitRows(b.qv, b.dv, b.logits, m, d, invT, 0, m),
    gradients: (m, d, invT) => gradientRows(b.logits, b.qv, b.dv, b.gq, b.gd, m, d, invT, 0, m),
    close: () => {},
  };
}

/**
 * Two threads: this one and a helper sharing the buffers (SharedArrayBuffer), woken per product
 * with Atomics. Falls back to soloTeam when the helper cannot start. The results are the same
 * either way, bit for bit.
 */
export function pairTeam(dim: number, batchSize: number): BatchTeam {
  const { buffers: b, memory } = allocate(dim, batchSize, true);
  const controlMemory = new SharedArrayBuffer(CONTROL.size * 4);
  const control = new Int32Array(controlMemory);
  const invTMemory = new SharedArrayBuffer(8);
  const invTSlot = new Float64Array(invTMemory);
  let worker: Worker | null;
  try {
    worker = startTsWorker(new URL('./batch-team-worker.ts', import.meta.url), { memory, control: controlMemory, invT: invTMemory });
  } catch {
    return soloTeam(dim, batchSize);
  }
  // The helper's start (module loading) does not need this thread's event loop, so waiting here is safe.
  if (Atomics.wait(control, CONTROL.ready, 0, START_MS) === 'timed-out' && Atomics.load(control, CONTROL.ready) === 0) {
    void worker.terminate();
    return soloTeam(dim, batchSize);
  }
  worker.unref();
  let seq = 0;
  const split = (op: number, m: number, d: number, invT: number, mine: (lo: number, hi: number) => void) => {
    const mid = m >> 1;
    control[CONTROL.op] = op;
    control[CONTROL.m] = m;
    control[CONTROL.dim] = d;
    control[CONTROL.lo] = mid;
    control[CONTROL.hi] = m;
    invTSlot[0] = invT;
    seq += 1;
    Atomics.store(control, CONTROL.seq, seq);
    Atomics.notify(control, CONTROL.seq);
    mine(0, mid);
    for (;;) {
      const done = Atomics.load(control, CONTROL.done);
      if (done === seq) break;
      if (Atomics.load(control, CONTROL.failed) !== 0) throw new Error('the training helper thread failed');
      if (Atomics.wait(control, CONTROL.done, done, STEP_MS) === 'timed-out') throw new Error('the training helper thread stopped answering');
    }
  };
  return {
    threads: 2,
    buffers: b,
    logits: (m, d, invT) => split(OPS.logits, m, d, invT, (lo, hi) => logitRows(b.qv, b.dv, b.logits, m, d, invT, lo, hi)),
    gradients: (m, d, invT) => split(OPS.gradients, m, d, invT, (lo, hi) => gradientRows(b.logits, b.qv, b.dv, b.gq, b.gd, m, d, invT, lo, hi)),
    close: () => {
      control[CONTROL.op] = OPS.stop;
      Atomics.store(control, CONTROL.seq, ++seq);
      Atomics.notify(control, CONTROL.seq);
      void worker?.terminate();
      worker = null;
    },
  };
}
