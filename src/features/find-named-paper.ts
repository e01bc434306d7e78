import type { Deps } from '../deps';
import { parseArxivId } from '../domain/arxiv-id';
import { InputError } from '../domain/input-error';
import { NotFoundError } from '../domain/not-found-error';
import type { Paper } from '../domain/paper';
import { findPaperByArxivId } from '../storage/repos/papers-repo';

/** The normalised arXiv id a request names: an InputError when it is missing or malformed. */
export function requirePaperId(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw new InputError('paper id is required');
  const parsed = parseArxivId(value);
  if (!parsed.ok) throw new InputError(parsed.reason);
  return parsed.id;
}

/** The stored paper a request names by arXiv id (see requirePaperId): a NotFoundError when it is not on the site. */
export async function findNamedPaper(deps: Pick<Deps, 'db'>, value: unknown): Promise<Paper> {
  return findPaperOrThrow(deps, requirePaperId(value));
}

/** The stored paper with this (valid) arXiv id: a NotFoundError when it is not on the site. */
export async function findPaperOrThrow(deps: Pick<Deps, 'db'>, arxivId: string): Promise<Paper> {
  const paper = await findPaperByArxivId(deps.db, arxivId);
  if (!paper) throw new NotFoundError(`paper ${arxivId} is not on this site`);
  return paper;
}
