import type { Migration } from '../migrate';

/**
 * Link tokens for a subscription's preferences and unsubscribe pages that do not come with a
 * digest: the "you are already subscribed" mail and the page right after confirming. Digests
 * carry their own token (digest_outbox.link_token_hash); a link is found by either. Only the
 * SHA-256 of a token is stored.
 */
export const subscriptionLinks: Migration = {
  name: '007-subscription-links',
  async up(db) {
    await db.schema
      .createTable('subscription_link_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('subscription_link_tokens_subscription').on('subscription_link_tokens').column('subscription_id').execute();
  },
};
