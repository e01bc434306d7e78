import { sql } from 'kysely';
import type { Migration } from '../migrate';

/**
 * `moderation_log.moderator_id` may be null: the entry was made by the server's operator from
 * the command line (`paperboy user set-role`, `user create --admin`), who has no account to name.
 * Role changes made there used to leave no trace in the public log. SQLite cannot drop a NOT NULL,
 * so its table is rebuilt (same columns, rows and index); PostgreSQL drops the constraint.
 */
export const operatorModeration: Migration = {
  name: '013-operator-moderation',
  async up(db, dialect) {
    if (dialect === 'postgres') {
      await sql`alter table moderation_log alter column moderator_id drop not null`.execute(db);
      return;
    }
    await sql`create table moderation_log_new (
      id integer primary key,
      moderator_id integer references users(id),
      action text not null,
      target_user_id integer references users(id),
      target_paper_id integer references papers(id) on delete set null,
      target_comment_id integer references comments(id) on delete set null,
      target_label text not null,
      reason text not null,
      created_at text not null
    )`.execute(db);
    await sql`insert into moderation_log_new select id, moderator_id, action, target_user_id, target_paper_id, target_comment_id, target_label, reason, created_at from moderation_log`.execute(db);
    await sql`drop table moderation_log`.execute(db);
    await sql`alter table moderation_log_new rename to moderation_log`.execute(db);
    await sql`create index moderation_log_created on moderation_log (created_at, id)`.execute(db);
  },
};
