import { sql, type RawBuilder } from 'kysely';
import { isEmptySearchQuery, parseSearchQuery } from '../../domain/search-query';
import type { Db } from '../database';
import type { KeywordSearch, SearchHit, SearchRequest } from './keyword-search';
import { filterConditions, metadataOrder, whereClause } from './search-filters';
import { FrequencyCache, listWithoutText, pageTwoTiers, runTextSearch, type MatchMode, type SearchLimits } from './search-plan';

/** bm25 weight of each papers_fts column: a word in the title counts more than one in the abstract. */
export type ColumnWeights = { title: number; abstract: number; authors: number };

/** Weights tuned on SciFact train (`npm run eval:search`, see docs/benchmarks.md). */
export const DEFAULT_WEIGHTS: ColumnWeights = { title: 3, abstract: 1, authors: 0.5 };

/** bm25 costs about a microsecond per matching row and phrase (plus a scan of each posting list):
 * past this many rows, see broadPage. 3,000 keeps the median search near 5 ms on 158k papers. */
const RANK_LIMIT = 3_000;
/** Counting a posting list costs ~0.7 µs a row: exact totals up to the ranking limit, which
 * the plan needs to know anyway ("3,000+ results" past it; 10,000 cost 7 ms on common words). */
const TOTAL_CAP = RANK_LIMIT;

/**
 * Keyword search on SQLite's FTS5 (table `papers_fts`, migration 002). Every user word reaches
 * FTS5 inside double quotes, so it is always a string to match and never an operator; the
 * operators (AND, OR, NOT, parentheses, the `{title}` column filter) come only from here.
 */
export function createSqliteSearch(db: Db, options: { weights?: ColumnWeights; limits?: SearchLimits } = {}): KeywordSearch {
  const w = options.weights ?? DEFAULT_WEIGHTS;
  const limits = options.limits ?? { rankLimit: RANK_LIMIT, totalCap: TOTAL_CAP };
  const rank = sql`bm25(papers_fts, ${w.title}, ${w.abstract}, ${w.authors})`;
  const cache = new FrequencyCache();
  const rows = async (query: RawBuilder<unknown>): Promise<Array<Record<string, unknown>>> =>
    (await query.execute(db.kysely)).rows as Array<Record<string, unknown>>;
  const countOf = async (query: RawBuilder<unknown>) => Number((await rows(query))[0]?.n ?? 0);

  return {
    async search(req: SearchRequest) {
      const q = parseSearchQuery(req.text);
      const exclusions = q.excluded.map((e) => ` NOT ${quote(e)}`).join('');
      if (isEmptySearchQuery(q)) {
        const extra = q.excluded.length > 0 ? [sql`papers.id not in (select rowid from papers_fts where papers_fts match ${q.excluded.map(quote).join(' OR ')})`] : [];
        return listWithoutText(db, req, extra, limits.totalCap);
      }
      const filters = filterConditions(req.filters);
      // An id range (saved-search alerts: a few new papers among maybe 60,000 matches) goes into
      // the FTS query itself, which seeks the rowid range instead of listing every match first
      // (0.3 ms instead of 15 on the 158k corpus). The casts matter: better-sqlite3 binds a JS
      // number as REAL, and FTS5 seeks a rowid range only when the bounds are integers.
      const range = req.filters.idRange;
      const ftsRange = range ? sql` and papers_fts.rowid > cast(${range.after} as integer) and papers_fts.rowid <= cast(${range.through} as integer)` : sql``;
      const inMatch = (expr: string) => inMatchSet(expr, ftsRange);
      const positive = (units: string[], mode: MatchMode) => `(${units.map(quote).join(mode === 'all' ? ' AND ' : ' OR ')})`;
      /** FROM/WHERE of the papers whose index entry matches `expr`; joins papers only when needed. */
      const from = (expr: string, needsPapers: boolean) => {
        const match = sql`papers_fts match ${expr}${ftsRange}`;
        return needsPapers || filters.length > 0
          ? sql`from papers_fts join papers on papers.id = papers_fts.rowid ${whereClause([match, ...filters])}`
          : sql`from papers_fts where ${match}`;
      };
      const hits = (list: Array<Record<string, unknown>>, score: (r: Record<string, unknown>) => number): SearchHit[] =>
        list.map((r) => ({ paperId: Number(r.id), score: score(r) }));

      return runTextSearch(q, req, {
        ...limits,
        documentFrequency: (unit) => countOf(sql`select count(*) as n from papers_fts where papers_fts match ${quote(unit)}`),
        paperCount: () => countOf(sql`select count(*) as n from papers`),
        count: (units, mode, cap, estimate) => {
          const expr = positive(units, mode) + exclusions;
          // Many matches and a filter: walk papers (by the filter's index where there is one)
          // against the match set, rather than look up every match's paper row.
          if (filters.length > 0 && estimate > limits.rankLimit) {
            return countOf(sql`select count(*) as n from (select 1 from papers ${whereClause([inMatch(expr), ...filters])} limit ${cap}) capped`);
          }
          return countOf(sql`select count(*) as n from (select 1 ${from(expr, false)} limit ${cap}) capped`);
        },
        async rankedPage(units, mode, sort, offset, limit) {
          const expr = positive(units, mode) + exclusions;
          if (sort !== 'relevance') {
            return hits(await rows(sql`select papers.id as id ${from(expr, true)} order by ${metadataOrder(sort)} limit ${limit} offset ${offset}`), () => 0);
          }
          const list = await rows(sql`select papers_fts.rowid as id, ${rank} as score ${from(expr, false)} order by score, papers_fts.rowid limit ${limit} offset ${offset}`);
          // bm25() is negative, lower is better; the interface wants higher is better.
          return hits(list, (r) => -Number(r.score));
        },
        async broadPage(units, mode, sort, offset, limit) {
          const p = positive(units, mode);
          if (sort !== 'relevance') {
            // Walk papers in the sort's index order and keep those in the match set, instead of sorting it whole.
            return hits(await rows(sql`select papers.id as id from papers ${whereClause([inMatch(p + exclusions), ...filters])} order by ${metadataOrder(sort)} limit ${limit} offset ${offset}`), () => 0);
          }
          const tiers = { 1: `({title} : ${p})${exclusions}`, 2: `(${p}${exclusions}) NOT ({title} : ${p})` };
          return pageTwoTiers(
            offset,
            limit,
            (cap) => countOf(sql`select count(*) as n from (select 1 ${from(tiers[1], false)} limit ${cap}) capped`),
            async (tier, off, lim) =>
              hits(await rows(sql`select papers_fts.rowid as id ${from(tiers[tier], false)} order by papers_fts.rowid desc limit ${lim} offset ${off}`), () => (tier === 1 ? 1 : 0.5)),
          );
        },
      }, cache);
    },
  };
}

/**
 * Membership in a match set, collected once into a lookup list. The unary `+` keeps SQLite from
 * driving the query by that list (and then sorting it all): papers are walked in index order.
 */
function inMatchSet(expr: string, range: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`+papers.id in (select rowid from papers_fts where papers_fts match ${expr}${range})`;
}

/**
 * A word or phrase as an FTS5 string, which FTS5 splits with the index's own tokenizer (so
 * `gpt-4` becomes the phrase gpt 4). Units hold only letters, digits and joiners; quotes would
 * be doubled anyway.
 */
function quote(unit: string): string {
  return `"${unit.replace(/"/g, '""')}"`;
}
