import type { Context } from 'hono';
import { createContext, useContext } from 'hono/jsx';
import type { Viewer } from '../domain/account';

/** What every page component may need about the request, without threading props through. */
export type PageContext = {
  viewer: Viewer | null;
  /** The CSRF token for forms in this page (see auth/csrf.ts). */
  csrfToken: () => string;
  /** This response's CSP nonce for <script> tags. */
  nonce: string | undefined;
  /** Path and query of the request (for `next=` links). */
  here: string;
  /** The viewer's collections for "add to collection" menus: one query per page, on first use (collection-choices.ts). */
  collections?: () => Promise<CollectionChoice[]>;
};

/** A collection as an "add to" menu lists it. */
export type CollectionChoice = { slug: string; name: string };

const NO_COLLECTIONS = (): Promise<CollectionChoice[]> => Promise.resolve([]);

const ANONYMOUS: PageContext = { viewer: null, csrfToken: () => '', nonce: undefined, here: '/', collections: NO_COLLECTIONS };

export const PageContextJsx = createContext<PageContext>(ANONYMOUS);

/** The request's page context, read from Hono's context (set by the auth middlewares). */
export function pageContextOf(c: Context): PageContext {
  const url = new URL(c.req.url);
  return {
    viewer: (c.get('viewer') as Viewer | null | undefined) ?? null,
    csrfToken: (c.get('csrfToken') as (() => string) | undefined) ?? (() => ''),
    nonce: c.get('secureHeadersNonce') as string | undefined,
    here: `${url.pathname}${url.search}`,
    collections: (c.get('collectionChoices') as (() => Promise<CollectionChoice[]>) | undefined) ?? NO_COLLECTIONS,
  };
}

/** Inside a page component: the request's context. */
export function usePage(): PageContext {
  return useContext(PageContextJsx);
}
