import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Sends a rendered page as HTML with its doctype. */
export async function sendPage(c: Context, page: HtmlEscapedString | Promise<HtmlEscapedString>, status: ContentfulStatusCode = 200): Promise<Response> {
  // toString() of a JSX tree is a string for synchronous components (all of ours) and a promise otherwise.
  const body = await (await page).toString();
  return c.html(`<!DOCTYPE html>${body}`, status);
}
