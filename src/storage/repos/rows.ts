import type { Selectable } from 'kysely';
import type { Paper, PaperInput, User } from '../../domain/paper';
import type { PaperTable } from '../schema';

/** Converts a stored paper row into the domain type. */
export function toPaper(row: Selectable<PaperTable>): Paper {
  return {
    id: row.id,
    ...toPaperInput(row),
    upvotes: row.upvotes,
    numComments: row.num_comments,
    trendingScore: row.trending_score,
    firstListedAt: row.first_listed_at,
    createdAt: row.created_at,
  };
}

/** The imported fields of a stored paper row (what an import compares and overwrites). */
export function toPaperInput(
  row: Pick<Selectable<PaperTable>, (typeof PAPER_INPUT_COLUMNS)[number]>,
): PaperInput {
  return {
    arxivId: row.arxiv_id,
    title: row.title,
    abstract: row.abstract,
    authors: JSON.parse(row.authors) as string[],
    publishedAt: row.published_at,
    isPublishedApprox: row.is_published_approx === 1,
    categories: JSON.parse(row.categories) as string[],
    githubRepo: row.github_repo,
    githubStars: row.github_stars,
    projectPage: row.project_page,
    withdrawnAt: row.withdrawn_at,
    aiSummary: row.ai_summary,
    aiKeywords: row.ai_keywords === null ? null : (JSON.parse(row.ai_keywords) as string[]),
  };
}

/** The columns toPaperInput reads. */
export const PAPER_INPUT_COLUMNS = [
  'arxiv_id', 'title', 'abstract', 'authors', 'published_at', 'is_published_approx', 'categories',
  'github_repo', 'github_stars', 'project_page', 'withdrawn_at', 'ai_summary', 'ai_keywords',
] as const;

/** The paper columns every read selects (never the search vector). */
export const PAPER_COLUMNS = [
  'papers.id', 'papers.arxiv_id', 'papers.title', 'papers.abstract', 'papers.authors', 'papers.published_at',
  'papers.is_published_approx', 'papers.categories', 'papers.github_repo', 'papers.github_stars',
  'papers.project_page', 'papers.withdrawn_at', 'papers.ai_summary', 'papers.ai_keywords',
  'papers.imported_upvotes', 'papers.upvotes', 'papers.imported_comments', 'papers.num_comments',
  'papers.trending_score', 'papers.first_listed_at', 'papers.created_at', 'papers.updated_at',
] as const;

/** The submitter columns selected next to a listing (left-joined `users`). */
export const SUBMITTER_COLUMNS = ['users.id as user_id', 'users.username', 'users.fullname', 'users.avatar_url'] as const;

/** Maps the left-joined submitter columns to a user, or null when the listing has none. */
export function toSubmitter(r: { user_id: number | null; username: string | null; fullname: string | null; avatar_url: string | null }): User | null {
  if (r.user_id === null) return null;
  return { id: r.user_id, username: r.username ?? '', fullname: r.fullname ?? r.username ?? '', avatarUrl: r.avatar_url };
}
