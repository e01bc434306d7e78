import type { Migration } from '../migrate';

/**
 * Papers a member marked "Not interested" in their For you feed: left out of the feed (page, API
 * and digest) until they take it back. Keyed by (user_id, paper_id); the (user_id, hidden_at)
 * index serves "the member's most recent hidden papers", which is what the feed reads.
 */
export const forYouHidden: Migration = {
  name: '014-for-you-hidden',
  async up(db) {
    await db.schema
      .createTable('for_you_hidden')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
      .addColumn('hidden_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('for_you_hidden_pkey', ['user_id', 'paper_id'])
      .execute();
    await db.schema.createIndex('for_you_hidden_recent').on('for_you_hidden').columns(['user_id', 'hidden_at']).execute();
  },
};
