import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// The worker loads our TypeScript the way bin/paperboy.js does: through tsx's loader. Passing it
// explicitly works however this process was started (bin, tsx CLI, vitest).
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/**
 * Starts a worker thread running the TypeScript module `entry` (a file URL, e.g.
 * `new URL('./x-worker.ts', import.meta.url)`), which reads `data` from `workerData`.
 */
export function startTsWorker(entry: URL, data: Record<string, unknown>): Worker {
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  return new Worker(BOOT, { eval: true, workerData: { ...data, tsxApi, entry: entry.href } });
}
