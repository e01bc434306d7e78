import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../deps';
import { listMyCollections } from '../features/collections/list-collections';
import type { CollectionChoice } from './page-context';
import { viewerOf } from './auth/viewer';

/**
 * Leaves a loader of the viewer's collections on the request (`collectionChoices`, read by
 * page-context.ts), for the "add to collection" menu of every card. It queries at most once per
 * request and only when a card asks for it: a list page of 50 cards costs one query, anonymous
 * pages and pages without cards none.
 */
export function collectionChoices(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const viewer = viewerOf(c);
    if (viewer) {
      let loaded: Promise<CollectionChoice[]> | undefined;
      c.set('collectionChoices', () => (loaded ??= listMyCollections(deps, viewer).then((list) => list.map((x) => ({ slug: x.slug, name: x.name })))));
    }
    await next();
  };
}
