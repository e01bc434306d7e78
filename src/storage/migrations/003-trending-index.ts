import type { Migration } from '../migrate';

/**
 * The trending page reads papers in (trending_score desc, id desc) order; an index in exactly
 * that order lets both engines stop after one page instead of sorting every listed paper.
 */
export const trendingIndex: Migration = {
  name: '003-trending-index',
  async up(db) {
    await db.schema.dropIndex('papers_trending').execute();
    await db.schema.createIndex('papers_trending').on('papers').columns(['trending_score desc', 'id desc']).execute();
  },
};
