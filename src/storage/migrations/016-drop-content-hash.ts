import type { Migration } from '../migrate';

/**
 * `papers.content_hash` (a SHA-1 of the imported fields) goes: an import now compares the merged
 * fields with the stored ones directly (merge-paper.ts `samePaperInput`), which is exact and, on a
 * first import of the 158k corpus, saves the ~1.4 s of CPU the hashes cost (decision 0006). SQLite
 * rewrites the table to drop a column: a few seconds, once, on a large database.
 */
export const dropContentHash: Migration = {
  name: '016-drop-content-hash',
  async up(db) {
    await db.schema.alterTable('papers').dropColumn('content_hash').execute();
  },
};
