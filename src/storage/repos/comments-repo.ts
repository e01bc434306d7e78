import type { Selectable } from 'kysely';
import type { User } from '../../domain/paper';
import type { Db } from '../database';
import type { CommentTable } from '../schema';

/** A stored comment as the use cases see it (text as written; rendering happens at display time). */
export type CommentRecord = {
  id: number;
  paperId: number;
  userId: number;
  parentId: number | null;
  body: string;
  createdAt: string;
  updatedAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
};

/** A comment with its author, as a paper's discussion lists it. */
export type CommentWithAuthor = CommentRecord & { author: User };

const COMMENT_COLUMNS = [
  'comments.id',
  'comments.paper_id',
  'comments.user_id',
  'comments.parent_id',
  'comments.body',
  'comments.created_at',
  'comments.updated_at',
  'comments.edited_at',
  'comments.deleted_at',
  'comments.hidden_at',
  'comments.hidden_reason',
] as const;

function toComment(row: Selectable<CommentTable>): CommentRecord {
  return {
    id: row.id,
    paperId: row.paper_id,
    userId: row.user_id,
    parentId: row.parent_id,
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    hiddenAt: row.hidden_at,
    hiddenReason: row.hidden_reason,
  };
}

const AUTHOR_COLUMNS = ['users.username', 'users.fullname', 'users.avatar_url'] as const;

function toCommentWithAuthor(row: Selectable<CommentTable> & { username: string; fullname: string; avatar_url: string | null }): CommentWithAuthor {
  return { ...toComment(row), author: { id: row.user_id, username: row.username, fullname: row.fullname, avatarUrl: row.avatar_url } };
}

export type NewComment = { paperId: number; userId: number; parentId: number | null; body: string; createdAt: string };

/** Inserts a comment and returns its id. Call refreshCommentCount in the same transaction. */
export async function insertComment(db: Db, comment: NewComment): Promise<number> {
  const row = await db.kysely
    .insertInto('comments')
    .values({
      paper_id: comment.paperId,
      user_id: comment.userId,
      parent_id: comment.parentId,
      body: comment.body,
      created_at: comment.createdAt,
      updated_at: comment.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a comment's text and marks it edited at `at`. */
export async function updateCommentBody(db: Db, commentId: number, body: string, at: string): Promise<void> {
  await db.kysely.updateTable('comments').set({ body, edited_at: at, updated_at: at }).where('id', '=', commentId).execute();
}

/**
 * Marks a comment deleted by its author: the text is dropped, the row stays so its replies keep
 * their place in the thread. Call refreshCommentCount in the same transaction.
 */
export async function markCommentDeleted(db: Db, commentId: number, at: string): Promise<void> {
  await db.kysely.updateTable('comments').set({ body: '', deleted_at: at, updated_at: at }).where('id', '=', commentId).execute();
}

/** One comment with its author, if it exists. */
export async function findComment(db: Db, commentId: number): Promise<CommentWithAuthor | null> {
  const row = await db.kysely
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.user_id')
    .select([...COMMENT_COLUMNS, ...AUTHOR_COLUMNS])
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
  return row ? toCommentWithAuthor(row) : null;
}

/**
 * Every comment of a paper (deleted and hidden ones too: they keep their replies' thread) with
 * its author, oldest first with the id breaking ties, so a parent always comes before its replies.
 */
export async function listCommentsOfPaper(db: Db, paperId: number): Promise<CommentWithAuthor[]> {
  const rows = await db.kysely
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.user_id')
    .select([...COMMENT_COLUMNS, ...AUTHOR_COLUMNS])
    .where('comments.paper_id', '=', paperId)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
  return rows.map(toCommentWithAuthor);
}

/** How many of a paper's comments are shown (neither deleted nor hidden). */
export async function countVisibleComments(db: Db, paperId: number): Promise<number> {
  const row = await db.kysely
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('paper_id', '=', paperId)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Sets `papers.num_comments` = imported_comments + visible comment rows (the rule the importer's
 * refreshPaperCounters follows too). Call it inside the transaction of every change to a paper's
 * comments: insert, delete, hide, unhide.
 *
 * On PostgreSQL the paper row is locked first, then counted in a second statement: under READ
 * COMMITTED that statement sees every transaction that held the lock before, so the last writer
 * of the column always counts all committed rows. (A single UPDATE with the count as a subquery
 * would evaluate the count in the snapshot taken before waiting for the lock, and lose a
 * concurrent comment.) The lock is FOR NO KEY UPDATE, the one an UPDATE of a non-key column takes:
 * FOR UPDATE would conflict with the KEY SHARE lock that inserting a comment (its foreign key)
 * holds on the paper, and two concurrent posts would deadlock. SQLite runs one write transaction
 * at a time, so no lock is needed there.
 */
export async function refreshCommentCount(db: Db, paperId: number): Promise<number> {
  if (db.dialect === 'postgres') {
    await db.kysely.selectFrom('papers').select('id').where('id', '=', paperId).forNoKeyUpdate().execute();
  }
  const row = await db.kysely
    .updateTable('papers')
    .set((eb) => ({
      num_comments: eb(
        'imported_comments',
        '+',
        eb
          .selectFrom('comments')
          .select((s) => s.fn.countAll<number>().as('n'))
          .where('comments.paper_id', '=', paperId)
          .where('comments.deleted_at', 'is', null)
          .where('comments.hidden_at', 'is', null),
      ),
    }))
    .where('id', '=', paperId)
    .returning('num_comments')
    .executeTakeFirst();
  return Number(row?.num_comments ?? 0);
}
