import { sql, type RawBuilder } from 'kysely';
import { isEmptySearchQuery, parseSearchQuery, positiveUnits, wordsOf, type SearchQuery } from '../../domain/search-query';
import type { Db } from '../database';
import type { KeywordSearch, SearchRequest, SearchSort } from './keyword-search';
import { filterConditions, metadataOrder } from './search-filters';
import { listWithoutText, runTextSearch, type MatchMode } from './search-plan';

/**
 * Keyword search on PostgreSQL: the weighted `search_vector` (title A, abstract B, authors C;
 * migration 002) matched with a tsquery built from the parsed query by PostgreSQL's own
 * functions — plainto_tsquery for a word, phraseto_tsquery for a phrase, combined with the
 * tsquery operators && || !! — so user text is only ever a bound string, never tsquery syntax.
 */
export function createPostgresSearch(db: Db): KeywordSearch {
  return {
    async search(req: SearchRequest) {
      const q = parseSearchQuery(req.text);
      if (isEmptySearchQuery(q)) {
        const extra = q.excluded.length > 0 ? [sql`not (papers.search_vector @@ (${combine(q.excluded.map(unitQuery), '||')}))`] : [];
        return listWithoutText(db, req, extra);
      }
      const filters = filterConditions(req.filters);
      // The tsquery is computed once in a CTE; the join lets the planner use the GIN index.
      const units = positiveUnits(q).map(unitQuery);
      const body = (mode: MatchMode, select: RawBuilder<unknown>, tail: RawBuilder<unknown>) => sql`
        with q as materialized (select ${tsquery(q, mode)} as query, ${sql.join(units.map((u, i) => sql`${u} as ${sql.ref(`u${i}`)}`))})
        select ${select} from q join papers on papers.search_vector @@ q.query
        ${filters.length > 0 ? sql`where ${sql.join(filters, sql` and `)}` : sql``}
        ${tail}`;
      // ts_rank has no notion of how many query words a paper has, so with `any` a short title
      // holding one word could beat an abstract holding all: scale by the share of units matched.
      const coverage = sql`(${sql.join(units.map((_, i) => sql`(papers.search_vector @@ q.${sql.ref(`u${i}`)})::int`), sql` + `)})::float8 / ${units.length}`;
      return runTextSearch(q, req, {
        async count(mode, cap) {
          const r = await sql<{ n: number }>`select count(*) as n from (${body(mode, sql`1`, sql`limit ${cap}`)}) capped`.execute(db.kysely);
          return Number(r.rows[0]?.n ?? 0);
        },
        async page(mode, sort: SearchSort, offset, limit) {
          const order = sort === 'relevance' ? sql`score desc, papers.id` : metadataOrder(sort);
          const r = await sql<{ id: number; score: number }>`${body(
            mode,
            mode === 'any' ? sql`papers.id as id, ${RANK} * ${coverage} as score` : sql`papers.id as id, ${RANK} as score`,
            sql`order by ${order} limit ${limit} offset ${offset}`,
          )}`.execute(db.kysely);
          return r.rows.map((row) => ({ paperId: Number(row.id), score: Number(row.score) }));
        },
      });
    },
  };
}

/**
 * ts_rank with weights {D, C, B, A}: title (A) above abstract (B) above authors (C); normalised
 * by 1 + log(document length) so long abstracts do not win by length alone.
 */
const RANK = sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', papers.search_vector, q.query, 1)`;

/** The tsquery for a parsed query: every unit through PostgreSQL's own parsers, then && / || / !!. */
export function tsquery(q: SearchQuery, mode: MatchMode): RawBuilder<unknown> {
  const positive = combine(positiveUnits(q).map(unitQuery), mode === 'all' ? '&&' : '||');
  if (q.excluded.length === 0) return positive;
  return sql`(${positive}) && !!(${combine(q.excluded.map(unitQuery), '||')})`;
}

function unitQuery(unit: string): RawBuilder<unknown> {
  // Authors are indexed with the 'simple' configuration, so a word also matches its unstemmed form.
  if (wordsOf(unit).length > 1) return sql`phraseto_tsquery('english', ${unit})`;
  return sql`(plainto_tsquery('english', ${unit}) || plainto_tsquery('simple', ${unit}))`;
}

function combine(parts: RawBuilder<unknown>[], op: '&&' | '||'): RawBuilder<unknown> {
  return sql`(${sql.join(parts, op === '&&' ? sql` && ` : sql` || `)})`;
}
