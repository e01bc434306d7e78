import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import type { Listing, ListingSort } from '../domain/paper';
import { dateInTimeZone, parsePeriod, periodContaining, type Period, type PeriodKind } from '../domain/period';
import { findLatestListedDay, findNeighbourListedDays, listListings } from '../storage/repos/listings-repo';

export type ListPeriodInput = {
  kind: PeriodKind;
  /** `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`; absent = the period holding the latest listed day. */
  key?: string;
  sort?: ListingSort;
  /** 0-based page. */
  page?: number;
  perPage?: number;
  submitter?: string;
};

export type PeriodList = {
  period: Period;
  items: Listing[];
  total: number;
  page: number;
  perPage: number;
  /** Neighbouring periods that have papers (null when there is none that way). */
  previous: Period | null;
  next: Period | null;
};

export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 100_000;

/** The papers listed in a day, week or month, ranked (by upvotes unless asked otherwise). */
export async function listPeriod(deps: Deps, input: ListPeriodInput): Promise<PeriodList> {
  const page = input.page ?? 0;
  const perPage = input.perPage ?? 50;
  if (!Number.isInteger(page) || page < 0 || page > MAX_PAGE) throw new InputError(`page must be an integer from 0 to ${MAX_PAGE}`);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) throw new InputError(`limit must be an integer from 1 to ${MAX_PER_PAGE}`);

  let period: Period;
  if (input.key !== undefined) {
    const parsed = parsePeriod(input.kind, input.key);
    if (!parsed.ok) throw new InputError(parsed.reason);
    period = parsed.period;
  } else {
    const latest = (await findLatestListedDay(deps.db)) ?? dateInTimeZone(deps.now(), deps.config.timeZone);
    period = periodContaining(input.kind, latest);
  }

  const [{ total, items }, neighbours] = await Promise.all([
    listListings(deps.db, {
      from: period.from,
      to: period.to,
      submitter: input.submitter,
      sort: input.sort ?? 'upvotes',
      offset: page * perPage,
      limit: perPage,
    }),
    findNeighbourListedDays(deps.db, period.from, period.to),
  ]);
  return {
    period,
    items,
    total,
    page,
    perPage,
    previous: neighbours.before ? periodContaining(period.kind, neighbours.before) : null,
    next: neighbours.after ? periodContaining(period.kind, neighbours.after) : null,
  };
}
