import type { Context } from 'hono';
import type { Deps } from '../deps';
import type { Span } from '../domain/highlight';
import { listViewerVotes } from '../features/list-viewer-votes';
import { MAX_FUSED } from '../features/rank-hybrid';
import { MAX_QUERY_LENGTH, searchPapers, type SearchMode } from '../features/search-papers';
import type { SearchSort } from '../storage/search/keyword-search';
import { viewerOf } from './auth/viewer';
import { CardFrame } from './paper-card';
import { formatCount, formatDay, periodPath, plural } from './format';
import { Layout } from './layout';
import { Pager } from './pager';
import { hasFilters, MAX_SEARCH_PAGE, parseSearchParams, searchUrl, type SearchParams } from './search-params';
import { snippetSpans } from './search-snippet';
import { SaveSearchForm } from './saved-search-pages';
import { sendPage } from './send-page';
import { feedAlternates, FeedLinks, feedUrls } from './feeds/feed-links';
import { voteScripts } from './vote-button';

const PER_PAGE = 20;

/** The orders offered, in the form's select and as links above the results. */
const SORTS: Array<[SearchSort, string]> = [
  ['relevance', 'Best match'],
  ['newest', 'Newest'],
  ['upvotes', 'Most upvoted'],
];

/** How relevance may be ranked, in the form's select (the first is the default, sent as nothing). */
const MODES: Array<[SearchMode | '', string]> = [
  ['', 'Words & meaning'],
  ['keyword', 'Exact words'],
  ['vector', 'Meaning only'],
];

type SearchResult = Awaited<ReturnType<typeof searchPapers>>;

/**
 * `/search`: the form, and results with the matched words marked. An empty query shows only the
 * form, unless a filter is set (then the filtered papers, newest first by default).
 */
export async function renderSearchPage(c: Context, deps: Deps): Promise<Response> {
  const params = parseSearchParams(c.req.query());
  const shouldSearch = params.q !== '' || hasFilters(params.filters);
  const result = shouldSearch
    ? await searchPapers(deps, { q: params.q, filters: params.filters, sort: params.sort, page: params.page, perPage: PER_PAGE, mode: params.mode })
    : null;
  const viewer = viewerOf(c);
  const voted = await listViewerVotes(deps, viewer, result?.results.map((r) => r.paper.id) ?? []);
  const title = params.q ? `${params.q.length > 80 ? `${params.q.slice(0, 80)}…` : params.q} – Search` : 'Search';
  // The feed of this search: same words and filters, page 1 (newest first unless a sort is chosen).
  // (Feeds list new papers by their words: the ranking mode is not theirs.)
  const feeds = result ? feedUrls('/feeds/search', searchUrl({ ...params, page: 1, mode: undefined }).slice('/search'.length)) : null;
  return sendPage(
    c,
    <Layout
      title={title}
      canonical={`${deps.config.siteUrl}${searchUrl(params)}`}
      section="search"
      scripts={voteScripts(viewer)}
      alternates={feeds ? feedAlternates(feeds, title) : undefined}
    >
      <div class="page-head">
        <h1>Search papers</h1>
      </div>
      <SearchForm params={params} hasMeaning={deps.vectors !== undefined} />
      {feeds ? <FeedLinks feeds={feeds} /> : null}
      {result ? <SaveSearchForm params={params} /> : null}
      {result ? <Results params={params} result={result} voted={voted} hasMeaning={deps.vectors !== undefined} /> : <SearchTips />}
    </Layout>,
  );
}

function SearchForm(props: { params: SearchParams; hasMeaning: boolean }) {
  const { params } = props;
  return (
    <form class="search-form" action="/search" method="get" role="search">
      <div class="row">
        <input class="q" type="search" name="q" value={params.q} placeholder="Title, abstract or author words" aria-label="Search words" maxlength={MAX_QUERY_LENGTH} />
        <button type="submit">Search</button>
      </div>
      <div class="filters">
        <label>
          From <input type="date" name="from" value={params.filters.from ?? ''} />
        </label>
        <label>
          To <input type="date" name="to" value={params.filters.to ?? ''} />
        </label>
        <label>
          Category <input type="text" name="category" value={params.filters.category ?? ''} placeholder="cs.CL" size={8} />
        </label>
        <label class="check">
          <input type="checkbox" name="code" value="1" checked={params.filters.hasCode === true} /> Has code
        </label>
        <label>
          Sort{' '}
          <select name="sort">
            {SORTS.map(([value, label]) => (
              <option value={value} selected={params.sort === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {props.hasMeaning ? (
          <label>
            Match{' '}
            <select name="mode">
              {MODES.map(([value, label]) => (
                <option value={value} selected={(params.mode ?? 'hybrid') === (value || 'hybrid')}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
    </form>
  );
}

function SearchTips() {
  return (
    <div class="prose explain">
      <p>
        Search titles, abstracts and authors. Put a phrase in quotes (<code>"state space"</code>), exclude a word with a minus
        (<code>-video</code>). Words match their variants: <code>model</code> finds <i>modeling</i> and <i>models</i>.
      </p>
    </div>
  );
}

function Results(props: { params: SearchParams; result: SearchResult; voted: Set<number>; hasMeaning: boolean }) {
  const { params, result } = props;
  const lastPage = result.isTotalExact ? Math.min(MAX_SEARCH_PAGE, Math.max(1, Math.ceil(result.total / PER_PAGE))) : null;
  const count = result.isTotalExact ? plural(result.total, 'result') : `More than ${formatCount(result.total)} results`;
  return (
    <>
      <div class="result-bar">
        <span>{count}</span>
        <span class="sorts">
          {SORTS.map(([sort, label]) => (
            <a href={searchUrl(params, { sort, page: 1 })} aria-current={params.sort === sort ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </span>
      </div>
      <ModeNote params={params} result={result} hasMeaning={props.hasMeaning} />
      {result.results.length > 0 ? (
        <ol class="cards">
          {result.results.map((r) => (
            <SearchCard result={r} hasVoted={props.voted.has(r.paper.id)} />
          ))}
        </ol>
      ) : (
        <div class="empty">
          <p>{params.page > 1 && result.total > 0 ? `There is no page ${params.page} of results.` : 'No paper matches this search.'}</p>
          <p>Try fewer or different words, or remove a filter.</p>
        </div>
      )}
      <Pager
        page={params.page}
        lastPage={lastPage}
        hasNext={result.results.length === PER_PAGE && params.page < MAX_SEARCH_PAGE}
        href={(page) => searchUrl(params, { page })}
      />
    </>
  );
}

/** Says so when the results are keyword matches although meaning was asked for (by default or by choice). */
function ModeNote(props: { params: SearchParams; result: SearchResult; hasMeaning: boolean }) {
  const { params, result } = props;
  if (!props.hasMeaning || params.q === '' || params.mode === 'keyword' || result.mode !== 'keyword') return null;
  // Pages past the fused results are keyword pages by design.
  if (params.page * PER_PAGE > MAX_FUSED) return null;
  if (params.sort !== 'relevance') {
    if (params.mode !== 'vector') return null;
    return <p class="subtitle">Sorted by date or votes, these are the papers that match your words; choose Best match to search by meaning.</p>;
  }
  return <p class="subtitle">Search by meaning is not available on this server right now (its index may still be building), so these are the papers that match your words.</p>;
}

function Spans(props: { spans: Span[] }) {
  return <>{props.spans.map((s) => (s.type === 'highlight' ? <mark>{s.text}</mark> : s.text))}</>;
}

function SearchCard(props: { result: SearchResult['results'][number]; hasVoted: boolean }) {
  const { paper, listing, titleSpans, abstractSpans } = props.result;
  return (
    <CardFrame
      paper={paper}
      hasVoted={props.hasVoted}
      title={titleSpans.length > 0 ? <Spans spans={titleSpans} /> : paper.title}
      facts={
        <>
          <span>Published {formatDay(paper.publishedAt)}</span>
          {listing ? <a href={periodPath({ kind: 'day', key: listing.listedOn })}>Listed {formatDay(listing.listedOn)}</a> : null}
        </>
      }
    >
      {abstractSpans.length > 0 ? (
        <p class="snippet">
          <Spans spans={snippetSpans(abstractSpans)} />
        </p>
      ) : null}
    </CardFrame>
  );
}
