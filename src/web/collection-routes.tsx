import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { parseIsPublic } from '../domain/collection';
import { InputError } from '../domain/input-error';
import { NotFoundError } from '../domain/not-found-error';
import { bibtexEntry, bibtexKeyBase } from '../domain/bibtex';
import { addPaperToCollection, removePaperFromCollection } from '../features/collections/collect-paper';
import { isOwner } from '../features/collections/collection-access';
import { createCollection } from '../features/collections/create-collection';
import { deleteCollection, editCollection } from '../features/collections/edit-collection';
import { getCollection } from '../features/collections/get-collection';
import { listMyCollections } from '../features/collections/list-collections';
import { getPaper } from '../features/get-paper';
import { listViewerVotes } from '../features/list-viewer-votes';
import { readForm } from './auth/read-form';
import { viewerOrLogin } from './auth/require-viewer';
import { safeNext } from './auth/safe-next';
import { viewerOf, type AppEnv } from './auth/viewer';
import { collectionPath, renderCollectionPage, renderEditCollectionPage, renderMyCollectionsPage } from './collection-pages';
import { sendCollectionBibtex, sendCollectionCsv } from './collection-exports';
import { paperPath } from './format';
import { parsePageParam } from './page-param';

const PER_PAGE = 50;
const MAX_PAGE = 100; // 5,000 papers at 50 a page

/**
 * Collections on the web, all plain forms answered with a 303 (or the form again with the reason):
 * - `GET /collections` (yours, and the create form), `POST /collections` (name, description, isPublic)
 * - `GET|POST /collections/:slug/edit`, `POST /collections/:slug/delete` (yours only; others' are 404)
 * - `POST /papers/:id/collect` (collection or newName, action=add|remove, note, next): the card and paper-page menus
 * - `GET /users/:username/collections/:slug` and its `.bib` / `.csv` exports: private ones are 404 to all but the owner
 * - `GET /papers/:id.bib`: one paper's BibTeX entry, as text
 */
export function createCollectionRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/collections', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    return renderMyCollectionsPage(c, viewer, await listMyCollections(deps, viewer));
  });

  app.post('/collections', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c);
    try {
      const created = await createCollection(deps, viewer, { name: form.name, description: form.description, isPublic: form.isPublic });
      return c.redirect(collectionPath(created), 303);
    } catch (error) {
      const status = refusalStatus(error);
      if (status === null) throw error;
      retryAfter(c, error);
      const state = { name: (form.name ?? '').slice(0, 200), description: (form.description ?? '').slice(0, 2000), isPublic: parseIsPublic(form.isPublic), error: (error as Error).message };
      return renderMyCollectionsPage(c, viewer, await listMyCollections(deps, viewer), state, status);
    }
  });

  app.get('/collections/:slug/edit', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const own = (await listMyCollections(deps, viewer)).find((x) => x.slug === c.req.param('slug'));
    if (!own) throw new NotFoundError('you have no such collection');
    return renderEditCollectionPage(c, own);
  });

  app.post('/collections/:slug/edit', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c);
    const slug = c.req.param('slug');
    try {
      const edited = await editCollection(deps, viewer, { slug, name: form.name, description: form.description, isPublic: form.isPublic });
      return c.redirect(collectionPath(edited), 303);
    } catch (error) {
      const status = refusalStatus(error);
      if (status === null || status === 404) throw error;
      retryAfter(c, error);
      const own = (await listMyCollections(deps, viewer)).find((x) => x.slug === slug);
      if (!own) throw error;
      const state = { name: (form.name ?? '').slice(0, 200), description: (form.description ?? '').slice(0, 2000), isPublic: parseIsPublic(form.isPublic), error: (error as Error).message };
      return renderEditCollectionPage(c, own, state, status);
    }
  });

  app.post('/collections/:slug/delete', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    await deleteCollection(deps, viewer, { slug: c.req.param('slug') });
    return c.redirect('/collections', 303);
  });

  app.post('/papers/:id{.+}/collect', async (c) => {
    const id = c.req.param('id');
    const form = await readForm(c);
    const next = safeNext(form.next, safeNext(paperPath(id)));
    const viewer = viewerOf(c);
    if (!viewer) return c.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    if (form.action === 'remove') {
      await removePaperFromCollection(deps, viewer, { slug: form.collection, arxivId: id });
      return c.redirect(next, 303);
    }
    if (form.action !== undefined && form.action !== 'add') throw new InputError('action must be "add" or "remove"');
    let slug = form.collection;
    if (form.newName?.trim()) slug = (await createCollection(deps, viewer, { name: form.newName })).slug;
    else if (!slug) throw new InputError('pick a collection or name a new one');
    await addPaperToCollection(deps, viewer, { slug, arxivId: id, note: form.note?.trim() ? form.note : undefined });
    return c.redirect(next, 303);
  });

  app.get('/papers/:file{.+\\.bib}', async (c) => {
    const id = c.req.param('file').slice(0, -'.bib'.length);
    const details = await getPaper(deps, id);
    if (!details) throw new NotFoundError(`there is no paper ${id} on this site`);
    const entry = bibtexEntry(details.paper, bibtexKeyBase(details.paper), { withAbstract: false });
    return c.body(entry, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  });

  app.get('/users/:username/collections/:file', async (c) => {
    const file = c.req.param('file');
    const viewer = viewerOf(c);
    const match = /^(.*?)(?:\.(bib|csv))?$/.exec(file)!;
    const [, slug, format] = match;
    const input = { username: c.req.param('username'), slug };
    if (format) {
      const { collection, papers } = await getCollection(deps, viewer, input);
      return format === 'bib' ? sendCollectionBibtex(c, collection, papers) : sendCollectionCsv(c, collection, papers);
    }
    const page = parsePageParam(c.req.query('p'), MAX_PAGE);
    const { collection, papers } = await getCollection(deps, viewer, { ...input, page: { index: page - 1, perPage: PER_PAGE } });
    // One address per collection: the owner's name as registered.
    if (collection.ownerUsername !== c.req.param('username')) return c.redirect(`${collectionPath(collection)}${page > 1 ? `?p=${page}` : ''}`, 301);
    const voted = await listViewerVotes(deps, viewer, papers.map((p) => p.paper.id));
    if (!collection.isPublic) c.header('Cache-Control', 'private, no-store');
    return renderCollectionPage(c, deps, viewer, { collection, papers, page, perPage: PER_PAGE, voted, isOwner: isOwner(viewer, collection) });
  });

  return app;
}

/** The status a refusal the form can show has (400 input, 403, 429), or null for anything else. */
function refusalStatus(error: unknown): 400 | 403 | 404 | 429 | null {
  if (error instanceof InputError) return 400;
  const status = (error as { status?: unknown }).status;
  return status === 403 || status === 404 || status === 429 ? status : null;
}

function retryAfter(c: Context, error: unknown): void {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof seconds === 'number') c.header('Retry-After', String(seconds));
}
