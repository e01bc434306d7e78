import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Layout } from './layout';
import { sendPage } from './send-page';

const REASONS: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Too large',
  429: 'Too many requests',
  500: 'Server error',
  503: 'Unavailable',
};

/**
 * An error as a proper page in the layout: the status, its reason and a message the user can act
 * on (for a 400, what was wrong with the input). `extra` adds links below the message.
 */
export function renderErrorPage(c: Context, status: number, message: string, extra?: Child): Promise<Response> {
  const code = (status >= 400 && status <= 599 ? status : 500) as ContentfulStatusCode;
  const reason = REASONS[code] ?? (code < 500 ? 'Request error' : 'Server error');
  return sendPage(
    c,
    <Layout title={`${code} ${reason}`} canonical={null} section={null}>
      <div class="prose">
        <p class="error-code">{code}</p>
        <h1>{reason}</h1>
        <p>{message}</p>
        {extra ?? null}
        <p>
          <a href="/">Today's papers</a> · <a href="/papers/trending">Trending</a> · <a href="/search">Search</a>
        </p>
      </div>
    </Layout>,
    code,
  );
}
