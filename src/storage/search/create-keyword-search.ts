import type { Db } from '../database';
import type { KeywordSearch } from './keyword-search';

/**
 * Picks the keyword search engine for the database's dialect.
 * (Placeholder until sqlite-fts5.ts and postgres-fts.ts land; replaced by the search work.)
 */
export function createKeywordSearch(db: Db): KeywordSearch {
  return {
    async search() {
      throw new Error(`keyword search for ${db.dialect} is not wired yet`);
    },
  };
}
