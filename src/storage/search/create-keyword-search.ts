import type { Db } from '../database';
import type { KeywordSearch } from './keyword-search';
import { createPostgresSearch } from './postgres-fts';
import { createSqliteSearch } from './sqlite-fts5';

/** The keyword search engine for the database's dialect: FTS5 on SQLite, tsvector on PostgreSQL. */
export function createKeywordSearch(db: Db): KeywordSearch {
  return db.dialect === 'sqlite' ? createSqliteSearch(db) : createPostgresSearch(db);
}
