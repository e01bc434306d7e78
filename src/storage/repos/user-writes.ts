import type { Db } from '../database';
import { chunkRows } from './chunk-rows';

/** A user known by name from imported data, with the profile the source gives, if any. */
export type SubmitterWrite = { username: string; fullname: string | null; avatarUrl: string | null };

/**
 * Ensures a `users` row per user name and returns their ids. A new user without a full name gets
 * the user name; an existing user's placeholder name and missing avatar are filled in, but a
 * known profile is never overwritten, so two sources that disagree cannot flip it back and forth.
 */
export async function upsertSubmitters(db: Db, submitters: SubmitterWrite[], now: string): Promise<Map<string, number>> {
  const wanted = new Map<string, SubmitterWrite>();
  for (const s of submitters) {
    const seen = wanted.get(s.username);
    wanted.set(s.username, {
      username: s.username,
      fullname: seen?.fullname ?? s.fullname,
      avatarUrl: seen?.avatarUrl ?? s.avatarUrl,
    });
  }
  const ids = new Map<string, number>();
  const existing = new Map<string, { id: number; fullname: string; avatar_url: string | null }>();
  for (const names of chunkRows([...wanted.keys()], 1)) {
    const rows = await db.kysely.selectFrom('users').select(['id', 'username', 'fullname', 'avatar_url']).where('username', 'in', names).execute();
    for (const r of rows) existing.set(r.username, r);
  }
  const missing: SubmitterWrite[] = [];
  for (const s of wanted.values()) {
    const row = existing.get(s.username);
    if (!row) {
      missing.push(s);
      continue;
    }
    ids.set(s.username, row.id);
    const fullname = row.fullname === s.username && s.fullname ? s.fullname : row.fullname;
    const avatarUrl = row.avatar_url ?? s.avatarUrl;
    if (fullname !== row.fullname || avatarUrl !== row.avatar_url) {
      await db.kysely.updateTable('users').set({ fullname, avatar_url: avatarUrl }).where('id', '=', row.id).execute();
    }
  }
  const rows = missing.map((s) => ({ username: s.username, fullname: s.fullname ?? s.username, avatar_url: s.avatarUrl, created_at: now }));
  for (const chunk of chunkRows(rows, 4)) {
    const inserted = await db.kysely.insertInto('users').values(chunk).returning(['id', 'username']).execute();
    for (const r of inserted) ids.set(r.username, r.id);
  }
  return ids;
}
