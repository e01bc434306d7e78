import type { Migration } from '../migrate';

/**
 * Saved searches (issue 5, item 6): a member's search words and filters, kept to run again and to
 * alert on in their digest. `search_key` is a hash of the canonical search (the query string of
 * its /search URL), unique per member, so saving the same search twice keeps one row while a
 * 10,000-character query never goes into an index. `alerted_through_id` is the highest papers.id
 * already considered for the member's digest: papers above it are new (see decision 0014).
 */
export const savedSearches: Migration = {
  name: '011-saved-searches',
  async up(db, dialect) {
    const id = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey());
    await db.schema
      .createTable('saved_searches')
      .addColumn('id', 'integer', id)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('query', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('from_day', 'text')
      .addColumn('to_day', 'text')
      .addColumn('category', 'text')
      .addColumn('has_code', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort', 'text')
      .addColumn('search_key', 'text', (c) => c.notNull())
      .addColumn('alerted_through_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('alerted_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('saved_searches_user_key', ['user_id', 'search_key'])
      .execute();
  },
};
