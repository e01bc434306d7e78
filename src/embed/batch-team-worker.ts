import { workerData } from 'node:worker_threads';
import { gradientRows, logitRows } from './batch-kernels';
import { CONTROL, OPS } from './batch-team';

/**
 * The helper thread of batch-team.ts: waits on the shared control array, runs its half of the
 * product it is told to (rows lo..hi), and says when it is done. No messages: the training loop
 * it helps is synchronous and waits with Atomics.
 */
const { memory, control: controlMemory, invT: invTMemory } = workerData as {
  memory: Record<'qv' | 'dv' | 'logits' | 'gq' | 'gd', SharedArrayBuffer>;
  control: SharedArrayBuffer;
  invT: SharedArrayBuffer;
};
const control = new Int32Array(controlMemory);
const invTSlot = new Float64Array(invTMemory);
const qv = new Float32Array(memory.qv);
const dv = new Float32Array(memory.dv);
const logits = new Float32Array(memory.logits);
const gq = new Float32Array(memory.gq);
const gd = new Float32Array(memory.gd);

Atomics.store(control, CONTROL.ready, 1);
Atomics.notify(control, CONTROL.ready);
let seen = 0;
try {
  for (;;) {
    Atomics.wait(control, CONTROL.seq, seen);
    const seq = Atomics.load(control, CONTROL.seq);
    if (seq === seen) continue;
    seen = seq;
    const op = control[CONTROL.op];
    if (op === OPS.stop) break;
    const m = control[CONTROL.m]!;
    const dim = control[CONTROL.dim]!;
    const lo = control[CONTROL.lo]!;
    const hi = control[CONTROL.hi]!;
    if (op === OPS.logits) logitRows(qv, dv, logits, m, dim, invTSlot[0]!, lo, hi);
    else gradientRows(logits, qv, dv, gq, gd, m, dim, invTSlot[0]!, lo, hi);
    Atomics.store(control, CONTROL.done, seq);
    Atomics.notify(control, CONTROL.done);
  }
} catch {
  Atomics.store(control, CONTROL.failed, 1);
  Atomics.notify(control, CONTROL.done);
}
