import { sql, type RawBuilder } from 'kysely';
import type { SearchFilters, SearchSort } from './keyword-search';

/**
 * The filter and sort parts of a search, as portable SQL over `papers` shared by both engines
 * (only the text match differs between them). Inputs are validated by the use case; values are
 * always bound as parameters.
 */
export function filterConditions(filters: SearchFilters): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  // published_at is an ISO instant; a day bound compares as text against its first instant.
  if (filters.from !== undefined) conditions.push(sql`papers.published_at >= ${filters.from}`);
  if (filters.to !== undefined) conditions.push(sql`papers.published_at < ${nextDay(filters.to)}`);
  if (filters.category !== undefined) {
    // A primary-key probe per candidate: the candidates (text matches, or papers walked in date
    // order) are the driving side, and an IN list would first collect a whole large category.
    conditions.push(sql`exists (select 1 from paper_categories where paper_categories.paper_id = papers.id and paper_categories.category = ${filters.category})`);
  }
  if (filters.hasCode === true) conditions.push(sql`papers.github_repo is not null`);
  if (filters.idRange !== undefined) conditions.push(sql`(papers.id > ${filters.idRange.after} and papers.id <= ${filters.idRange.through})`);
  return conditions;
}

/** True when any filter narrows the papers. */
export function hasFilters(filters: SearchFilters): boolean {
  return filterConditions(filters).length > 0;
}

/** `where a and b …` (or nothing) from a list of conditions. */
export function whereClause(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, sql` and `)}`;
}

/** `order by …` for the non-relevance sorts; ties broken by id so paging is stable. */
export function metadataOrder(sort: Exclude<SearchSort, 'relevance'>): RawBuilder<unknown> {
  return sort === 'upvotes'
    ? sql`papers.upvotes desc, papers.published_at desc, papers.id desc`
    : sql`papers.published_at desc, papers.id desc`;
}

/** The day after a `YYYY-MM-DD` day. */
function nextDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
