import type { Db } from '../src/storage/database';
import { authorEntries } from '../src/domain/author-name';
import { trendingScore } from '../src/domain/trending';

let counter = 0;

/** Inserts a user and returns its id. */
export async function insertUser(db: Db, over: { username?: string; fullname?: string } = {}): Promise<number> {
  counter += 1;
  const username = over.username ?? `user${counter}`;
  const row = await db.kysely
    .insertInto('users')
    .values({ username, fullname: over.fullname ?? username, avatar_url: null, created_at: '2025-01-01T00:00:00.000Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type PaperOverrides = {
  arxivId?: string;
  title?: string;
  abstract?: string | null;
  authors?: string[];
  publishedAt?: string;
  categories?: string[];
  githubRepo?: string | null;
  projectPage?: string | null;
  upvotes?: number;
  numComments?: number;
};

/** Inserts a paper with sensible defaults (every NOT NULL column filled) and returns its id. */
export async function insertPaper(db: Db, over: PaperOverrides = {}): Promise<number> {
  counter += 1;
  const arxivId = over.arxivId ?? `2501.${String(10000 + counter).slice(-5)}`;
  const categories = over.categories ?? ['cs.CL'];
  const now = '2025-01-01T00:00:00.000Z';
  const row = await db.kysely
    .insertInto('papers')
    .values({
      arxiv_id: arxivId,
      title: over.title ?? `A paper about topic ${counter}`,
      abstract: over.abstract === undefined ? `We study topic ${counter}.` : over.abstract,
      authors: JSON.stringify(over.authors ?? ['Ada Lovelace', 'Alan Turing']),
      published_at: over.publishedAt ?? '2025-01-01T00:00:00.000Z',
      is_published_approx: 0,
      categories: JSON.stringify(categories),
      github_repo: over.githubRepo ?? null,
      github_stars: null,
      project_page: over.projectPage ?? null,
      withdrawn_at: null,
      ai_summary: null,
      ai_keywords: null,
      imported_upvotes: over.upvotes ?? 0,
      upvotes: over.upvotes ?? 0,
      imported_comments: over.numComments ?? 0,
      num_comments: over.numComments ?? 0,
      trending_score: null,
      first_listed_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (categories.length > 0) {
    await db.kysely
      .insertInto('paper_categories')
      .values(categories.map((category) => ({ paper_id: row.id, category, published_at: over.publishedAt ?? '2025-01-01T00:00:00.000Z' })))
      .execute();
  }
  // As the import keeps it (see storage/repos/paper-author-writes.ts).
  const authors = authorEntries(over.authors ?? ['Ada Lovelace', 'Alan Turing']);
  if (authors.length > 0) {
    await db.kysely
      .insertInto('paper_authors')
      .values(authors.map((a) => ({ paper_id: row.id, position: a.position, name: a.name, name_key: a.nameKey })))
      .execute();
  }
  return row.id;
}

/** Puts a paper on a day's list, keeping first_listed_at and trending_score consistent. */
export async function insertListing(
  db: Db,
  paperId: number,
  listedOn: string,
  over: { submitterId?: number | null; submittedAt?: string } = {},
): Promise<void> {
  const submittedAt = over.submittedAt ?? `${listedOn}T08:00:00.000Z`;
  await db.kysely
    .insertInto('listings')
    .values({ paper_id: paperId, listed_on: listedOn, submitted_at: submittedAt, submitter_id: over.submitterId ?? null, imported_upvotes: null, imported_comments: null })
    .execute();
  const paper = await db.kysely.selectFrom('papers').select(['upvotes', 'first_listed_at']).where('id', '=', paperId).executeTakeFirstOrThrow();
  const first = paper.first_listed_at === null || submittedAt < paper.first_listed_at ? submittedAt : paper.first_listed_at;
  await db.kysely
    .updateTable('papers')
    .set({ first_listed_at: first, trending_score: trendingScore(paper.upvotes, first) })
    .where('id', '=', paperId)
    .execute();
}
