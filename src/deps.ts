import type { ArxivClient } from './arxiv/arxiv-client';
import type { Config } from './config';
import type { VectorSearch } from './embed/vector-search';
import type { Mailer } from './email/mailer';
import type { Logger } from './log';
import type { Db } from './storage/database';
import type { KeywordSearch } from './storage/search/keyword-search';

/** Everything a use case may need, wired once in main.ts (or by a test). */
export type Deps = {
  config: Config;
  db: Db;
  search: KeywordSearch;
  /** Search by meaning (embed/vector-search.ts); absent or not ready: keyword search only. */
  vectors?: VectorSearch;
  log: Logger;
  /** Every mail goes through here (SMTP or the log, see email/mailer.ts). */
  mailer: Mailer;
  /** arXiv metadata for submitted papers; one client per process, so its request spacing holds. */
  arxiv: ArxivClient;
  /** The clock; tests inject a fixed one. */
  now: () => Date;
};
