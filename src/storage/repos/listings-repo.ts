import { sql } from 'kysely';
import type { Listing, ListingSort } from '../../domain/paper';
import type { Db } from '../database';
import { PAPER_COLUMNS, SUBMITTER_COLUMNS, toPaper, toSubmitter } from './rows';

export type ListingQuery = {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** Only listings submitted by this user name. */
  submitter?: string;
  sort: ListingSort;
  offset: number;
  limit: number;
};

/**
 * Listings of the days from..to, one per paper (a paper listed twice in the range counts at its
 * first day), with their papers and submitters, sorted and paged in SQL.
 */
export async function listListings(db: Db, q: ListingQuery): Promise<{ total: number; items: Listing[] }> {
  const base = () => {
    let query = db.kysely
      .selectFrom('listings')
      .innerJoin('papers', 'papers.id', 'listings.paper_id')
      .leftJoin('users', 'users.id', 'listings.submitter_id')
      .where('listings.listed_on', '>=', q.from)
      .where('listings.listed_on', '<=', q.to)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('listings as earlier')
              .select('earlier.id')
              .whereRef('earlier.paper_id', '=', 'listings.paper_id')
              .where('earlier.listed_on', '>=', q.from)
              .whereRef('earlier.listed_on', '<', 'listings.listed_on'),
          ),
        ),
      );
    if (q.submitter !== undefined) query = query.where('users.username', '=', q.submitter);
    return query;
  };
  let rowsQuery = base().select([
    ...PAPER_COLUMNS,
    'listings.listed_on',
    'listings.submitted_at',
    ...SUBMITTER_COLUMNS,
    // The total rides along with the page (one query instead of two on the hottest path).
    sql<number>`count(*) over ()`.as('total_count'),
  ]);
  if (q.sort === 'upvotes') rowsQuery = rowsQuery.orderBy('papers.upvotes', 'desc').orderBy('listings.submitted_at', 'desc');
  else if (q.sort === 'trending') rowsQuery = rowsQuery.orderBy('papers.trending_score', 'desc');
  else rowsQuery = rowsQuery.orderBy('papers.published_at', 'desc');
  rowsQuery = rowsQuery.orderBy('papers.id', 'desc').limit(q.limit).offset(q.offset);

  const rows = await rowsQuery.execute();
  // A page past the end has no row to carry the total: count separately only then.
  const total =
    rows.length > 0
      ? Number(rows[0]!.total_count)
      : q.offset === 0
        ? 0
        : Number((await base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    total,
    items: rows.map((r) => ({
      paper: toPaper(r),
      listedOn: r.listed_on,
      submittedAt: r.submitted_at,
      submitter: toSubmitter(r),
    })),
  };
}

/** The most recent day that has at least one listing, or null on an empty site. */
export async function findLatestListedDay(db: Db): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('listings')
    .select((eb) => eb.fn.max('listed_on').as('day'))
    .executeTakeFirst();
  return row?.day ?? null;
}

/** The closest days with listings before `from` and after `to` (for previous/next links). */
export async function findNeighbourListedDays(db: Db, from: string, to: string): Promise<{ before: string | null; after: string | null }> {
  const [before, after] = await Promise.all([
    db.kysely.selectFrom('listings').select((eb) => eb.fn.max('listed_on').as('d')).where('listed_on', '<', from).executeTakeFirst(),
    db.kysely.selectFrom('listings').select((eb) => eb.fn.min('listed_on').as('d')).where('listed_on', '>', to).executeTakeFirst(),
  ]);
  return { before: before?.d ?? null, after: after?.d ?? null };
}

/** A paper's appearance on a daily list, without the paper. */
export type FirstListing = Omit<Listing, 'paper'>;

/** The earliest listing of each of these papers; papers never listed are absent from the map. */
export async function listFirstListings(db: Db, paperIds: number[]): Promise<Map<number, FirstListing>> {
  const out = new Map<number, FirstListing>();
  if (paperIds.length === 0) return out;
  const rows = await db.kysely
    .selectFrom('listings')
    .leftJoin('users', 'users.id', 'listings.submitter_id')
    .select(['listings.paper_id', 'listings.listed_on', 'listings.submitted_at', ...SUBMITTER_COLUMNS])
    .where('listings.paper_id', 'in', paperIds)
    .orderBy('listings.listed_on', 'asc')
    .orderBy('listings.submitted_at', 'asc')
    .execute();
  for (const r of rows) {
    if (out.has(r.paper_id)) continue;
    out.set(r.paper_id, { listedOn: r.listed_on, submittedAt: r.submitted_at, submitter: toSubmitter(r) });
  }
  return out;
}

/** Every listing of one paper, oldest first. */
export async function listListingsOfPaper(db: Db, paperId: number): Promise<FirstListing[]> {
  const rows = await db.kysely
    .selectFrom('listings')
    .leftJoin('users', 'users.id', 'listings.submitter_id')
    .select(['listings.listed_on', 'listings.submitted_at', ...SUBMITTER_COLUMNS])
    .where('listings.paper_id', '=', paperId)
    .orderBy('listings.listed_on')
    .execute();
  return rows.map((r) => ({
    listedOn: r.listed_on,
    submittedAt: r.submitted_at,
    submitter: toSubmitter(r),
  }));
}

/**
 * Papers ranked by stored trending score among those ever listed, each with its first listing.
 * Two steps: the page of papers straight off the (trending_score, id) index, then the listings
 * of just those papers; a join would let the planner walk every listing first.
 */
export async function listTrending(db: Db, offset: number, limit: number): Promise<Listing[]> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select(PAPER_COLUMNS)
    .where('papers.trending_score', 'is not', null)
    .orderBy('papers.trending_score', 'desc')
    .orderBy('papers.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const firsts = await listFirstListings(db, rows.map((r) => r.id));
  return rows.flatMap((r) => {
    const first = firsts.get(r.id);
    return first ? [{ paper: toPaper(r), ...first }] : [];
  });
}
