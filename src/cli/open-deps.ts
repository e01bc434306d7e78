import { createArxivClient } from '../arxiv/arxiv-client';
import type { Config } from '../config';
import type { Deps } from '../deps';
import { createMailer } from '../email/mailer';
import { configuredProvider } from '../embed/configured-provider';
import { createVectorSearch } from '../embed/vector-search';
import { createLogger } from '../log';
import { openDatabase } from '../storage/database';
import { migrateToLatest } from '../storage/migrate';
import { restoreDeferredIndexes } from '../storage/repos/deferred-indexes';
import { createKeywordSearch } from '../storage/search/create-keyword-search';

/** Opens the configured database, applies pending migrations and wires the dependencies. */
export async function openDeps(config: Config): Promise<Deps> {
  const log = createLogger(config.logLevel);
  const db = openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(db);
    // A bulk import that died half-way leaves some indexes dropped (see deferred-indexes.ts).
    await restoreDeferredIndexes(db);
    if (applied.length > 0) log.info(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await db.close();
    throw new Error(`cannot prepare the database at ${redact(config.databaseUrl)}: ${(error as Error).message}`);
  }
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const arxiv = createArxivClient({ baseUrl: config.arxivApiUrl });
  // Loads nothing until first used (see embed/vector-search.ts).
  const vectors = config.embedProvider === 'off' ? undefined : createVectorSearch({ db, dir: config.embedDir, log, provider: configuredProvider(config) });
  return { config, db, search: createKeywordSearch(db), vectors, log, mailer, arxiv, now: () => new Date() };
}

/** Hides a password in a database URL before it is printed. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
