import { Hono } from 'hono';
import type { Deps } from '../deps';
import { collectionRoutes } from './collections';
import { dailyPapersRoutes } from './daily-papers';
import { forYouRoutes } from './for-you';
import { paperRoutes } from './paper';
import { paperCommentRoutes } from './paper-comments';
import { paperMarkdownRoutes } from './paper-markdown';
import { paperUpvoteRoutes } from './paper-upvote';
import { papersIndexRoutes } from './papers-index';
import { papersListRoutes } from './papers-list';
import { papersSearchRoutes } from './papers-search';
import { savedSearchRoutes } from './saved-searches';
import { whoamiRoutes } from './whoami';

/**
 * The JSON read API compatible with Hugging Face's papers API (docs: ../shared/docs/
 * hf-papers-api.md), mounted at '/' before the web pages, so every route carries its full path.
 * Order matters: `/api/papers/search` must be tried before `/api/papers/:id`, whose id may
 * contain a slash.
 */
export function createApiRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.route('/', dailyPapersRoutes(deps));
  app.route('/', papersSearchRoutes(deps));
  app.route('/', papersListRoutes(deps));
  app.route('/', papersIndexRoutes(deps));
  app.route('/', paperUpvoteRoutes(deps));
  app.route('/', paperCommentRoutes(deps));
  app.route('/', paperRoutes(deps));
  app.route('/', paperMarkdownRoutes(deps));
  app.route('/', whoamiRoutes(deps));
  app.route('/', collectionRoutes(deps));
  app.route('/', savedSearchRoutes(deps));
  app.route('/', forYouRoutes(deps));
  return app;
}
