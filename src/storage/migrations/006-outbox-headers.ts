import type { Migration } from '../migrate';

/**
 * The extra headers of each composed digest (JSON object: List-Unsubscribe, List-Unsubscribe-Post,
 * List-Id). The unsubscribe token appears only in the message, and the outbox keeps only its hash,
 * so the sender could not rebuild List-Unsubscribe; the composer writes the headers beside the
 * bodies instead (they carry the same token the bodies already hold, nothing more secret).
 */
export const outboxHeaders: Migration = {
  name: '006-outbox-headers',
  async up(db) {
    await db.schema.alterTable('digest_outbox').addColumn('headers', 'text').execute();
  },
};
