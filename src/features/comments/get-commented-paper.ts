import type { Deps } from '../../deps';
import { parseArxivId } from '../../domain/arxiv-id';
import { InputError } from '../../domain/input-error';
import { NotFoundError } from '../../domain/not-found-error';
import type { Paper } from '../../domain/paper';
import { findPaperByArxivId } from '../../storage/repos/papers-repo';

/** The paper a discussion belongs to: InputError for a malformed id, NotFoundError for an unknown one. */
export async function getCommentedPaper(deps: Deps, arxivId: string): Promise<Paper> {
  const parsed = parseArxivId(arxivId);
  if (!parsed.ok) throw new InputError(parsed.reason);
  const paper = await findPaperByArxivId(deps.db, parsed.id);
  if (!paper) throw new NotFoundError(`There is no paper ${parsed.id} on this site.`);
  return paper;
}

/** A comment id from a form, a URL or JSON: a positive integer, else InputError. */
export function parseCommentId(input: unknown, what = 'comment id'): number {
  const n = typeof input === 'number' ? input : typeof input === 'string' && /^\d{1,15}$/.test(input.trim()) ? Number(input.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new InputError(`The ${what} must be a positive whole number.`);
  return n;
}
