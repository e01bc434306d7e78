import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import type { Paper } from '../domain/paper';
import { listPapersByPublished, type PaperCursor } from '../storage/repos/papers-repo';

/** An opaque page position for `GET /api/papers`: base64url of `publishedAt|id`. */
export function encodeCursor(c: PaperCursor): string {
  return Buffer.from(`${c.publishedAt}|${c.id}`).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; anything else is an InputError. */
export function decodeCursor(s: string): PaperCursor {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(s) ? Buffer.from(s, 'base64url').toString('utf8') : '';
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)\|(\d{1,15})$/.exec(text);
  const id = m ? Number(m[2]) : NaN;
  // Ids are 32-bit integers in PostgreSQL; a larger one cannot come from a cursor we made.
  if (!m || id > 2_147_483_647) throw new InputError('cursor is not valid; use the one from the Link header of the previous page');
  return { publishedAt: m[1]!, id };
}

/** All papers, newest first, a page at a time; `nextCursor` is null on the last page. */
export async function listPapers(deps: Deps, input: { cursor?: string; limit?: number }): Promise<{ papers: Paper[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new InputError('limit must be an integer from 1 to 100');
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const papers = await listPapersByPublished(deps.db, after, limit + 1);
  const page = papers.slice(0, limit);
  const last = page.at(-1);
  return { papers: page, nextCursor: papers.length > limit && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null };
}
