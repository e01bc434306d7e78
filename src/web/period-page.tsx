import type { Context } from 'hono';
import type { Deps } from '../deps';
import { periodContaining, type Period, type PeriodKind } from '../domain/period';
import { listPeriod, MAX_PAGE, type PeriodList } from '../features/list-period';
import { listViewerVotes } from '../features/list-viewer-votes';
import { viewerOf } from './auth/viewer';
import { periodLabel, periodPath, periodTitle, plural } from './format';
import { Layout, type Section } from './layout';
import { PaperCard, titlesHaveMath } from './paper-card';
import { parsePageParam } from './page-param';
import { Pager } from './pager';
import { sendPage } from './send-page';
import { feedAlternates, FeedLinks, feedUrls, type FeedUrls } from './feeds/feed-links';
import { voteScripts } from './vote-button';

const PER_PAGE = 50;
const SECTION: Record<PeriodKind, Section> = { day: 'daily', week: 'weekly', month: 'monthly' };
const NOUN: Record<PeriodKind, string> = { day: 'day', week: 'week', month: 'month' };
const FEED_NAME: Record<PeriodKind, string> = { day: 'daily', week: 'weekly', month: 'monthly' };

/**
 * A day's, week's or month's papers ranked by upvotes. Without a key: the period holding the
 * latest listed day (the home page). One request: the list and its neighbours come from one
 * use-case call.
 */
export async function renderPeriodPage(c: Context, deps: Deps, kind: PeriodKind, key: string | undefined): Promise<Response> {
  const page = parsePageParam(c.req.query('p'), MAX_PAGE + 1);
  const list = await listPeriod(deps, { kind, key, page: page - 1, perPage: PER_PAGE });
  const viewer = viewerOf(c);
  const voted = await listViewerVotes(deps, viewer, list.items.map((i) => i.paper.id));
  const canonical = `${deps.config.siteUrl}${periodPath(list.period)}${page > 1 ? `?p=${page}` : ''}`;
  // The latest period's page offers the feed that follows the latest period; a dated page, its own.
  const feeds = feedUrls(key === undefined ? `/feeds/${FEED_NAME[kind]}` : `/feeds/${FEED_NAME[kind]}/${list.period.key}`);
  return sendPage(
    c,
    <Layout
      title={periodTitle(list.period)}
      canonical={canonical}
      section={SECTION[kind]}
      hasMath={titlesHaveMath(list.items.map((i) => i.paper))}
      description={`Research papers the community upvoted: ${periodTitle(list.period)}.`}
      scripts={voteScripts(viewer)}
      alternates={feedAlternates(feeds, periodTitle(list.period))}
    >
      <PeriodView list={list} page={page} voted={voted} feeds={feeds} />
    </Layout>,
  );
}

function PeriodView(props: { list: PeriodList; page: number; voted: Set<number>; feeds: FeedUrls }) {
  const { list, page } = props;
  const { period } = list;
  const lastPage = Math.max(1, Math.ceil(list.total / list.perPage));
  return (
    <>
      <div class="page-head">
        <div>
          <h1>{periodTitle(period)}</h1>
          <p class="subtitle">
            {period.kind === 'week' ? `${periodLabel(period)} · ` : null}
            {plural(list.total, 'paper')}, most upvoted first
            {period.kind === 'day' ? (
              <>
                {' · '}
                <a href="/submit">Submit a paper</a>
              </>
            ) : null}
          </p>
          <FeedLinks feeds={props.feeds} />
        </div>
        <Tabs list={list} />
      </div>
      <NeighbourLinks list={list} />
      {list.items.length > 0 ? (
        <ol class="cards">
          {list.items.map((item) => (
            <PaperCard
              paper={item.paper}
              submitter={item.submitter}
              listedOn={period.kind === 'day' ? null : item.listedOn}
              hasVoted={props.voted.has(item.paper.id)}
            />
          ))}
        </ol>
      ) : (
        <EmptyPeriod list={list} page={page} lastPage={lastPage} />
      )}
      <Pager page={page} lastPage={lastPage} hasNext={false} href={(p) => `${periodPath(period)}${p > 1 ? `?p=${p}` : ''}`} />
    </>
  );
}

/** Day / Week / Month, each pointing at the period holding the day in view. */
function Tabs(props: { list: PeriodList }) {
  const { period, items } = props.list;
  // On a week or month page, "Day" means the latest listed day shown.
  const focus = period.kind === 'day' ? period.from : items.reduce((d, i) => (i.listedOn > d ? i.listedOn : d), period.from);
  const tabs: Array<{ kind: PeriodKind; label: string }> = [
    { kind: 'day', label: 'Day' },
    { kind: 'week', label: 'Week' },
    { kind: 'month', label: 'Month' },
  ];
  return (
    <nav class="tabs" aria-label="Period">
      {tabs.map((t) => (
        <a href={periodPath(t.kind === period.kind ? period : periodContaining(t.kind, focus))} aria-current={t.kind === period.kind ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}

function NeighbourLinks(props: { list: PeriodList }) {
  const { previous, next } = props.list;
  if (!previous && !next) return null;
  return (
    <nav class="period-nav" aria-label="Previous and next">
      {previous ? (
        <a href={periodPath(previous)} rel="prev">
          ← {periodLabel(previous)}
        </a>
      ) : (
        <span class="disabled">← Earlier</span>
      )}
      {next ? (
        <a href={periodPath(next)} rel="next">
          {periodLabel(next)} →
        </a>
      ) : (
        <span class="disabled">Later →</span>
      )}
    </nav>
  );
}

function EmptyPeriod(props: { list: PeriodList; page: number; lastPage: number }) {
  const { list, page, lastPage } = props;
  if (list.total > 0) {
    return (
      <div class="empty">
        <p>
          There is no page {page}: this {NOUN[list.period.kind]} has {plural(list.total, 'paper')} on {plural(lastPage, 'page')}.
        </p>
        <p>
          <a href={periodPath(list.period)}>Back to the first page</a>
        </p>
      </div>
    );
  }
  if (!list.previous && !list.next) {
    return (
      <div class="empty">
        <p>No papers have been listed yet.</p>
        <p>
          Import some with <code>paperboy import FILE</code>, or <a href="/search">search the archive</a>.
        </p>
      </div>
    );
  }
  return (
    <div class="empty">
      <p>No papers were listed {inPeriod(list.period)}.</p>
      <p>
        {list.previous ? <a href={periodPath(list.previous)}>See {periodLabel(list.previous)}</a> : null}
        {list.previous && list.next ? ' · ' : null}
        {list.next ? <a href={periodPath(list.next)}>See {periodLabel(list.next)}</a> : null}
        {' · '}
        <a href="/">Latest papers</a>
      </p>
    </div>
  );
}

function inPeriod(p: Period): string {
  if (p.kind === 'day') return `on ${periodTitle(p)}`;
  if (p.kind === 'week') return `in the week of ${periodLabel(p)}`;
  return `in ${periodTitle(p)}`;
}
