import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { jsx } from 'hono/jsx';
import { pageContextOf, PageContextJsx } from './page-context';

/**
 * Sends a rendered page as HTML with its doctype. The page renders inside the request's page
 * context (viewer, CSRF token, CSP nonce; see page-context.ts), so any component can use them.
 */
export async function sendPage(c: Context, page: HtmlEscapedString | Promise<HtmlEscapedString>, status: ContentfulStatusCode = 200): Promise<Response> {
  const tree = jsx(PageContextJsx.Provider, { value: pageContextOf(c) }, page as never);
  // toString() of a JSX tree is a string for synchronous components (all of ours) and a promise otherwise.
  const body = await (await tree).toString();
  return c.html(`<!DOCTYPE html>${body}`, status);
}
