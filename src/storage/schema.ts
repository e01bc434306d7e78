import type { ColumnType, Generated } from 'kysely';

/**
 * Row types as stored. Dates are ISO-8601 text (`YYYY-MM-DD` for days, full timestamps with `Z`
 * for instants) and booleans are 0/1 integers in both dialects, so SQLite and PostgreSQL return
 * the same JavaScript values and every query stays portable.
 */
export type Database = {
  users: UserTable;
  papers: PaperTable;
  paper_categories: PaperCategoryTable;
  listings: ListingTable;
  votes: VoteTable;
  comments: CommentTable;
  schema_migrations: { name: string; applied_at: string };
};

export type UserTable = {
  id: Generated<number>;
  username: string;
  fullname: string;
  avatar_url: string | null;
  created_at: string;
};

export type PaperTable = {
  id: Generated<number>;
  arxiv_id: string;
  title: string;
  abstract: string | null;
  /** JSON array of author names, in order. */
  authors: string;
  published_at: string;
  is_published_approx: number;
  /** JSON array of arXiv categories, primary first. */
  categories: string;
  github_repo: string | null;
  github_stars: number | null;
  project_page: string | null;
  withdrawn_at: string | null;
  ai_summary: string | null;
  /** JSON array of keywords or null. */
  ai_keywords: string | null;
  /** Upvotes counted elsewhere (imported snapshots); never changed by local votes. */
  imported_upvotes: ColumnType<number, number | undefined, number>;
  /** imported_upvotes + number of rows in `votes` for this paper, kept in the same transaction. */
  upvotes: ColumnType<number, number | undefined, number>;
  imported_comments: ColumnType<number, number | undefined, number>;
  num_comments: ColumnType<number, number | undefined, number>;
  /** Stored hotness (see domain/trending.ts); null while the paper was never listed. */
  trending_score: number | null;
  first_listed_at: string | null;
  /** Hash of the imported fields, so a re-import can tell "unchanged" without comparing each. */
  content_hash: string;
  created_at: string;
  updated_at: string;
};

export type PaperCategoryTable = {
  paper_id: number;
  category: string;
};

export type ListingTable = {
  id: Generated<number>;
  paper_id: number;
  /** The day whose list the paper is on, in the site's TIMEZONE. */
  listed_on: string;
  submitted_at: string;
  submitter_id: number | null;
  /** The upvote count the listing had when imported (a same-day snapshot), if any. */
  imported_upvotes: number | null;
  imported_comments: number | null;
};

export type VoteTable = {
  user_id: number;
  paper_id: number;
  created_at: string;
};

export type CommentTable = {
  id: Generated<number>;
  paper_id: number;
  user_id: number;
  parent_id: number | null;
  body: string;
  created_at: string;
  updated_at: string;
  hidden_at: string | null;
  hidden_reason: string | null;
};
