import { sql, type RawBuilder } from 'kysely';
import { isEmptySearchQuery, parseSearchQuery, wordsOf } from '../../domain/search-query';
import type { Db } from '../database';
import type { KeywordSearch, SearchHit, SearchRequest } from './keyword-search';
import { filterConditions, metadataOrder } from './search-filters';
import { FrequencyCache, listWithoutText, pageTwoTiers, runTextSearch, type MatchMode, type SearchLimits } from './search-plan';

/** ts_rank reads (and decompresses) each matching row's vector: exhaustive ranking up to here. */
const RANK_LIMIT = 1_000;
/** Counting visits each matching row: exact totals up to here, "1,000+" beyond. */
const TOTAL_CAP = 1_000;
/**
 * Title matches of a broad query are read newest first from the newest this many papers through
 * migration 015's index (an index-only scan, bounded); only when those hold too few is the whole
 * table searched through the GIN index (docs/benchmarks.md §2).
 */
const RECENT_TITLE_WINDOW = 10_000;

type Rows = Array<Record<string, unknown>>;

/**
 * Keyword search on PostgreSQL: the weighted `search_vector` (title A, abstract B, authors C;
 * migration 002) matched with a tsquery built from the parsed query by PostgreSQL's own
 * functions — plainto_tsquery for a word, phraseto_tsquery for a phrase, combined with the
 * tsquery operators && || !! — so user text is only ever a bound string, never tsquery syntax.
 *
 * The tsquery is written inline in WHERE (not in a CTE) so the planner sees its value and its
 * selectivity: common words then get a backward primary-key scan that stops after one page
 * instead of a bitmap of 100k rows. Ranking reads it through a scalar subquery, computed once.
 */
export function createPostgresSearch(db: Db, options: { limits?: SearchLimits; recentTitleWindow?: number } = {}): KeywordSearch {
  const limits = options.limits ?? { rankLimit: RANK_LIMIT, totalCap: TOTAL_CAP };
  const recentTitleWindow = options.recentTitleWindow ?? RECENT_TITLE_WINDOW;
  // Estimates cost a planning each and are never 0, so every one is worth keeping.
  const cache = new FrequencyCache(0);
  const rows = async (query: RawBuilder<unknown>): Promise<Rows> => (await query.execute(db.kysely)).rows as Rows;
  const countOf = async (query: RawBuilder<unknown>) => Number((await rows(query))[0]?.n ?? 0);

  return {
    async search(req: SearchRequest) {
      const q = parseSearchQuery(req.text);
      const excluded = q.excluded.length > 0 ? combine(q.excluded.map(unitQuery), '||') : null;
      if (isEmptySearchQuery(q)) {
        return listWithoutText(db, req, excluded ? [sql`not (papers.search_vector @@ ${excluded})`] : [], limits.totalCap);
      }
      const filters = filterConditions(req.filters);
      const positive = (units: string[], mode: MatchMode) => combine(units.map(unitQuery), mode === 'all' ? '&&' : '||');
      const full = (units: string[], mode: MatchMode) => (excluded ? sql`(${positive(units, mode)} && !!${excluded})` : positive(units, mode));
      /** `from papers where <match> and <filters> and <extra>` */
      const from = (units: string[], mode: MatchMode, extra: RawBuilder<unknown>[] = []) =>
        sql`from papers where ${sql.join([sql`papers.search_vector @@ ${full(units, mode)}`, ...filters, ...extra], sql` and `)}`;
      const hits = (list: Rows, score: (r: Record<string, unknown>) => number): SearchHit[] =>
        list.map((r) => ({ paperId: Number(r.id), score: score(r) }));
      const byMetadata = async (units: string[], mode: MatchMode, sort: 'newest' | 'upvotes', offset: number, limit: number) =>
        hits(await rows(sql`select papers.id as id ${from(units, mode)} order by ${metadataOrder(sort)} limit ${limit} offset ${offset}`), () => 0);

      return runTextSearch(q, req, {
        ...limits,
        // The planner's estimate (from ANALYZE's most common lexemes) costs no scan; exact for
        // common words, which are the ones the plan needs to recognise.
        documentFrequency: async (unit) => {
          const plan = await rows(sql`explain (format json) select 1 from papers where search_vector @@ ${unitQuery(unit)}`);
          const json = plan[0]?.['QUERY PLAN'] as Array<{ Plan: { 'Plan Rows': number } }> | undefined;
          return Math.max(1, Math.round(json?.[0]?.Plan['Plan Rows'] ?? 1));
        },
        paperCount: async () => {
          // The planner's row count is free; a table never analysed (-1) or small is counted.
          const r = await rows(sql`select case when reltuples >= 10000 then reltuples::bigint else (select count(*) from papers) end as n from pg_class where oid = 'papers'::regclass`);
          return Number(r[0]?.n ?? 0);
        },
        count: (units, mode, cap) => countOf(sql`select count(*) as n from (select 1 ${from(units, mode)} limit ${cap}) capped`),
        async rankedPage(units, mode, sort, offset, limit, idf) {
          if (sort !== 'relevance') return byMetadata(units, mode, sort, offset, limit);
          // ts_rank knows nothing of how rare a word is, nor how many of the query's units a paper
          // holds: scale it by the IDF-weighted share of units matched (BM25 sums IDF-weighted terms).
          const rank = sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', papers.search_vector, (select ${full(units, mode)}), 1)`;
          const weights = units.map((_, i) => idf[i] ?? 1);
          const matched = sql.join(units.map((u, i) => sql`${weights[i]}::float8 * (papers.search_vector @@ (select ${unitQuery(u)}))::int`), sql` + `);
          const score = units.length > 1 ? sql`${rank} * power((${matched}) / ${weights.reduce((a, b) => a + b, 0)}::float8, 2)` : rank;
          const list = await rows(sql`select papers.id as id, ${score} as score ${from(units, mode)} order by score desc, papers.id limit ${limit} offset ${offset}`);
          return hits(list, (r) => Number(r.score));
        },
        async broadPage(units, mode, sort, offset, limit) {
          if (sort !== 'relevance') return byMetadata(units, mode, sort, offset, limit);
          // Tier 1 needs no search_vector test: a title match is a match (exclusions aside).
          const inTitle = sql`papers.title_vector @@ ${positive(units, mode)}`;
          const tier1 = sql`from papers where ${sql.join([inTitle, ...(excluded ? [sql`not (papers.search_vector @@ ${excluded})`] : []), ...filters], sql` and `)}`;
          const tier2 = from(units, mode, [sql`not (${inTitle})`]);
          const isUnfiltered = filters.length === 0 && excluded === null;
          return pageTwoTiers(
            offset,
            limit,
            (cap) => countOf(sql`select count(*) as n from (select 1 ${tier1} limit ${cap}) capped`),
            async (tier, off, lim) => {
              if (tier === 1 && isUnfiltered && recentTitleWindow > 0) {
                // The same rows as the query below whenever the newest papers hold the whole page.
                const recent = await rows(sql`select recent.id as id from (select papers.id, papers.title_vector from papers order by papers.id desc limit ${recentTitleWindow}) recent
                  where recent.title_vector @@ ${positive(units, mode)} order by recent.id desc limit ${lim} offset ${off}`);
                if (recent.length === lim) return hits(recent, () => 1);
              }
              const list = await rows(sql`select papers.id as id ${tier === 1 ? tier1 : tier2} order by papers.id desc limit ${lim} offset ${off}`);
              return hits(list, () => (tier === 1 ? 1 : 0.5));
            },
          );
        },
      }, cache);
    },
  };
}

/** One word or phrase through PostgreSQL's own parsers (so `gpt-4` splits as the index did). */
function unitQuery(unit: string): RawBuilder<unknown> {
  return wordsOf(unit).length > 1 ? sql`phraseto_tsquery('english', ${unit})` : sql`plainto_tsquery('english', ${unit})`;
}

function combine(parts: RawBuilder<unknown>[], op: '&&' | '||'): RawBuilder<unknown> {
  return sql`(${sql.join(parts, op === '&&' ? sql` && ` : sql` || `)})`;
}
