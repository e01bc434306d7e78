import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignRole } from '../features/accounts/create-verified-account';
import { operatorModeration } from '../storage/migrations/013-operator-moderation';
import { createAccount, getAs, postForm, type TestAccount } from '../../test/accounts';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';
import type { App } from '../app';
import type { Deps } from '../deps';
import { trendingScore } from '../domain/trending';

const paperRow = (deps: Deps, id: number) =>
  deps.db.kysely.selectFrom('papers').select(['upvotes', 'first_listed_at', 'trending_score']).where('id', '=', id).executeTakeFirstOrThrow();

describe.each(DIALECTS)('moderation pages on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let mod: TestAccount;
  let admin: TestAccount;
  let member: TestAccount;
  let paperId: number;
  beforeEach(async () => {
    ({ app, deps } = await createTestApp(dialect));
    mod = await createAccount(deps, { role: 'moderator' });
    admin = await createAccount(deps, { role: 'admin' });
    member = await createAccount(deps);
    paperId = await insertPaper(deps.db, { arxivId: '2608.00002', title: 'Listed twice', upvotes: 7 });
    await insertListing(deps.db, paperId, '2026-08-20', { submitterId: member.id, submittedAt: '2026-08-20T09:00:00.000Z' });
    await insertListing(deps.db, paperId, '2026-08-21', { submittedAt: '2026-08-21T09:00:00.000Z' });
  });
  afterEach(() => deps.db.drop());

  it('removes a listing: gone from its day page, counters and trending recomputed; the last one takes the paper out of trending', async () => {
    expect(await (await getAs(app, deps, '/papers/date/2026-08-20', null)).text()).toContain('/papers/2608.00002');
    const res = await postForm(app, deps, '/moderation/listings/remove', mod, { arxivId: '2608.00002', listedOn: '2026-08-20', reason: 'posted twice' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/papers/2608.00002');
    expect(await (await getAs(app, deps, '/papers/date/2026-08-20', null)).text()).not.toContain('/papers/2608.00002');
    expect(await (await getAs(app, deps, '/papers/date/2026-08-21', null)).text()).toContain('/papers/2608.00002');
    expect(await paperRow(deps, paperId)).toEqual({
      upvotes: 7,
      first_listed_at: '2026-08-21T09:00:00.000Z',
      trending_score: trendingScore(7, '2026-08-21T09:00:00.000Z'),
    });

    await postForm(app, deps, '/moderation/listings/remove', mod, { arxivId: '2608.00002', listedOn: '2026-08-21', reason: 'off-topic' });
    expect(await paperRow(deps, paperId)).toEqual({ upvotes: 7, first_listed_at: null, trending_score: null });
    expect(await (await getAs(app, deps, '/papers/trending', null)).text()).not.toContain('/papers/2608.00002');
    // The paper itself stays.
    expect((await getAs(app, deps, '/papers/2608.00002', null)).status).toBe(200);
    const log = await deps.db.kysely.selectFrom('moderation_log').selectAll().orderBy('id').execute();
    expect(log.map((r) => [r.action, r.target_paper_id, r.target_user_id, r.target_label])).toEqual([
      ['remove_listing', paperId, member.id, '2608.00002 from the list of 2026-08-20'],
      ['remove_listing', paperId, null, '2608.00002 from the list of 2026-08-21'],
    ]);
  });

  it('shows the log to anyone, newest first, with user-provided reasons escaped', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await postForm(app, deps, '/moderation/listings/remove', mod, { arxivId: '2608.00002', listedOn: '2026-08-20', reason: 'first' });
    await postForm(app, deps, `/moderation/users/${member.username}/ban`, admin, { reason: evil });
    const res = await getAs(app, deps, '/moderation', null);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html.indexOf('banned')).toBeLessThan(html.indexOf('removed a listing'));
    expect(html).toContain(`<a href="/users/${member.username}">${member.username}</a>`);
    expect(html).toContain('<a href="/papers/2608.00002">2608.00002 from the list of 2026-08-20</a>');
    expect(html).toContain(`<a href="/users/${mod.username}">${mod.username}</a>`);
    expect(await (await getAs(app, deps, '/', null)).text()).toContain('<a href="/moderation">Moderation log</a>');
  });

  it('shows a role given from the command line under "the operator", and keeps entries when 013 rebuilds the table', async () => {
    await postForm(app, deps, `/moderation/users/${member.username}/ban`, admin, { reason: 'spam' });
    await assignRole(deps, { username: mod.username, role: 'admin', reason: 'second admin for the holidays' });
    // 013 again over a log with entries (SQLite rebuilds the table; PostgreSQL's change is a no-op by then).
    await deps.db.kysely.transaction().execute((trx) => operatorModeration.up(trx, dialect));
    const log = await deps.db.kysely.selectFrom('moderation_log').select(['moderator_id', 'action', 'target_label']).orderBy('id').execute();
    expect(log).toEqual([
      { moderator_id: admin.id, action: 'ban_user', target_label: member.username },
      { moderator_id: null, action: 'set_role', target_label: `${mod.username}: moderator → admin` },
    ]);
    const html = await (await getAs(app, deps, '/moderation', null)).text();
    expect(html).toContain('<span title="paperboy user set-role, on the server">the operator</span>');
    expect(html).toContain('second admin for the holidays');
    expect(html).toContain(`<a href="/users/${admin.username}">${admin.username}</a>`);
  });

  it('pages the log, 50 entries a page', async () => {
    const at = deps.now().toISOString();
    await deps.db.kysely
      .insertInto('moderation_log')
      .values(Array.from({ length: 51 }, (_, i) => ({ moderator_id: mod.id, action: 'ban_user', target_user_id: null, target_paper_id: null, target_comment_id: null, target_label: `spammer${i}`, reason: `r${i}`, created_at: at })))
      .execute();
    const first = await (await getAs(app, deps, '/moderation', null)).text();
    expect(first).toContain('spammer50');
    expect(first).not.toContain('>spammer0<');
    expect(first).toContain('href="/moderation?p=2"');
    expect(await (await getAs(app, deps, '/moderation?p=2', null)).text()).toContain('spammer0');
    expect((await getAs(app, deps, '/moderation?p=abc', null)).status).toBe(400);
  });

  it('shows a public profile; the ban and role forms only to those who may use them', async () => {
    const anonymous = await (await getAs(app, deps, `/users/${member.username}`, null)).text();
    expect(anonymous).toContain('Listed twice');
    expect(anonymous).not.toContain('/ban"');
    const asMod = await (await getAs(app, deps, `/users/${member.username}`, mod)).text();
    expect(asMod).toContain(`action="/moderation/users/${member.username}/ban"`);
    expect(asMod).not.toContain('/role"');
    const asAdmin = await (await getAs(app, deps, `/users/${member.username}`, admin)).text();
    expect(asAdmin).toContain(`action="/moderation/users/${member.username}/role"`);
    expect(await (await getAs(app, deps, `/users/${admin.username}`, mod)).text()).not.toContain('/ban"');
    expect(await (await getAs(app, deps, `/users/${admin.username}`, null)).text()).toContain('<span class="tag">admin</span>');

    await postForm(app, deps, `/moderation/users/${member.username}/ban`, mod, { reason: 'spam <b>bot</b>' });
    const banned = await (await getAs(app, deps, `/users/${member.username}`, null)).text();
    expect(banned).toContain('Banned by the moderators');
    expect(banned).toContain('spam &lt;b&gt;bot&lt;/b&gt;');
    expect(await (await getAs(app, deps, `/users/${member.username}`, mod)).text()).toContain(`action="/moderation/users/${member.username}/unban"`);
    expect((await getAs(app, deps, '/users/nobody', null)).status).toBe(404);
    expect((await getAs(app, deps, '/users/%3Cscript%3E', null)).status).toBe(400);
  });

  it('shows moderators a removal form per listing on the paper page, and nobody else', async () => {
    const asMod = await (await getAs(app, deps, '/papers/2608.00002', mod)).text();
    expect(asMod).toContain('Remove from the list of 20 Aug 2026');
    expect(asMod).toContain('Remove from the list of 21 Aug 2026');
    for (const who of [null, member]) expect(await (await getAs(app, deps, '/papers/2608.00002', who)).text()).not.toContain('Remove from the list');
  });
});
