import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, getAs, postForm, type TestAccount } from '../../test/accounts';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';
import type { App } from '../app';
import type { Deps } from '../deps';
import { toViewer } from '../domain/account';
import { createApiToken } from '../features/accounts/api-tokens';
import { findAccountById } from '../storage/repos/accounts-repo';

type Setup = { app: App; deps: Deps & { db: TestDb } };

async function insertComment(deps: Deps, paperId: number, userId: number): Promise<number> {
  const at = deps.now().toISOString();
  const row = await deps.db.kysely
    .insertInto('comments')
    .values({ paper_id: paperId, user_id: userId, parent_id: null, body: 'a comment', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const logRows = (deps: Deps) => deps.db.kysely.selectFrom('moderation_log').selectAll().orderBy('id').execute();
const userRow = (deps: Deps, id: number) => deps.db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe.each(DIALECTS)('moderation actions on %s', (dialect) => {
  let app: Setup['app'];
  let deps: Setup['deps'];
  let admin: TestAccount;
  let mod: TestAccount;
  let member: TestAccount;
  let paperId: number;
  let commentId: number;
  beforeEach(async () => {
    ({ app, deps } = await createTestApp(dialect));
    admin = await createAccount(deps, { role: 'admin' });
    mod = await createAccount(deps, { role: 'moderator' });
    member = await createAccount(deps);
    paperId = await insertPaper(deps.db, { arxivId: '2608.00001', upvotes: 5 });
    await insertListing(deps.db, paperId, '2026-08-20', { submitterId: member.id });
    await insertListing(deps.db, paperId, '2026-08-21');
    commentId = await insertComment(deps, paperId, member.id);
  });
  afterEach(() => deps.db.drop());

  /** Every state-changing moderation route with valid input, and who may use it. */
  const routes = (): Array<{ path: string; fields: Record<string, string>; admins: boolean }> => [
    { path: `/moderation/comments/${commentId}/hide`, fields: { reason: 'spam' }, admins: false },
    { path: `/moderation/comments/${commentId}/unhide`, fields: { reason: 'fine after all' }, admins: false },
    { path: '/moderation/listings/remove', fields: { arxivId: '2608.00001', listedOn: '2026-08-21', reason: 'duplicate' }, admins: false },
    { path: `/moderation/users/${member.username}/ban`, fields: { reason: 'abuse' }, admins: false },
    { path: `/moderation/users/${member.username}/unban`, fields: { reason: 'appeal' }, admins: false },
    { path: `/moderation/users/${member.username}/role`, fields: { role: 'moderator', reason: 'trusted' }, admins: true },
  ];

  it('moderators hide and unhide comments, with the reason stored and logged', async () => {
    const hide = await postForm(app, deps, `/moderation/comments/${commentId}/hide`, mod, { reason: 'off-topic rant' });
    expect(hide.status).toBe(303);
    expect(hide.headers.get('location')).toBe(`/papers/2608.00001#comment-${commentId}`);
    const hidden = await deps.db.kysely.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirstOrThrow();
    expect(hidden).toMatchObject({ hidden_at: deps.now().toISOString(), hidden_reason: 'off-topic rant', body: 'a comment' });
    expect((await postForm(app, deps, `/moderation/comments/${commentId}/hide`, mod, { reason: 'again' })).status).toBe(400);
    const unhide = await postForm(app, deps, `/moderation/comments/${commentId}/unhide`, admin, { reason: 'on reflection, fine', next: '/moderation' });
    expect(unhide.headers.get('location')).toBe('/moderation');
    const shown = await deps.db.kysely.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirstOrThrow();
    expect(shown).toMatchObject({ hidden_at: null, hidden_reason: null });
    expect((await logRows(deps)).map((r) => [r.action, r.moderator_id, r.target_comment_id, r.target_user_id, r.target_paper_id, r.reason, r.target_label])).toEqual([
      ['hide_comment', mod.id, commentId, member.id, paperId, 'off-topic rant', `comment #${commentId} by ${member.username} on 2608.00001`],
      ['unhide_comment', admin.id, commentId, member.id, paperId, 'on reflection, fine', `comment #${commentId} by ${member.username} on 2608.00001`],
    ]);
  });

  it('refuses every moderation route to anonymous, unverified, plain, banned and (for roles) moderator accounts: 403, no change, no log', async () => {
    const before = { users: await deps.db.kysely.selectFrom('users').selectAll().orderBy('id').execute(), listings: await deps.db.kysely.selectFrom('listings').selectAll().execute() };
    const banned = await createAccount(deps, { role: 'moderator', banned: true });
    const bannedAdmin = await createAccount(deps, { role: 'admin', banned: true });
    const cells: string[] = [];
    for (const route of routes()) {
      const refused: Array<[string, TestAccount | null]> = [
        ['anonymous', null],
        ['user', member],
        ['unverified user', await createAccount(deps, { verified: false })],
        ['banned moderator', banned],
        ['banned admin', bannedAdmin],
        ...(route.admins ? ([['moderator', mod]] as Array<[string, TestAccount]>) : []),
      ];
      for (const [who, account] of refused) {
        const res = await postForm(app, deps, route.path, account, route.fields);
        cells.push(`${who} ${route.path} ${res.status}`);
        expect(res.status, `${who} → ${route.path}`).toBe(403);
      }
    }
    expect(cells.length).toBe(31);
    expect(await logRows(deps)).toEqual([]);
    expect(await deps.db.kysely.selectFrom('listings').selectAll().execute()).toEqual(before.listings);
    const after = await deps.db.kysely.selectFrom('users').selectAll().where('id', '<=', member.id).orderBy('id').execute();
    expect(after).toEqual(before.users);
    expect((await deps.db.kysely.selectFrom('comments').select('hidden_at').executeTakeFirstOrThrow()).hidden_at).toBeNull();
  });

  it('refuses a POST without the form token even from a moderator', async () => {
    const res = await postForm(app, deps, `/moderation/comments/${commentId}/hide`, mod, { reason: 'spam', _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(await logRows(deps)).toEqual([]);
  });

  it('requires a reason of 1–500 characters', async () => {
    for (const reason of ['', '   ', 'x'.repeat(501)]) {
      const res = await postForm(app, deps, `/moderation/users/${member.username}/ban`, mod, { reason });
      expect(res.status).toBe(400);
    }
    expect((await postForm(app, deps, `/moderation/users/${member.username}/ban`, mod, { reason: 'x'.repeat(500) })).status).toBe(303);
    expect((await logRows(deps)).length).toBe(1);
  });

  it('lets moderators ban users but not moderators, admins or themselves; admins ban moderators', async () => {
    const otherMod = await createAccount(deps, { role: 'moderator' });
    for (const target of [admin, otherMod, mod]) {
      const res = await postForm(app, deps, `/moderation/users/${target.username}/ban`, mod, { reason: 'power grab' });
      expect(res.status, target.username).toBe(403);
      expect((await userRow(deps, target.id)).banned_at).toBeNull();
    }
    expect((await postForm(app, deps, `/moderation/users/${admin.username}/ban`, admin, { reason: 'myself' })).status).toBe(403);
    expect(await logRows(deps)).toEqual([]);
    const res = await postForm(app, deps, `/moderation/users/${otherMod.username}/ban`, admin, { reason: 'abused the tools' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/users/${otherMod.username}`);
    expect(await userRow(deps, otherMod.id)).toMatchObject({ banned_at: deps.now().toISOString(), ban_reason: 'abused the tools' });
    expect((await postForm(app, deps, `/moderation/users/${otherMod.username}/unban`, mod, { reason: 'appeal' })).status).toBe(403);
    expect((await postForm(app, deps, `/moderation/users/${otherMod.username}/unban`, admin, { reason: 'appeal' })).status).toBe(303);
    expect((await userRow(deps, otherMod.id)).banned_at).toBeNull();
    expect((await logRows(deps)).map((r) => [r.action, r.target_user_id])).toEqual([
      ['ban_user', otherMod.id],
      ['unban_user', otherMod.id],
    ]);
  });

  it('a ban ends the user’s sessions and API tokens at once', async () => {
    const viewer = toViewer((await findAccountById(deps.db, member.id))!);
    const { token } = await createApiToken(deps, viewer, 'script');
    const api = (t: string) => app.request(`${deps.config.siteUrl}/api/daily_papers`, { headers: { authorization: `Bearer ${t}` } });
    expect((await api(token)).status).toBe(200);
    expect(await (await getAs(app, deps, '/', member)).text()).toContain(`>${member.username}</a>`);

    expect((await postForm(app, deps, `/moderation/users/${member.username}/ban`, mod, { reason: 'spam bot' })).status).toBe(303);
    expect(await deps.db.kysely.selectFrom('sessions').selectAll().where('user_id', '=', member.id).execute()).toEqual([]);
    expect(await deps.db.kysely.selectFrom('api_tokens').selectAll().where('user_id', '=', member.id).execute()).toEqual([]);
    expect((await api(token)).status).toBe(401);
    const settings = await getAs(app, deps, '/settings', member);
    expect(settings.status).toBe(303);
    expect(settings.headers.get('location')).toMatch(/^\/login/);
    const home = await (await getAs(app, deps, '/', member)).text();
    expect(home).not.toContain(`>${member.username}</a>`);
    expect(home).toContain('Log in');
    // Unbanning does not bring the old session back.
    await postForm(app, deps, `/moderation/users/${member.username}/unban`, mod, { reason: 'appeal accepted' });
    expect((await getAs(app, deps, '/settings', member)).status).toBe(303);
  });

  it('only admins set roles, never their own; the new role takes effect at once', async () => {
    expect((await postForm(app, deps, `/moderation/users/${member.username}/role`, mod, { role: 'admin', reason: 'please' })).status).toBe(403);
    expect((await postForm(app, deps, `/moderation/users/${admin.username}/role`, admin, { role: 'user', reason: 'retiring' })).status).toBe(403);
    expect((await postForm(app, deps, `/moderation/users/${member.username}/role`, admin, { role: 'boss', reason: 'x' })).status).toBe(400);
    expect((await postForm(app, deps, `/moderation/users/${member.username}/role`, admin, { role: 'moderator', reason: 'long-time member' })).status).toBe(303);
    expect((await userRow(deps, member.id)).role).toBe('moderator');
    // The promoted member can moderate with the session they already had.
    expect((await postForm(app, deps, `/moderation/comments/${commentId}/hide`, member, { reason: 'own test' })).status).toBe(303);
    expect((await logRows(deps)).map((r) => [r.action, r.target_label])).toEqual([
      ['set_role', `${member.username}: user → moderator`],
      ['hide_comment', `comment #${commentId} by ${member.username} on 2608.00001`],
    ]);
  });

  it('answers 404 for targets that do not exist, logging nothing', async () => {
    expect((await postForm(app, deps, '/moderation/comments/999999/hide', mod, { reason: 'r' })).status).toBe(404);
    expect((await postForm(app, deps, '/moderation/users/nobody/ban', mod, { reason: 'r' })).status).toBe(404);
    expect((await postForm(app, deps, '/moderation/listings/remove', mod, { arxivId: '2608.00001', listedOn: '2026-08-19', reason: 'r' })).status).toBe(404);
    expect((await postForm(app, deps, '/moderation/listings/remove', mod, { arxivId: 'nonsense', listedOn: '2026-08-19', reason: 'r' })).status).toBe(400);
    expect((await postForm(app, deps, '/moderation/comments/abc/hide', mod, { reason: 'r' })).status).toBe(400);
    expect(await logRows(deps)).toEqual([]);
  });
});
