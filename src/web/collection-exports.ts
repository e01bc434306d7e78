import type { Context } from 'hono';
import { toBibtex } from '../domain/bibtex';
import type { Collection } from '../domain/collection';
import { toCsv } from '../domain/csv';
import { arxivAbsUrl } from '../domain/paper';
import type { CollectedPaper } from '../storage/repos/collections-repo';

/** The CSV columns of a collection export, in order. */
export const CSV_HEADER = ['arxiv_id', 'title', 'authors', 'published', 'url', 'added_at', 'note'] as const;

/** A collection as BibTeX (one `@misc` per paper, abstracts included), as a download. */
export function sendCollectionBibtex(c: Context, collection: Collection, papers: CollectedPaper[]): Response {
  const body = toBibtex(papers.map((p) => p.paper), { withAbstract: true });
  return c.body(body, 200, { 'Content-Type': 'application/x-bibtex; charset=utf-8', ...downloadHeaders(collection, 'bib') });
}

/** A collection as CSV (RFC 4180, header row; authors joined by `; `), as a download. */
export function sendCollectionCsv(c: Context, collection: Collection, papers: CollectedPaper[]): Response {
  const rows = papers.map(({ paper, addedAt, note }) => [
    paper.arxivId,
    paper.title.replace(/\s+/g, ' ').trim(),
    paper.authors.join('; '),
    paper.publishedAt.slice(0, 10),
    arxivAbsUrl(paper.arxivId),
    addedAt,
    note ?? '',
  ]);
  return c.body(toCsv([[...CSV_HEADER], ...rows]), 200, { 'Content-Type': 'text/csv; charset=utf-8; header=present', ...downloadHeaders(collection, 'csv') });
}

function downloadHeaders(collection: Collection, ext: string): Record<string, string> {
  return {
    // Slugs are [a-z0-9-], so the file name needs no quoting rules beyond the quotes.
    'Content-Disposition': `attachment; filename="${collection.ownerUsername}-${collection.slug}.${ext}"`,
    // A private collection's export must not sit in a shared cache.
    'Cache-Control': collection.isPublic ? 'no-cache' : 'private, no-store',
  };
}
