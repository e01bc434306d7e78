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
};

const ANONYMOUS: PageContext = { viewer: null, csrfToken: () => '', nonce: undefined, here: '/' };

export const PageContextJsx = createContext<PageContext>(ANONYMOUS);

/** The request's page context, read from Hono's context (set by the auth middlewares). */
export function pageContextOf(c: Context): PageContext {
  const url = new URL(c.req.url);
  return {
    viewer: (c.get('viewer') as Viewer | null | undefined) ?? null,
    csrfToken: (c.get('csrfToken') as (() => string) | undefined) ?? (() => ''),
    nonce: c.get('secureHeadersNonce') as string | undefined,
    here: `${url.pathname}${url.search}`,
  };
}

/** Inside a page component: the request's context. */
export function usePage(): PageContext {
  return useContext(PageContextJsx);
}
