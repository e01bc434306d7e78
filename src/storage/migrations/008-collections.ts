import type { Migration } from '../migrate';

/**
 * Collections: named lists of papers a member keeps, public or private (issue 5, item 4). A slug
 * is unique per owner (`/users/:username/collections/:slug`); a paper is in a collection once,
 * with the instant it was added and an optional note. Deleting a user, a collection or a paper
 * deletes the memberships with it.
 */
export const collections: Migration = {
  name: '008-collections',
  async up(db, dialect) {
    const id = (c: any) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey());
    await db.schema
      .createTable('collections')
      .addColumn('id', 'integer', id)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('collections_user_slug', ['user_id', 'slug'])
      .execute();

    await db.schema
      .createTable('collection_papers')
      .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
      .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('collection_papers_pk', ['collection_id', 'paper_id'])
      .execute();
    // "Which of my collections hold this paper" and a paper's collections start from the paper.
    await db.schema.createIndex('collection_papers_paper').on('collection_papers').column('paper_id').execute();
    // A collection's page lists its papers newest-added first.
    await db.schema.createIndex('collection_papers_added').on('collection_papers').columns(['collection_id', 'added_at']).execute();
  },
};
