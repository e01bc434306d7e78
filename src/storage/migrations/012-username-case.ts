import { sql } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Account names are unique without regard to case in the database itself: sign-up checked
 * `lower(username)` before inserting, but two simultaneous sign-ups as "Ada" and "ada" both passed
 * the check and the case-sensitive unique index let both in. Accounts only (rows with an email):
 * imported submitters keep Hugging Face's names as they come. A database that already holds two
 * accounts differing only in case stops here with their names, for the operator to rename one.
 */
export const usernameCase: Migration = {
  name: '012-username-case',
  async up(db) {
    const clashes = await sql<{ name: string }>`
      select lower(username) as name from users where email is not null
      group by lower(username) having count(*) > 1 order by 1`.execute(db);
    if (clashes.rows.length > 0) {
      const names = clashes.rows.map((r) => r.name).join(', ');
      throw new Error(`accounts whose user names differ only in case: ${names}; rename all but one of each (users.username) and start again`);
    }
    await sql`create unique index users_username_lower on users (lower(username)) where email is not null`.execute(db);
  },
};
