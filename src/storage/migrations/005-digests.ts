import type { Migration } from '../migrate';

/**
 * Email digests: subscriptions (double opt-in), suppressed addresses (bounces, complaints, by
 * hand), the outbox of composed digests (one per subscription and period, by a unique key) and
 * job runs (one row per job and time slot, so each scheduled run happens once across processes).
 */
export const digests: Migration = {
  name: '005-digests',
  async up(db, dialect) {
    const id = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey());

    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'integer', id)
      /** Lower-cased; one subscription per address. */
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      /** 'daily' | 'weekly' */
      .addColumn('cadence', 'text', (c) => c.notNull())
      /** IANA zone in which the digest hour (and week day) is read. */
      .addColumn('time_zone', 'text', (c) => c.notNull())
      /** 'pending' (not confirmed) | 'active' | 'unsubscribed' */
      .addColumn('status', 'text', (c) => c.notNull())
      /** SHA-256 of the confirmation token while pending. */
      .addColumn('confirm_token_hash', 'text', (c) => c.unique())
      .addColumn('confirm_sent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text')
      .addColumn('unsubscribed_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('subscriptions_due').on('subscriptions').columns(['status', 'cadence', 'time_zone']).execute();
    await db.schema.createIndex('subscriptions_user').on('subscriptions').column('user_id').execute();

    await db.schema
      .createTable('suppressions')
      .addColumn('email', 'text', (c) => c.primaryKey())
      /** 'bounce' | 'complaint' | 'manual' */
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('digest_outbox')
      .addColumn('id', 'integer', id)
      .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
      /** e.g. `daily:2026-08-22` or `weekly:2026-W34` (in the subscriber's time zone). */
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('html_body', 'text', (c) => c.notNull())
      /** SHA-256 of the token in this message's unsubscribe and preferences links. */
      .addColumn('link_token_hash', 'text', (c) => c.notNull().unique())
      /** 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'text')
      .addColumn('claimed_by', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('message_id', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('digest_outbox_once', ['subscription_id', 'period_key'])
      .execute();
    await db.schema.createIndex('digest_outbox_queue').on('digest_outbox').columns(['status', 'next_attempt_at', 'id']).execute();

    await db.schema
      .createTable('job_runs')
      .addColumn('name', 'text', (c) => c.notNull())
      /** The time slot this run is for, e.g. an ISO minute or `2026-08-22`. */
      .addColumn('slot', 'text', (c) => c.notNull())
      .addColumn('runner', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('job_runs_pk', ['name', 'slot'])
      .execute();
  },
};
