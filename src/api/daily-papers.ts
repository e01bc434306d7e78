import { Hono } from 'hono';
import type { Deps } from '../deps';
import { listPeriod } from '../features/list-period';
import { dailyPapersQuery } from './daily-papers.schema';
import { parseQuery } from './parse-query';
import { toDailyItem } from './serialize';

/**
 * `GET /api/daily_papers`: the papers listed on a day (`date`), an ISO week (`week`) or a month
 * (`month`); none of them means the latest day that has papers. A page past the end is `[]`.
 */
export function dailyPapersRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/api/daily_papers', async (c) => {
    const q = parseQuery(c, dailyPapersQuery);
    const kind = q.week !== undefined ? 'week' : q.month !== undefined ? 'month' : 'day';
    const list = await listPeriod(deps, {
      kind,
      key: q.date ?? q.week ?? q.month,
      page: q.p ?? 0,
      perPage: q.limit ?? 50,
      submitter: q.submitter,
      sort: q.sort ?? 'upvotes',
    });
    const ctx = { siteUrl: deps.config.siteUrl };
    return c.json(list.items.map((listing) => toDailyItem(listing, ctx)));
  });
  return app;
}
