import type { Deps } from '../deps';
import { authorNameKey, MAX_AUTHOR_NAME_LENGTH } from '../domain/author-name';
import { InputError } from '../domain/input-error';
import { NotFoundError } from '../domain/not-found-error';
import type { Paper } from '../domain/paper';
import { countAuthorPapers, findAuthorName, listCoAuthors, listPapersByAuthor, type CoAuthorCount } from '../storage/repos/authors-repo';

export type { CoAuthorCount } from '../storage/repos/authors-repo';

export const AUTHOR_PER_PAGE = 50;
export const AUTHOR_MAX_PAGE = 1000;
const CO_AUTHORS_SHOWN = 20;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type AuthorPapers = {
  /** The spelling most used on the author's papers. */
  name: string;
  /** The lookup key (see domain/author-name.ts). */
  nameKey: string;
  total: number;
  /** 1-based. */
  page: number;
  perPage: number;
  /** Newest first. */
  items: Paper[];
  /** Most frequent co-authors first. */
  coAuthors: CoAuthorCount[];
};

/**
 * All papers whose author list names this person (same name up to case, spacing and Unicode
 * form), newest first, with their most frequent co-authors. A blank, over-long or control-character
 * name or a bad page is an InputError; a name on no paper is a NotFoundError.
 */
export async function listAuthorPapers(
  deps: Deps,
  input: { name: string; page?: number; perPage?: number; /** false: skip the co-author count (feeds do not show it). */ withCoAuthors?: boolean },
): Promise<AuthorPapers> {
  const { name } = input;
  if (typeof name !== 'string' || name.trim() === '') throw new InputError('the author name is empty');
  if (name.length > MAX_AUTHOR_NAME_LENGTH) throw new InputError(`the author name is ${name.length} characters long; at most ${MAX_AUTHOR_NAME_LENGTH} are accepted`);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new InputError('the author name contains control characters');
  // A lone surrogate (from a malformed %-escape) cannot be a stored name, and PostgreSQL refuses it.
  if (LONE_SURROGATE.test(name)) throw new InputError('the author name is not valid Unicode');
  const page = input.page ?? 1;
  const perPage = input.perPage ?? AUTHOR_PER_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > AUTHOR_MAX_PAGE) throw new InputError(`page must be a whole number from 1 to ${AUTHOR_MAX_PAGE}`);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw new InputError('perPage must be a whole number from 1 to 100');

  const nameKey = authorNameKey(name);
  const [display, total, items, coAuthors] = await Promise.all([
    findAuthorName(deps.db, nameKey),
    countAuthorPapers(deps.db, nameKey),
    listPapersByAuthor(deps.db, nameKey, (page - 1) * perPage, perPage),
    input.withCoAuthors === false ? Promise.resolve([]) : listCoAuthors(deps.db, nameKey, CO_AUTHORS_SHOWN),
  ]);
  if (display === null) throw new NotFoundError(`No paper on this site has an author named ${name.length > 80 ? `${name.slice(0, 80)}…` : name}.`);
  return { name: display, nameKey, total, page, perPage, items, coAuthors };
}
