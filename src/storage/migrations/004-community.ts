import type { Migration } from '../migrate';

/**
 * Accounts and everything people do with them: credentials on `users` (imported submitters keep
 * null credentials and cannot log in), sessions, API tokens, single-use account tokens (email
 * verification, password reset, trusted devices), rate-limit counters shared by every server
 * process, the public moderation log, and edit/delete marks on comments. Secrets are never stored:
 * every token column holds a SHA-256 of the token.
 */
export const community: Migration = {
  name: '004-community',
  async up(db, dialect) {
    const id = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey());

    await db.schema.alterTable('users').addColumn('email', 'text').execute();
    await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();
    await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute();
    await db.schema.alterTable('users').addColumn('role', 'text', (c) => c.notNull().defaultTo('user')).execute();
    await db.schema.alterTable('users').addColumn('banned_at', 'text').execute();
    await db.schema.alterTable('users').addColumn('ban_reason', 'text').execute();
    // Emails are stored lower-cased, so this index is case-insensitive; NULLs (imported users) never clash.
    await db.schema.createIndex('users_email').on('users').column('email').unique().execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id', 'created_at']).execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'integer', id)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

    await db.schema
      .createTable('account_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      /** 'verify_email' | 'reset_password' | 'device' */
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute();
    await db.schema.createIndex('account_tokens_expires').on('account_tokens').column('expires_at').execute();

    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
      .execute();
    await db.schema.createIndex('rate_limits_expires').on('rate_limits').column('expires_at').execute();

    await db.schema
      .createTable('moderation_log')
      .addColumn('id', 'integer', id)
      .addColumn('moderator_id', 'integer', (c) => c.notNull().references('users.id'))
      /** 'hide_comment' | 'unhide_comment' | 'remove_listing' | 'ban_user' | 'unban_user' | 'set_role' */
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('target_paper_id', 'integer', (c) => c.references('papers.id').onDelete('set null'))
      .addColumn('target_comment_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
      /** What the target was, in words, so the entry stays readable if the target goes away. */
      .addColumn('target_label', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('moderation_log_created').on('moderation_log').columns(['created_at', 'id']).execute();

    await db.schema.alterTable('comments').addColumn('edited_at', 'text').execute();
    await db.schema.alterTable('comments').addColumn('deleted_at', 'text').execute();
    await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
    await db.schema.createIndex('comments_user').on('comments').columns(['user_id', 'created_at']).execute();
    await db.schema.createIndex('votes_user').on('votes').columns(['user_id', 'created_at']).execute();
  },
};
