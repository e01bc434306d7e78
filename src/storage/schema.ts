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
  paper_authors: PaperAuthorTable;
  listings: ListingTable;
  votes: VoteTable;
  comments: CommentTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  account_tokens: AccountTokenTable;
  rate_limits: RateLimitTable;
  moderation_log: ModerationLogTable;
  subscriptions: SubscriptionTable;
  suppressions: SuppressionTable;
  digest_outbox: DigestOutboxTable;
  subscription_link_tokens: SubscriptionLinkTokenTable;
  job_runs: JobRunTable;
  collections: CollectionTable;
  collection_papers: CollectionPaperTable;
  saved_searches: SavedSearchTable;
  for_you_hidden: ForYouHiddenTable;
  schema_migrations: { name: string; applied_at: string };
};

/** A nullable column that may be left out of an insert. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type UserTable = {
  id: Generated<number>;
  username: string;
  fullname: string;
  avatar_url: string | null;
  created_at: string;
  /** Lower-cased; null for users known only from imported data (they cannot log in). */
  email: Optional<string>;
  /** PHC string (argon2id); null: no password, cannot log in. */
  password_hash: Optional<string>;
  email_verified_at: Optional<string>;
  /** 'user' | 'moderator' | 'admin' */
  role: ColumnType<string, string | undefined, string>;
  banned_at: Optional<string>;
  ban_reason: Optional<string>;
};

/** A logged-in browser. The cookie holds the token; only its SHA-256 is stored. */
export type SessionTable = {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  /** Absolute end of the session, whatever the activity. */
  expires_at: string;
  user_agent: string | null;
  ip: string | null;
};

/** A personal token for the JSON API (`Authorization: Bearer`). */
export type ApiTokenTable = {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
};

/** Single-use (verify_email, reset_password) or long-lived (device) tokens sent to a user. */
export type AccountTokenTable = {
  token_hash: string;
  user_id: number;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

/** Hits per key in a fixed window; shared by every server process. */
export type RateLimitTable = {
  key: string;
  window_start: string;
  hits: number;
  expires_at: string;
};

/** The public, append-only record of what moderators did and why. */
export type ModerationLogTable = {
  id: Generated<number>;
  /** Null: the server's operator, from the command line. */
  moderator_id: number | null;
  action: string;
  target_user_id: number | null;
  target_paper_id: number | null;
  target_comment_id: number | null;
  target_label: string;
  reason: string;
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
  created_at: string;
  updated_at: string;
};

export type PaperCategoryTable = {
  paper_id: number;
  category: string;
  /** A copy of papers.published_at (category pages sort on it through an index); kept by the import. */
  published_at: Optional<string>;
};

/** One author of a paper, for author pages (see domain/author-name.ts); kept by the import. */
export type PaperAuthorTable = {
  paper_id: number;
  /** 0-based position in the paper's author list. */
  position: number;
  name: string;
  /** authorNameKey(name); unique per paper. */
  name_key: string;
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
  hidden_at: Optional<string>;
  hidden_reason: Optional<string>;
  edited_at: Optional<string>;
  /** Deleted by its author: the body is gone, the row stays so replies keep their thread. */
  deleted_at: Optional<string>;
};

/** A digest subscription (double opt-in). One per address. */
export type SubscriptionTable = {
  id: Generated<number>;
  email: string;
  user_id: Optional<number>;
  /** 'daily' | 'weekly' */
  cadence: string;
  time_zone: string;
  /** 'pending' | 'active' | 'unsubscribed' */
  status: string;
  confirm_token_hash: Optional<string>;
  confirm_sent_at: Optional<string>;
  created_at: string;
  confirmed_at: Optional<string>;
  unsubscribed_at: Optional<string>;
  updated_at: string;
};

/** A preferences/unsubscribe link token sent outside a digest (see migration 007). */
export type SubscriptionLinkTokenTable = {
  token_hash: string;
  subscription_id: number;
  created_at: string;
};

/** An address nothing is ever sent to (hard bounce, complaint, or by hand). */
export type SuppressionTable = {
  email: string;
  /** 'bounce' | 'complaint' | 'manual' */
  reason: string;
  detail: Optional<string>;
  created_at: string;
};

/** A composed digest waiting to be (or already) sent. Unique per subscription and period. */
export type DigestOutboxTable = {
  id: Generated<number>;
  subscription_id: number;
  period_key: string;
  email: string;
  subject: string;
  text_body: string;
  html_body: string;
  link_token_hash: string;
  /** 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' */
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  claimed_at: Optional<string>;
  claimed_by: Optional<string>;
  sent_at: Optional<string>;
  message_id: Optional<string>;
  last_error: Optional<string>;
  created_at: string;
  /** JSON object of extra headers (List-Unsubscribe, List-Unsubscribe-Post, List-Id); 006-outbox-headers. */
  headers: Optional<string>;
};

/** One run of a scheduled job for one time slot (the primary key makes it happen once). */
export type JobRunTable = {
  name: string;
  slot: string;
  runner: string;
  started_at: string;
  finished_at: Optional<string>;
  error: Optional<string>;
};

/** A member's named list of papers (migration 008-collections). `slug` is unique per owner. */
export type CollectionTable = {
  id: Generated<number>;
  user_id: number;
  slug: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  /** 1: anyone may see it; 0: only its owner (everyone else gets a 404). */
  is_public: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
};

/** A paper in a collection, once, with when it was added and the owner's note. */
export type CollectionPaperTable = {
  collection_id: number;
  paper_id: number;
  added_at: string;
  note: Optional<string>;
};

/** A paper a member marked "Not interested" in their For you feed (migration 014-for-you-hidden); once per (user_id, paper_id). */
export type ForYouHiddenTable = {
  user_id: number;
  paper_id: number;
  hidden_at: string;
};

/** A member's saved search (migration 011-saved-searches); unique per (user_id, search_key). */
export type SavedSearchTable = {
  id: Generated<number>;
  user_id: number;
  /** '' when the member gave none. */
  name: ColumnType<string, string | undefined, string>;
  query: ColumnType<string, string | undefined, string>;
  from_day: Optional<string>;
  to_day: Optional<string>;
  category: Optional<string>;
  has_code: ColumnType<number, number | undefined, number>;
  /** 'relevance' | 'newest' | 'upvotes', or null when the search did not choose one. */
  sort: Optional<string>;
  /** sha256 (hex) of the canonical search query string. */
  search_key: string;
  /** Papers with a higher id are new for this search's alerts. */
  alerted_through_id: ColumnType<number, number | undefined, number>;
  alerted_at: Optional<string>;
  created_at: string;
};
