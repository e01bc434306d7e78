import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import type { Listing } from '../domain/paper';
import { listTrending } from '../storage/repos/listings-repo';

/** Papers by stored trending score (see domain/trending.ts), 0-based page. */
export async function listTrendingPapers(deps: Deps, input: { page?: number; perPage?: number } = {}): Promise<Listing[]> {
  const page = input.page ?? 0;
  const perPage = input.perPage ?? 50;
  if (!Number.isInteger(page) || page < 0 || page > 1000) throw new InputError('page must be an integer from 0 to 1000');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw new InputError('limit must be an integer from 1 to 100');
  return listTrending(deps.db, page * perPage, perPage);
}
