import { sql, type RawBuilder } from 'kysely';
import { isEmptySearchQuery, parseSearchQuery, wordsOf } from '../../domain/search-query';
import type { Db } from '../database';
import type { KeywordSearch, SearchHit, SearchRequest } from './keyword-search';
import { filterConditions, metadataOrder } from './search-filters';
import { FrequencyCache, listWithoutText, pageTwoTiers, runTextSearch, type MatchMode } from './search-plan';

/** ts_rank reads each matching row's vector; past this many rows, see broadPage in search-plan. */
const RANK_LIMIT = 5_000;

/**
 * Keyword search on PostgreSQL: the weighted `search_vector` (title A, abstract B, authors C;
 * migration 002) matched with a tsquery built from the parsed query by PostgreSQL's own
 * functions — plainto_tsquery for a word, phraseto_tsquery for a phrase, combined with the
 * tsquery operators && || !! — so user text is only ever a bound string, never tsquery syntax.
 */
export function createPostgresSearch(db: Db): KeywordSearch {
  const cache = new FrequencyCache();
  const rows = async (query: RawBuilder<unknown>): Promise<Array<Record<string, unknown>>> =>
    (await query.execute(db.kysely)).rows as Array<Record<string, unknown>>;
  const countOf = async (query: RawBuilder<unknown>) => Number((await rows(query))[0]?.n ?? 0);

  return {
    async search(req: SearchRequest) {
      const q = parseSearchQuery(req.text);
      const excluded = q.excluded.length > 0 ? combine(q.excluded.map(unitQuery), '||') : null;
      if (isEmptySearchQuery(q)) {
        return listWithoutText(db, req, excluded ? [sql`not (papers.search_vector @@ ${excluded})`] : []);
      }
      const filters = filterConditions(req.filters);
      /**
       * The query over papers matching `units`: the tsquery is computed once in a CTE (`q.query`
       * with exclusions, `q.positive` without, `q.u0…` each unit) and the join uses the GIN index.
       */
      const body = (units: string[], mode: MatchMode, select: RawBuilder<unknown>, tail: RawBuilder<unknown>, extra: RawBuilder<unknown>[] = []) => {
        const parts = units.map(unitQuery);
        const positive = combine(parts, mode === 'all' ? '&&' : '||');
        const query = excluded ? sql`(${positive} && !!${excluded})` : positive;
        const conditions = [...filters, ...extra];
        return sql`
          with q as materialized (select ${query} as query, ${positive} as positive, ${sql.join(parts.map((u, i) => sql`${u} as ${sql.ref(`u${i}`)}`))})
          select ${select} from q join papers on papers.search_vector @@ q.query
          ${conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
          ${tail}`;
      };
      const hits = (list: Array<Record<string, unknown>>, score: (r: Record<string, unknown>) => number): SearchHit[] =>
        list.map((r) => ({ paperId: Number(r.id), score: score(r) }));
      const inTitle = sql`ts_filter(papers.search_vector, '{a}') @@ q.positive`;

      return runTextSearch(q, req, {
        rankLimit: RANK_LIMIT,
        documentFrequency: (unit) => countOf(sql`select count(*) as n from papers where search_vector @@ ${unitQuery(unit)}`),
        paperCount: () => countOf(sql`select count(*) as n from papers`),
        count: (units, mode, cap) => countOf(sql`select count(*) as n from (${body(units, mode, sql`1`, sql`limit ${cap}`)}) capped`),
        async rankedPage(units, mode, sort, offset, limit) {
          if (sort !== 'relevance') {
            return hits(await rows(body(units, mode, sql`papers.id as id`, sql`order by ${metadataOrder(sort)} limit ${limit} offset ${offset}`)), () => 0);
          }
          // ts_rank does not weigh how many of the query's units a paper has, so with `any` a
          // short title holding one could beat an abstract holding all: scale by the share matched.
          const coverage = sql`(${sql.join(units.map((_, i) => sql`(papers.search_vector @@ q.${sql.ref(`u${i}`)})::int`), sql` + `)})::float8 / ${units.length}`;
          const score = mode === 'any' && units.length > 1 ? sql`${RANK} * ${coverage}` : RANK;
          const list = await rows(body(units, mode, sql`papers.id as id, ${score} as score`, sql`order by score desc, papers.id limit ${limit} offset ${offset}`));
          return hits(list, (r) => Number(r.score));
        },
        async broadPage(units, mode, sort, offset, limit) {
          if (sort !== 'relevance') {
            return hits(await rows(body(units, mode, sql`papers.id as id`, sql`order by ${metadataOrder(sort)} limit ${limit} offset ${offset}`)), () => 0);
          }
          return pageTwoTiers(
            offset,
            limit,
            (cap) => countOf(sql`select count(*) as n from (${body(units, mode, sql`1`, sql`limit ${cap}`, [inTitle])}) capped`),
            async (tier, off, lim) =>
              hits(
                await rows(body(units, mode, sql`papers.id as id`, sql`order by papers.id desc limit ${lim} offset ${off}`, [tier === 1 ? inTitle : sql`not (${inTitle})`])),
                () => (tier === 1 ? 1 : 0.5),
              ),
          );
        },
      }, cache);
    },
  };
}

/**
 * ts_rank with weights {D, C, B, A}: title (A) above abstract (B) above authors (C); normalised
 * by 1 + log(document length) so long abstracts do not win by length alone.
 */
const RANK = sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', papers.search_vector, q.query, 1)`;

/** One word or phrase through PostgreSQL's own parsers (so `gpt-4` splits as the index did). */
function unitQuery(unit: string): RawBuilder<unknown> {
  if (wordsOf(unit).length > 1) return sql`phraseto_tsquery('english', ${unit})`;
  // Authors are indexed with the 'simple' configuration, so a word also matches its unstemmed form.
  return sql`(plainto_tsquery('english', ${unit}) || plainto_tsquery('simple', ${unit}))`;
}

function combine(parts: RawBuilder<unknown>[], op: '&&' | '||'): RawBuilder<unknown> {
  return sql`(${sql.join(parts, op === '&&' ? sql` && ` : sql` || `)})`;
}
