import { sql } from 'kysely';
import type { Migration } from '../migrate';

/** Papers, their categories, daily listings, users (submitters for now), votes and comments. */
export const initial: Migration = {
  name: '001-initial',
  async up(db, dialect) {
    const id = (c: any) =>
      dialect === 'postgres'
        ? c.primaryKey().generatedByDefaultAsIdentity()
        : c.primaryKey();

    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', id)
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('fullname', 'text', (c) => c.notNull())
      .addColumn('avatar_url', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('papers')
      .addColumn('id', 'integer', id)
      .addColumn('arxiv_id', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('abstract', 'text')
      .addColumn('authors', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('is_published_approx', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('categories', 'text', (c) => c.notNull())
      .addColumn('github_repo', 'text')
      .addColumn('github_stars', 'integer')
      .addColumn('project_page', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('ai_summary', 'text')
      .addColumn('ai_keywords', 'text')
      .addColumn('imported_upvotes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('imported_comments', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('num_comments', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('trending_score', 'double precision')
      .addColumn('first_listed_at', 'text')
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('papers_published_at').on('papers').columns(['published_at', 'id']).execute();
    await db.schema.createIndex('papers_trending').on('papers').column('trending_score').execute();
    await db.schema.createIndex('papers_upvotes').on('papers').column('upvotes').execute();

    await db.schema
      .createTable('paper_categories')
      .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('paper_categories_pk', ['paper_id', 'category'])
      .execute();
    await db.schema.createIndex('paper_categories_category').on('paper_categories').columns(['category', 'paper_id']).execute();

    await db.schema
      .createTable('listings')
      .addColumn('id', 'integer', id)
      .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
      .addColumn('listed_on', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('submitter_id', 'integer', (c) => c.references('users.id'))
      .addColumn('imported_upvotes', 'integer')
      .addColumn('imported_comments', 'integer')
      .addUniqueConstraint('listings_paper_day', ['paper_id', 'listed_on'])
      .execute();
    await db.schema.createIndex('listings_listed_on').on('listings').columns(['listed_on', 'paper_id']).execute();
    await db.schema.createIndex('listings_submitter').on('listings').columns(['submitter_id', 'listed_on']).execute();

    await db.schema
      .createTable('votes')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('votes_pk', ['user_id', 'paper_id'])
      .execute();
    await db.schema.createIndex('votes_paper').on('votes').column('paper_id').execute();

    await db.schema
      .createTable('comments')
      .addColumn('id', 'integer', id)
      .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('parent_id', 'integer', (c) => c.references('comments.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('hidden_at', 'text')
      .addColumn('hidden_reason', 'text')
      .execute();
    await db.schema.createIndex('comments_paper').on('comments').columns(['paper_id', 'created_at']).execute();
    void sql;
  },
};
