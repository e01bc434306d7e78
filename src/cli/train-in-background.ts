import { spawn } from 'node:child_process';
import os from 'node:os';
import type { Config } from '../config';
import type { Deps } from '../deps';
import { hasModel } from '../embed/model-file';

/**
 * After a first start imported the bundled sample: trains the built-in search-by-meaning model in
 * the background, so that `npm start` on a fresh machine ends up with search by meaning, similar
 * papers and For you without a second command. The work is `paperboy embed train` in a child
 * process at low priority (the site stays responsive; ~30 s for the sample's 2k papers); when it
 * succeeds the vector search loads the model and builds its index, and search is keyword-only
 * until then. Nothing happens with another provider, with a model already there, or on any other
 * start: on a community's own papers, training is the operator's call (it takes minutes).
 */
export function trainSampleModelInBackground(deps: Deps, config: Config): void {
  if (config.embedProvider !== 'builtin' || hasModel(config.embedDir)) return;
  deps.log.info(`training the search-by-meaning model on the sample in the background (paperboy embed train; model in ${config.embedDir})`);
  const started = performance.now();
  // Our own CLI, the way this process was started (bin/paperboy.js, or src/main.ts through tsx).
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'embed', 'train'], {
    env: { ...process.env, DATABASE_URL: config.databaseUrl, EMBED_DIR: config.embedDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, 10);
  } catch {
    // Not allowed here: it runs at normal priority.
  }
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('error', (e) => deps.log.warn(`could not start the model training: ${e.message}; search stays keyword-only (run paperboy embed train)`));
  child.on('close', (code) => {
    const last = output.trim().split('\n').at(-1) ?? '';
    if (code !== 0) {
      deps.log.warn(`the model training failed (exit ${code}): ${last}; search stays keyword-only (run paperboy embed train)`);
      return;
    }
    deps.log.info(`search-by-meaning model trained in ${((performance.now() - started) / 1000).toFixed(0)} s; building its index`);
    void deps.vectors?.ready();
  });
  // Shutting down the server does not wait for it, and takes it along.
  child.unref();
  process.once('exit', () => child.kill());
}
