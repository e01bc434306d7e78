import { parentPort, workerData } from 'node:worker_threads';
import { parseBatches } from './parse-batches';
import { ImportFileError } from './read-records';

/**
 * Worker thread entry (see read-batches.ts): parses `workerData.file` and posts each batch. It
 * runs at most two batches ahead of the writer, which acknowledges each with "more", so memory
 * stays bounded whatever the file size.
 */
const { file, batchSize } = workerData as { file: string; batchSize: number };
const port = parentPort!;
let credits = 2;
let wake: (() => void) | null = null;
port.on('message', (message) => {
  if (message === 'more') {
    credits++;
    wake?.();
  }
});

try {
  for await (const batch of parseBatches(file, batchSize)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    port.postMessage({ type: 'batch', batch });
  }
  port.postMessage({ type: 'end' });
} catch (error) {
  port.postMessage({ type: 'error', message: (error as Error).message, isFileError: error instanceof ImportFileError });
}
port.close();
