import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps';
import type { Viewer } from '../domain/account';
import { COLLECTION_LIMITS, type Collection } from '../domain/collection';
import type { CollectedPaper } from '../storage/repos/collections-repo';
import { CsrfField, Notice } from './account/auth-form';
import { feedAlternates, FeedLinks, feedUrls } from './feeds/feed-links';
import { formatDay, paperPath, plural } from './format';
import { Layout } from './layout';
import { userPath } from './moderation-log-page';
import { CardFrame, titlesHaveMath } from './paper-card';
import { Pager } from './pager';
import { renderLatex } from './render-latex';
import { sendPage } from './send-page';
import { voteScripts } from './vote-button';

/** `/users/:username/collections/:slug` (the page; `.bib` and `.csv` are its exports). */
export function collectionPath(c: Pick<Collection, 'ownerUsername' | 'slug'>): string {
  return `${userPath(c.ownerUsername)}/collections/${c.slug}`;
}

/** `/feeds/collections/:username/:slug.rss` and `.atom` (public collections only: see feeds/feed-routes.ts). */
export function collectionFeedUrls(c: Pick<Collection, 'ownerUsername' | 'slug'>) {
  return feedUrls(`/feeds/collections/${encodeURIComponent(c.ownerUsername)}/${c.slug}`);
}

/** The values a collection form shows again after a refusal. */
export type CollectionFormState = { name?: string; description?: string; isPublic?: boolean; error?: string | null };

/** `/collections`: the viewer's collections and the form to make one. */
export function renderMyCollectionsPage(c: Context, viewer: Viewer, collections: Collection[], state: CollectionFormState = {}, status: ContentfulStatusCode = 200): Promise<Response> {
  return sendPage(
    c,
    <Layout title="Your collections" canonical={null} section="account">
      <div class="prose">
        <h1>Your collections</h1>
        {viewer.isVerified ? null : <p class="notice">Confirm your email address first: follow the link in the mail we sent you, or ask for a new one on your <a href="/settings">settings page</a>.</p>}
        {collections.length === 0 ? (
          <p>None yet. Make one below, or use “Save” on any paper.</p>
        ) : (
          <ul class="collection-list">
            {collections.map((col) => (
              <CollectionItem collection={col} />
            ))}
          </ul>
        )}
        <h2>New collection</h2>
        <Notice error={state.error} />
        <CollectionForm action="/collections" submit="Create" state={state} />
        <p class="hint">Up to {COLLECTION_LIMITS.perUser} collections of {COLLECTION_LIMITS.papersPerCollection.toLocaleString('en-US')} papers each. Private collections are seen by you alone.</p>
      </div>
    </Layout>,
    status,
  );
}

/** One line of a list of collections: name, visibility, size. */
export function CollectionItem(props: { collection: Collection }) {
  const col = props.collection;
  return (
    <li>
      <a href={collectionPath(col)}>{col.name}</a> {col.isPublic ? null : <span class="tag">private</span>} · {plural(col.paperCount, 'paper')}
    </li>
  );
}

function CollectionForm(props: { action: string; submit: string; state: CollectionFormState }) {
  const { state } = props;
  return (
    <form method="post" action={props.action} class="form">
      <CsrfField />
      <label>
        Name
        <input type="text" name="name" value={state.name ?? ''} required maxlength={COLLECTION_LIMITS.nameMax} />
      </label>
      <label>
        Description <span class="hint">(optional)</span>
        <textarea name="description" rows={3} maxlength={COLLECTION_LIMITS.descriptionMax}>
          {state.description ?? ''}
        </textarea>
      </label>
      <label class="check">
        <input type="checkbox" name="isPublic" value="on" checked={state.isPublic ?? false} /> Public: anyone with the link can see it and its exports
      </label>
      <p>
        <button type="submit" class="button">
          {props.submit}
        </button>
      </p>
    </form>
  );
}

export type CollectionPageData = { collection: Collection; papers: CollectedPaper[]; page: number; perPage: number; voted: Set<number>; isOwner: boolean };

/** A collection: its papers as cards (newest added first), its exports, and for the owner the remove buttons. */
export function renderCollectionPage(c: Context, deps: Deps, viewer: Viewer | null, data: CollectionPageData): Promise<Response> {
  const { collection: col, papers, page, perPage } = data;
  const path = collectionPath(col);
  const lastPage = Math.max(1, Math.ceil(col.paperCount / perPage));
  // A private collection has no feed (feed readers send no cookies): none is announced.
  const feeds = col.isPublic ? collectionFeedUrls(col) : null;
  return sendPage(
    c,
    <Layout
      title={`${col.name} · ${col.ownerUsername}`}
      canonical={col.isPublic ? `${deps.config.siteUrl}${path}${page > 1 ? `?p=${page}` : ''}` : null}
      section={null}
      hasMath={titlesHaveMath(papers.map((p) => p.paper))}
      description={col.description ? col.description.slice(0, 200) : undefined}
      scripts={voteScripts(viewer)}
      alternates={feeds ? feedAlternates(feeds, col.name) : undefined}
    >
      <div class="page-head">
        <div>
          <h1>
            {col.name} {col.isPublic ? null : <span class="tag">private</span>}
          </h1>
          <p class="subtitle">
            A collection by <a href={userPath(col.ownerUsername)}>{col.ownerUsername}</a> · {plural(col.paperCount, 'paper')} · updated {formatDay(col.updatedAt)}
          </p>
        </div>
        <nav class="tabs" aria-label="Export">
          <a href={`${path}.bib`}>BibTeX</a>
          <a href={`${path}.csv`}>CSV</a>
          {data.isOwner ? <a href={`/collections/${col.slug}/edit`}>Edit</a> : null}
        </nav>
      </div>
      {col.description ? <p class="collection-description">{col.description}</p> : null}
      {feeds ? <FeedLinks feeds={feeds} /> : null}
      {papers.length > 0 ? (
        <ol class="cards">
          {papers.map((item) => (
            <CardFrame
              paper={item.paper}
              hasVoted={data.voted.has(item.paper.id)}
              title={<span dangerouslySetInnerHTML={{ __html: renderLatex(item.paper.title).html }} />}
              facts={<span>Added {formatDay(item.addedAt)}</span>}
            >
              {item.note ? <p class="snippet">{item.note}</p> : null}
              {data.isOwner ? <RemoveForm collection={col} arxivId={item.paper.arxivId} next={`${path}${page > 1 ? `?p=${page}` : ''}`} /> : null}
            </CardFrame>
          ))}
        </ol>
      ) : (
        <div class="empty">
          <p>{page > 1 ? `There is no page ${page}.` : 'No papers in this collection yet.'}</p>
          {data.isOwner && page === 1 ? <p>Use “Save” on any paper to add it here.</p> : null}
        </div>
      )}
      <Pager page={page} lastPage={lastPage} hasNext={false} href={(p) => `${path}${p > 1 ? `?p=${p}` : ''}`} />
    </Layout>,
  );
}

function RemoveForm(props: { collection: Collection; arxivId: string; next: string }) {
  return (
    <form method="post" action={`${paperPath(props.arxivId)}/collect`} class="inline-form">
      <CsrfField />
      <input type="hidden" name="collection" value={props.collection.slug} />
      <input type="hidden" name="action" value="remove" />
      <input type="hidden" name="next" value={props.next} />
      <button type="submit" class="link-button">
        Remove from this collection
      </button>
    </form>
  );
}

/** `/collections/:slug/edit`: rename, describe, publish or hide, and delete. */
export function renderEditCollectionPage(c: Context, collection: Collection, state: CollectionFormState = {}, status: ContentfulStatusCode = 200): Promise<Response> {
  const filled = { name: state.name ?? collection.name, description: state.description ?? collection.description, isPublic: state.isPublic ?? collection.isPublic, error: state.error };
  return sendPage(
    c,
    <Layout title={`Edit ${collection.name}`} canonical={null} section="account">
      <div class="prose">
        <h1>Edit {collection.name}</h1>
        <p>
          <a href={collectionPath(collection)}>Back to the collection</a> · its address stays <code>{collectionPath(collection)}</code> after a rename.
        </p>
        <Notice error={filled.error} />
        <CollectionForm action={`/collections/${collection.slug}/edit`} submit="Save" state={filled} />
        <h2>Delete</h2>
        <form method="post" action={`/collections/${collection.slug}/delete`} class="form">
          <CsrfField />
          <p class="hint">Deletes the collection and its notes; the papers stay on the site.</p>
          <p>
            <button type="submit" class="button">
              Delete {collection.name}
            </button>
          </p>
        </form>
      </div>
    </Layout>,
    status,
  );
}

/** A profile's public collections (nothing when there are none). */
export function ProfileCollections(props: { collections: Collection[] }) {
  if (props.collections.length === 0) return null;
  return (
    <>
      <h2>Collections</h2>
      <ul class="collection-list">
        {props.collections.map((col) => (
          <CollectionItem collection={col} />
        ))}
      </ul>
    </>
  );
}
