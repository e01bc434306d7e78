import { sql, type RawBuilder } from 'kysely';
import { isEmptySearchQuery, parseSearchQuery, positiveUnits, type SearchQuery } from '../../domain/search-query';
import type { Db } from '../database';
import type { KeywordSearch, SearchRequest, SearchSort } from './keyword-search';
import { filterConditions, metadataOrder, whereClause } from './search-filters';
import { listWithoutText, runTextSearch, type MatchMode } from './search-plan';

/** bm25 weight of each papers_fts column: a word in the title counts more than one in the abstract. */
export type ColumnWeights = { title: number; abstract: number; authors: number };

/** Weights tuned on SciFact train (`npm run eval:search`, see docs/benchmarks.md). */
export const DEFAULT_WEIGHTS: ColumnWeights = { title: 2, abstract: 1, authors: 1 };

/**
 * Keyword search on SQLite's FTS5 (table `papers_fts`, migration 002). Every user word reaches
 * FTS5 inside double quotes, so it is always a string to match and never an operator; the
 * operators (AND, OR, NOT and parentheses) come only from the structure built here.
 */
export function createSqliteSearch(db: Db, options: { weights?: ColumnWeights } = {}): KeywordSearch {
  const w = options.weights ?? DEFAULT_WEIGHTS;
  const rank = sql`bm25(papers_fts, ${w.title}, ${w.abstract}, ${w.authors})`;
  return {
    async search(req: SearchRequest) {
      const q = parseSearchQuery(req.text);
      if (isEmptySearchQuery(q)) {
        const extra = q.excluded.length > 0 ? [sql`papers.id not in (select rowid from papers_fts where papers_fts match ${anyOf(q.excluded)})`] : [];
        return listWithoutText(db, req, extra);
      }
      const filters = filterConditions(req.filters);
      const from = (mode: MatchMode, needsPapers: boolean): RawBuilder<unknown> => {
        const match = sql`papers_fts match ${matchExpression(q, mode)}`;
        // Joining papers costs a lookup per match; skip it when only the index is needed.
        return needsPapers
          ? sql`from papers_fts join papers on papers.id = papers_fts.rowid ${whereClause([match, ...filters])}`
          : sql`from papers_fts where ${match}`;
      };
      return runTextSearch(q, req, {
        async count(mode, cap) {
          const r = await sql<{ n: number }>`select count(*) as n from (select 1 ${from(mode, filters.length > 0)} limit ${cap}) capped`.execute(db.kysely);
          return Number(r.rows[0]?.n ?? 0);
        },
        async page(mode, sort: SearchSort, offset, limit) {
          const order = sort === 'relevance' ? sql`score, papers_fts.rowid` : metadataOrder(sort);
          const needsPapers = filters.length > 0 || sort !== 'relevance';
          const r = await sql<{ id: number; score: number }>`select papers_fts.rowid as id, ${rank} as score ${from(mode, needsPapers)} order by ${order} limit ${limit} offset ${offset}`.execute(db.kysely);
          // bm25() is negative, lower is better; the interface wants higher is better.
          return r.rows.map((row) => ({ paperId: Number(row.id), score: -Number(row.score) }));
        },
      });
    },
  };
}

/** The FTS5 MATCH string for a parsed query: quoted strings joined by operators we choose. */
export function matchExpression(q: SearchQuery, mode: MatchMode): string {
  const positive = positiveUnits(q).map(quote).join(mode === 'all' ? ' AND ' : ' OR ');
  return q.excluded.reduce((expr, e) => `${expr} NOT ${quote(e)}`, `(${positive})`);
}

function anyOf(units: string[]): string {
  return units.map(quote).join(' OR ');
}

/**
 * A word or phrase as an FTS5 string, which FTS5 splits with the index's own tokenizer (so
 * `gpt-4` becomes the phrase gpt 4). Units hold only letters, digits and joiners; quotes would
 * be doubled anyway.
 */
function quote(unit: string): string {
  return `"${unit.replace(/"/g, '""')}"`;
}
