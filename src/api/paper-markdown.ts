import { Hono } from 'hono';
import type { Deps } from '../deps';
import { getPaper, type PaperDetails } from '../features/get-paper';
import { arxivAbsUrl, arxivPdfUrl } from '../domain/paper';

/**
 * `GET /papers/:id.md`: the paper as Markdown, for readers that prefer text (huggingface_hub's
 * `read_paper`, LLM tools). Old-style ids keep their slash: `/papers/hep-th/9901001.md`.
 * Errors are JSON like the rest of the API (app.ts treats `*.md` paths as API paths).
 */
export function paperMarkdownRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/papers/:file{.+\\.md}', async (c) => {
    const id = c.req.param('file').slice(0, -'.md'.length);
    const details = await getPaper(deps, id);
    if (!details) return c.json({ error: `paper ${id} is not on this server` }, 404);
    return c.body(paperMarkdown(details, deps.config.siteUrl), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
  });
  return app;
}

/**
 * The Markdown text. Title, authors and abstract are written as stored, LaTeX included:
 * escaping Markdown characters would break `$\alpha_1$` for every reader that renders math.
 */
export function paperMarkdown({ paper, listings }: PaperDetails, siteUrl: string): string {
  const lines: string[] = [`# ${paper.title.replace(/\s+/g, ' ').trim()}`, ''];
  if (paper.authors.length > 0) lines.push(`**Authors:** ${paper.authors.join(', ')}`, '');
  const facts = [`**Published:** ${paper.publishedAt.slice(0, 10)}`, `**arXiv:** ${paper.arxivId}`, `**Upvotes:** ${paper.upvotes}`];
  if (listings[0]) facts.push(`**On the daily list:** ${listings.map((l) => l.listedOn).join(', ')}`);
  if (paper.categories.length > 0) facts.push(`**Categories:** ${paper.categories.join(', ')}`);
  lines.push(facts.join('  \n'), '');
  if (paper.withdrawnAt) lines.push(`> This paper was withdrawn on ${paper.withdrawnAt.slice(0, 10)}.`, '');
  lines.push('## Abstract', '', paper.abstract?.trim() || '_No abstract available._', '');
  lines.push('## Links', '');
  lines.push(`- arXiv: ${arxivAbsUrl(paper.arxivId)}`);
  lines.push(`- PDF: ${arxivPdfUrl(paper.arxivId)}`);
  if (paper.githubRepo) lines.push(`- Code: ${paper.githubRepo}`);
  if (paper.projectPage) lines.push(`- Project page: ${paper.projectPage}`);
  lines.push(`- Paperboy: ${siteUrl}/papers/${paper.arxivId}`, '');
  return lines.join('\n');
}
