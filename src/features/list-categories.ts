import type { Deps } from '../deps';
import { CATEGORY_GROUPS, categoryGroup, categoryName, isArxivCategory, type CategoryGroup } from '../domain/arxiv-category';
import { InputError } from '../domain/input-error';
import { NotFoundError } from '../domain/not-found-error';
import type { Paper } from '../domain/paper';
import { countCategoryPapers, listCategoryCounts, listPapersInCategory, listTrendingInCategory } from '../storage/repos/categories-repo';

/** A category as browsing shows it. */
export type CategorySummary = { category: string; name: string | null; papers: number };

/** The categories of one group of arXiv's taxonomy (cs, math, physics …), most papers first. */
export type CategoryGroupList = { group: CategoryGroup; name: string; papers: number; categories: CategorySummary[] };

/** Every category that has papers, with counts, grouped as arXiv groups them (empty groups left out). */
export async function listCategories(deps: Deps): Promise<CategoryGroupList[]> {
  const counts = await listCategoryCounts(deps.db);
  return CATEGORY_GROUPS.map((g) => {
    const categories = counts
      .filter((c) => categoryGroup(c.category) === g.key)
      .map((c) => ({ category: c.category, name: categoryName(c.category), papers: c.papers }));
    return { group: g.key, name: g.name, papers: categories.reduce((n, c) => n + c.papers, 0), categories };
  }).filter((g) => g.categories.length > 0);
}

export const CATEGORY_PER_PAGE = 50;
/** Deepest page of a category (cs.AI has 100k papers: 2,000 pages of 50). */
export const CATEGORY_MAX_PAGE = 5000;
const TRENDING_SHOWN = 5;

export type CategoryPapers = CategorySummary & {
  /** 1-based. */
  page: number;
  perPage: number;
  /** Newest first. */
  items: Paper[];
  /** The category's top trending listed papers (first page only, empty after). */
  trending: Paper[];
};

/**
 * One category's papers, newest first and paged, with its top trending papers on page 1. A
 * malformed category or page is an InputError; a category no paper has is a NotFoundError.
 */
export async function listCategoryPapers(deps: Deps, input: { category: string; page?: number; perPage?: number }): Promise<CategoryPapers> {
  const { category } = input;
  if (typeof category !== 'string' || !isArxivCategory(category)) {
    throw new InputError('the category must be an arXiv category such as cs.CL, hep-th or astro-ph.CO');
  }
  const page = input.page ?? 1;
  const perPage = input.perPage ?? CATEGORY_PER_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > CATEGORY_MAX_PAGE) throw new InputError(`page must be a whole number from 1 to ${CATEGORY_MAX_PAGE}`);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw new InputError('perPage must be a whole number from 1 to 100');
  const [papers, items, trending] = await Promise.all([
    countCategoryPapers(deps.db, category),
    listPapersInCategory(deps.db, category, (page - 1) * perPage, perPage),
    page === 1 ? listTrendingInCategory(deps.db, category, TRENDING_SHOWN) : Promise.resolve([]),
  ]);
  if (papers === 0) throw new NotFoundError(`No paper on this site is in the category ${category}.`);
  return { category, name: categoryName(category), papers, page, perPage, items, trending };
}
