import { z } from 'zod';
import { MAX_PAGE, MAX_PER_PAGE } from '../features/list-period';
import { shortText, wholeNumber } from './parse-query';

/**
 * `GET /api/daily_papers` query. The period strings are checked by listPeriod (calendar rules
 * live in domain/period.ts); here only their presence and length.
 */
export const dailyPapersQuery = z
  .object({
    date: shortText(40).optional(),
    week: shortText(40).optional(),
    month: shortText(40).optional(),
    /** Page, from 0. */
    p: wholeNumber(0, MAX_PAGE).optional(),
    limit: wholeNumber(1, MAX_PER_PAGE).optional(),
    /** User name of the submitter. */
    submitter: shortText(100).optional(),
    /** Default (absent): most upvoted first, as the Hub. `upvotes` may be given explicitly. */
    sort: z.enum(['publishedAt', 'trending', 'upvotes'], { message: 'must be publishedAt or trending (default: upvotes)' }).optional(),
  })
  .refine((q) => [q.date, q.week, q.month].filter((v) => v !== undefined).length <= 1, {
    message: 'give at most one of date, week and month',
  });

export type DailyPapersQuery = z.output<typeof dailyPapersQuery>;
