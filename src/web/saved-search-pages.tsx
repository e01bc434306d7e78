import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Viewer } from '../domain/account';
import { describeFilters, SAVED_SEARCH_LIMITS, savedSearchLabel, type SavedSearch } from '../domain/saved-search';
import type { Subscription } from '../domain/subscription';
import { MAX_QUERY_LENGTH } from '../features/search-papers';
import { CsrfField, Notice } from './account/auth-form';
import { formatDay } from './format';
import { Layout } from './layout';
import { usePage } from './page-context';
import { savedSearchPaths } from './saved-search-paths';
import type { SearchParams } from './search-params';
import { sendPage } from './send-page';

export type SavedSearchesPageData = {
  searches: SavedSearch[];
  /** The viewer's digest subscription, if any (says whether alerts reach them). */
  subscription: Subscription | null;
  error?: string | null;
  notice?: string | null;
};

/** `/saved-searches`: the viewer's saved searches, each with its link, its feeds and a delete button. Never cached. */
export function renderSavedSearchesPage(c: Context, viewer: Viewer, data: SavedSearchesPageData, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return sendPage(
    c,
    <Layout title="Saved searches" canonical={null} section="account">
      <div class="prose">
        <h1>Saved searches</h1>
        <Notice error={data.error} notice={data.notice} />
        {viewer.isVerified ? null : <p class="notice">Confirm your email address first: follow the link in the mail we sent you, or ask for a new one on your <a href="/settings">settings page</a>.</p>}
        <AlertsNote viewer={viewer} subscription={data.subscription} />
        {data.searches.length === 0 ? (
          <p>
            None yet. Run a search on the <a href="/search">search page</a> and use “Save this search”.
          </p>
        ) : (
          <ul class="saved-searches">
            {data.searches.map((s) => (
              <SavedSearchItem search={s} />
            ))}
          </ul>
        )}
        <p class="hint">
          Up to {SAVED_SEARCH_LIMITS.perUser} saved searches. Each has a feed (RSS or Atom) of its newest matching papers, which any feed reader can follow without logging in: the feed
          address holds the search’s words and filters, so share it only as you would the search.
        </p>
      </div>
    </Layout>,
    status,
  );
}

function AlertsNote(props: { viewer: Viewer; subscription: Subscription | null }) {
  const sub = props.subscription;
  if (sub && sub.status === 'active' && sub.userId === props.viewer.id) {
    return <p>New papers matching these searches come in your {sub.cadence} digest, under “New for your saved searches”.</p>;
  }
  return (
    <p>
      To get the new papers matching these searches by mail, subscribe to the digest on your <a href="/settings">settings page</a>.
    </p>
  );
}

function SavedSearchItem(props: { search: SavedSearch }) {
  const s = props.search;
  const paths = savedSearchPaths(s);
  // Under a name, the words and filters it stands for.
  const detail = s.name ? [s.query ? `“${s.query.length > 80 ? `${s.query.slice(0, 80)}…` : s.query}”` : '', describeFilters(s.filters)].filter(Boolean).join(' ') : '';
  return (
    <li id={`saved-${s.id}`}>
      <a href={paths.search}>{savedSearchLabel(s)}</a>
      {detail ? <span class="hint"> · {detail}</span> : null}
      <span class="hint"> · saved {formatDay(s.createdAt)}</span>
      <br />
      Feed: <a href={paths.rss}>RSS</a> · <a href={paths.atom}>Atom</a> ·{' '}
      <form method="post" action={`/saved-searches/${s.id}/delete`} class="inline-form">
        <CsrfField />
        <button type="submit" class="link-button">
          Delete
        </button>
      </form>
    </li>
  );
}

/**
 * Under a search's results: the form that saves it (words, filters and order as hidden fields,
 * an optional name), or for anonymous readers a link to log in and come back.
 */
export function SaveSearchForm(props: { params: SearchParams }) {
  const { params } = props;
  const page = usePage();
  if (!page.viewer) {
    return (
      <p class="save-search">
        <a href={`/login?next=${encodeURIComponent(page.here)}`}>Log in</a> to save this search and get its new papers in your digest.
      </p>
    );
  }
  return (
    <form method="post" action="/saved-searches" class="save-search">
      <CsrfField />
      <input type="hidden" name="q" value={params.q.slice(0, MAX_QUERY_LENGTH)} />
      {params.filters.from ? <input type="hidden" name="from" value={params.filters.from} /> : null}
      {params.filters.to ? <input type="hidden" name="to" value={params.filters.to} /> : null}
      {params.filters.category ? <input type="hidden" name="category" value={params.filters.category} /> : null}
      {params.filters.hasCode ? <input type="hidden" name="code" value="1" /> : null}
      {params.isSortExplicit ? <input type="hidden" name="sort" value={params.sort} /> : null}
      <input type="text" name="name" placeholder="Name (optional)" aria-label="Name of the saved search" maxlength={SAVED_SEARCH_LIMITS.nameMax} size={18} />{' '}
      <button type="submit" class="button secondary">
        Save this search
      </button>
    </form>
  );
}
