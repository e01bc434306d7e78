import { startTsWorker } from '../../ts-worker';
import { parseBatches, type ParsedBatch } from './parse-batches';
import { ImportFileError } from './read-records';

/**
 * Yields a file's validated batches, parsed in a worker thread when `inWorker`: decompressing,
 * parsing and validating then run on the second core while this thread writes, which is what
 * lets a large import keep up with SQLite's full-text indexing.
 */
export function readBatches(file: string, options: { batchSize: number; inWorker: boolean }): AsyncGenerator<ParsedBatch> {
  return options.inWorker ? parseInWorker(file, options.batchSize) : parseBatches(file, options.batchSize);
}

type WorkerMessage =
  | { type: 'batch'; batch: ParsedBatch }
  | { type: 'end' }
  | { type: 'error'; message: string; isFileError: boolean };

async function* parseInWorker(file: string, batchSize: number): AsyncGenerator<ParsedBatch> {
  const worker = startTsWorker(new URL('./parse-worker.ts', import.meta.url), { file, batchSize });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const push = (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (e) => push({ type: 'error', message: e.message, isFileError: false }));
  worker.on('exit', (code) => push(code === 0 ? { type: 'end' } : { type: 'error', message: `parser thread exited with code ${code}`, isFileError: false }));
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift()!;
      if (message.type === 'end') return;
      if (message.type === 'error') throw message.isFileError ? new ImportFileError(message.message) : new Error(message.message);
      worker.postMessage('more');
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}
