import type { Role } from '../../domain/account';
import type { ModerationAction, ModerationLogEntry } from '../../domain/moderation';
import type { Db } from '../database';

/**
 * The SQL of moderation: the append-only log (insert and list only; there is deliberately no
 * update or delete of `moderation_log` anywhere), and the writes moderators make to comments,
 * listings and accounts. Callers run the write and its log entry in one transaction.
 */

/** A new log entry. */
export type NewModerationLogEntry = {
  /** Null: the server's operator, from the command line. */
  moderatorId: number | null;
  action: ModerationAction;
  targetUserId: number | null;
  targetPaperId: number | null;
  targetCommentId: number | null;
  targetLabel: string;
  reason: string;
  createdAt: string;
};

/** Appends an entry to the moderation log. */
export async function insertModerationLogEntry(db: Db, e: NewModerationLogEntry): Promise<void> {
  await db.kysely
    .insertInto('moderation_log')
    .values({
      moderator_id: e.moderatorId,
      action: e.action,
      target_user_id: e.targetUserId,
      target_paper_id: e.targetPaperId,
      target_comment_id: e.targetCommentId,
      target_label: e.targetLabel,
      reason: e.reason,
      created_at: e.createdAt,
    })
    .execute();
}

/** A page of the log, newest first, with the total number of entries. */
export async function listModerationLogEntries(db: Db, page: { offset: number; limit: number }): Promise<{ total: number; items: ModerationLogEntry[] }> {
  const [rows, count] = await Promise.all([
    db.kysely
      .selectFrom('moderation_log as l')
      .leftJoin('users as m', 'm.id', 'l.moderator_id')
      .leftJoin('users as tu', 'tu.id', 'l.target_user_id')
      .leftJoin('papers as tp', 'tp.id', 'l.target_paper_id')
      .select([
        'l.id',
        'l.action',
        'm.username as moderator',
        'l.target_label',
        'tu.username as target_username',
        'tp.arxiv_id as target_arxiv_id',
        'l.target_comment_id',
        'l.reason',
        'l.created_at',
      ])
      .orderBy('l.created_at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db.kysely.selectFrom('moderation_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      action: r.action as ModerationAction,
      moderator: r.moderator,
      targetLabel: r.target_label,
      targetUsername: r.target_username,
      targetArxivId: r.target_arxiv_id,
      targetCommentId: r.target_comment_id,
      reason: r.reason,
      createdAt: r.created_at,
    })),
  };
}

/** A comment as moderation needs it. */
export type CommentTarget = { id: number; paperId: number; arxivId: string; authorId: number; author: string; isHidden: boolean };

/** The comment with this id, with its paper and author, if it exists. */
export async function findCommentTarget(db: Db, commentId: number): Promise<CommentTarget | null> {
  const row = await db.kysely
    .selectFrom('comments as c')
    .innerJoin('papers as p', 'p.id', 'c.paper_id')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'c.paper_id', 'p.arxiv_id', 'c.user_id', 'u.username', 'c.hidden_at'])
    .where('c.id', '=', commentId)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, paperId: row.paper_id, arxivId: row.arxiv_id, authorId: row.user_id, author: row.username, isHidden: row.hidden_at !== null };
}

/**
 * Hides a visible comment (with the reason shown in its place) or shows a hidden one again
 * (`hidden` null). Returns false when it was already in that state, so two moderators acting at
 * once log one action, not two.
 */
export async function setCommentHidden(db: Db, commentId: number, hidden: { at: string; reason: string } | null): Promise<boolean> {
  const result = await db.kysely
    .updateTable('comments')
    .set({ hidden_at: hidden?.at ?? null, hidden_reason: hidden?.reason ?? null })
    .where('id', '=', commentId)
    .where('hidden_at', hidden ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A listing as moderation needs it. */
export type ListingTarget = { listingId: number; paperId: number; submitterId: number | null };

/** The listing of the paper with this arXiv id on this day, if any. */
export async function findListingTarget(db: Db, arxivId: string, listedOn: string): Promise<ListingTarget | null> {
  const row = await db.kysely
    .selectFrom('listings as l')
    .innerJoin('papers as p', 'p.id', 'l.paper_id')
    .select(['l.id', 'l.paper_id', 'l.submitter_id'])
    .where('p.arxiv_id', '=', arxivId)
    .where('l.listed_on', '=', listedOn)
    .executeTakeFirst();
  return row ? { listingId: row.id, paperId: row.paper_id, submitterId: row.submitter_id } : null;
}

/** Deletes a listing; false when it was gone already. */
export async function deleteListing(db: Db, listingId: number): Promise<boolean> {
  const result = await db.kysely.deleteFrom('listings').where('id', '=', listingId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A user as moderation needs it; `hasAccount` is false for imported submitters (no credentials). */
export type UserTarget = { id: number; username: string; role: Role; isBanned: boolean; hasAccount: boolean };

/** The user with this name (compared without case), if any. */
export async function findUserTarget(db: Db, username: string): Promise<UserTarget | null> {
  const row = await db.kysely
    .selectFrom('users')
    .select(['id', 'username', 'role', 'banned_at', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, username: row.username, role: row.role as Role, isBanned: row.banned_at !== null, hasAccount: row.password_hash !== null };
}

/** Bans (with a reason) or unbans (`ban` null) a user; false when it already was in that state. */
export async function setUserBan(db: Db, userId: number, ban: { at: string; reason: string } | null): Promise<boolean> {
  const result = await db.kysely
    .updateTable('users')
    .set({ banned_at: ban?.at ?? null, ban_reason: ban?.reason ?? null })
    .where('id', '=', userId)
    .where('banned_at', ban ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Sets a user's role; false when it had that role already. */
export async function setUserRole(db: Db, userId: number, role: Role): Promise<boolean> {
  const result = await db.kysely.updateTable('users').set({ role }).where('id', '=', userId).where('role', '!=', role).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every API token of a user (a ban ends scripted access as well as browser sessions). */
export async function deleteUserApiTokens(db: Db, userId: number): Promise<number> {
  const result = await db.kysely.deleteFrom('api_tokens').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
