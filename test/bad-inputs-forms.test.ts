import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { createApp } from '../src/app';
import type { Deps } from '../src/deps';
import { toViewer } from '../src/domain/account';
import { createApiToken } from '../src/features/accounts/api-tokens';
import { findAccountById } from '../src/storage/repos/accounts-repo';
import { createAccount, type TestAccount } from './accounts';
import { DIALECTS, type TestDb } from './databases';
import { createTestDeps } from './deps';
import { insertListing, insertPaper } from './factories';
import { newToken } from '../src/features/accounts/secret-token';
import { insertOutboxRow, insertSubscription } from './subscriptions';

/**
 * Hostile input to every state-changing route, sent as a verified member (and as a moderator for
 * the moderation routes) who passes CSRF, so the input reaches the handler: every answer is a
 * 2xx/3xx or a 4xx with a message, never a 5xx, and nothing stored before is changed or lost.
 */
const NOW = new Date('2026-08-22T12:00:00Z');
const WEBHOOK_SECRET = 'the-mail-webhook-secret-for-bad-inputs';
/** The link token of a stored subscription's digest: hostile preferences must leave it as it is. */
const LINK_TOKEN = newToken();
const HUGE = 'x'.repeat(200_000);
const FORM_VALUES: Array<[string, string]> = [
  ['empty', ''],
  ['spaces', '   '],
  ['NUL', 'a\u0000b'],
  ['control characters', '\u0001\u0007\u001b[31m'],
  ['script', '<script>alert(1)</script>'],
  ['200 kB', HUGE],
  ['lone surrogate', '\uD800'],
  ['right-to-left override', '\u202Egnp.exe'],
  ['SQL', "'; drop table papers; --"],
  ['number-like', '1e309'],
  ['negative', '-1'],
  ['emoji', '🦄'.repeat(300)],
];
const PATH_IDS: Array<[string, string]> = [
  ['huge number', '99999999999999999999999'],
  ['negative', '-5'],
  ['not a number', 'abc'],
  ['float', '1.5'],
  ['encoded traversal', '..%2F..%2Fetc'],
  ['NUL', '%00'],
  ['lone surrogate', '%ED%A0%80'],
];
const JSON_BODIES: Array<[string, string]> = [
  ['not JSON', 'this is not json'],
  ['truncated JSON', '{"comment": "x'],
  ['array', '[1,2,3]'],
  ['null', 'null'],
  ['string', '"2401.01234"'],
  ['wrong type', '{"comment": 123, "arxivId": 456}'],
  ['nested', '{"comment": {"a": 1}, "arxivId": ["2401.01234"]}'],
  ['prototype pollution', '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'],
  ['200 kB string', JSON.stringify({ comment: HUGE, arxivId: HUGE })],
  ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['empty', ''],
];

describe.each(DIALECTS)('hostile input to state-changing routes on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let member: TestAccount;
  let moderator: TestAccount;
  let bearer: string;
  let before: unknown;
  let commentId: number;
  let subscriptionId: number;

  const snapshot = async () => ({
    papers: await deps.db.kysely.selectFrom('papers').select(['arxiv_id', 'title', 'abstract', 'authors']).orderBy('id').execute(),
    listings: await deps.db.kysely.selectFrom('listings').select(['paper_id', 'listed_on']).orderBy('id').execute(),
    comment: await deps.db.kysely.selectFrom('comments').select(['body', 'hidden_at', 'deleted_at']).where('id', '=', commentId).executeTakeFirst(),
    subscription: await deps.db.kysely.selectFrom('subscriptions').select(['email', 'status', 'cadence', 'time_zone', 'user_id']).where('id', '=', subscriptionId).executeTakeFirst(),
    users: await deps.db.kysely.selectFrom('users').select(['username', 'email', 'password_hash', 'role', 'banned_at']).where('id', 'in', [member.id, moderator.id]).orderBy('id').execute(),
    collection: await deps.db.kysely.selectFrom('collections').select(['name', 'description', 'is_public']).where('user_id', '=', member.id).where('slug', '=', 'hostile').executeTakeFirst(),
    savedSearches: await deps.db.kysely.selectFrom('saved_searches').select(['id', 'name', 'query', 'alerted_through_id']).where('user_id', '=', member.id).orderBy('id').execute(),
  });

  beforeAll(async () => {
    deps = await createTestDeps(dialect, NOW, { MAIL_WEBHOOK_SECRET: WEBHOOK_SECRET });
    app = createApp(deps);
    member = await createAccount(deps);
    moderator = await createAccount(deps, { role: 'moderator' });
    bearer = (await createApiToken(deps, toViewer((await findAccountById(deps.db, member.id))!), 'bad inputs')).token;
    const paperId = await insertPaper(deps.db, { arxivId: '2401.01234', title: 'Attention model study' });
    await insertListing(deps.db, paperId, '2026-08-21');
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', title: 'Strings', abstract: null });
    commentId = (
      await deps.db.kysely
        .insertInto('comments')
        .values({ paper_id: paperId, user_id: moderator.id, parent_id: null, body: 'A stored comment', created_at: NOW.toISOString(), updated_at: NOW.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const subscription = await insertSubscription(deps.db, { email: member.email, userId: member.id });
    subscriptionId = subscription.id;
    await insertOutboxRow(deps.db, subscription, { token: LINK_TOKEN });
    // The member's collections: `hostile` must stay as it is (papers may be added), `hostile-edit` takes the edit form.
    for (const slug of ['hostile', 'hostile-edit']) {
      await deps.db.kysely.insertInto('collections').values({ user_id: member.id, slug, name: slug, created_at: NOW.toISOString(), updated_at: NOW.toISOString() }).execute();
    }
    // The member's saved search: hostile deletes by malformed ids must leave it.
    await deps.db.kysely.insertInto('saved_searches').values({ user_id: member.id, name: 'Kept', query: 'attention', search_key: 'kept', created_at: NOW.toISOString() }).execute();
    before = await snapshot();
  });
  afterAll(async () => {
    // Nothing stored before the hostile requests changed (member-owned rows may be added, never altered).
    expect(await snapshot()).toEqual(before);
    await deps.db.drop();
  });

  const post = (path: string, who: TestAccount, fields: Record<string, string>) =>
    app.request(`${deps.config.siteUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: deps.config.siteUrl, 'sec-fetch-site': 'same-origin', cookie: who.cookie },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
    });

  function expectHandled(res: Response, what: string) {
    expect(res.status < 500, `${res.status} for ${what}`).toBe(true);
  }

  // Routes that would change the member's own account are sent by a throw-away account instead.
  const FORM_ROUTES: Array<[string, (v: string) => Record<string, string>, 'member' | 'moderator' | 'throwaway']> = [
    ['/login', (v) => ({ login: v, password: v, next: v }), 'member'],
    ['/signup', (v) => ({ username: v, email: v, password: v }), 'member'],
    ['/reset-password', (v) => ({ email: v }), 'member'],
    ['/settings/password', (v) => ({ current: v, password: v, logOutEverywhere: v }), 'member'],
    ['/settings/sessions/revoke', (v) => ({ session: v }), 'member'],
    ['/settings/api-tokens', (v) => ({ name: v }), 'throwaway'],
    ['/submit', (v) => ({ arxivId: v }), 'member'],
    ['/papers/2401.01234/vote', (v) => ({ direction: v, next: v }), 'member'],
    ['/papers/2401.01234/comments', (v) => ({ body: v, parentId: v }), 'throwaway'],
    ['/papers/hep-th/9901001/comments', (v) => ({ body: v, parentId: v }), 'throwaway'],
    ['/moderation/listings/remove', (v) => ({ arxivId: v, listedOn: v, reason: v }), 'moderator'],
    ['/moderation/users/nobody/ban', (v) => ({ reason: v }), 'moderator'],
    ['/subscribe', (v) => ({ email: v, cadence: v, timeZone: v, timeZoneOther: v }), 'member'],
    ['/settings/subscription', (v) => ({ cadence: v, timeZone: v, timeZoneOther: v }), 'member'],
    [`/subscriptions/manage/${LINK_TOKEN}`, (v) => ({ cadence: v, timeZone: v, timeZoneOther: v }), 'member'],
    ['/collections', (v) => ({ name: v, description: v, isPublic: v }), 'throwaway'],
    ['/collections/hostile-edit/edit', (v) => ({ name: v, description: v, isPublic: v }), 'member'],
    ['/papers/2401.01234/collect', (v) => ({ collection: v, newName: '', action: v, note: v, next: v }), 'member'],
    ['/papers/2401.01234/collect', (v) => ({ collection: 'hostile', note: v, next: v }), 'member'],
    ['/papers/hep-th/9901001/collect', (v) => ({ newName: v, note: v }), 'throwaway'],
    ['/saved-searches', (v) => ({ q: v, from: v, to: v, category: v, code: v, sort: v, name: v }), 'throwaway'],
    ['/saved-searches', (v) => ({ q: 'attention', name: v }), 'throwaway'],
    ['/saved-searches', (v) => ({ q: v, category: 'cs.CL', sort: 'newest' }), 'throwaway'],
  ];
  const cells = FORM_ROUTES.flatMap(([path, fields, who]) => FORM_VALUES.map(([name, value]) => [path, name, value, fields, who] as const));
  it.each(cells)('form %s with %s: never 5xx', async (path, name, value, fields, who) => {
    const actor = who === 'moderator' ? moderator : who === 'member' ? member : await createAccount(deps);
    const res = await post(path, actor, fields(value));
    expectHandled(res, `${path} ${name}`);
  });

  const ID_ROUTES = [
    (id: string) => `/papers/2401.01234/comments/${id}/edit`,
    (id: string) => `/papers/2401.01234/comments/${id}/delete`,
    (id: string) => `/moderation/comments/${id}/hide`,
    (id: string) => `/moderation/comments/${id}/unhide`,
    (id: string) => `/settings/api-tokens/${id}/revoke`,
    (id: string) => `/verify-email/${id}`,
    (id: string) => `/reset-password/${id}`,
    (id: string) => `/papers/${id}/vote`,
    (id: string) => `/moderation/users/${id}/role`,
    (id: string) => `/subscriptions/confirm/${id}`,
    (id: string) => `/subscriptions/manage/${id}`,
    (id: string) => `/unsubscribe/${id}`,
    (id: string) => `/unsubscribe/one-click/${id}`,
    (id: string) => `/collections/${id}/edit`,
    (id: string) => `/collections/${id}/delete`,
    (id: string) => `/papers/${id}/collect`,
    (id: string) => `/saved-searches/${id}/delete`,
  ];
  it.each(ID_ROUTES.flatMap((route) => PATH_IDS.map(([name, id]) => [route(id), name] as const)))('path %s (%s): never 5xx', async (path) => {
    const res = await post(path, path.startsWith('/moderation') ? moderator : member, { body: 'x', reason: 'x', role: 'admin', password: 'a fine new passphrase' });
    expectHandled(res, path);
  });

  const API_ROUTES: Array<[string, string]> = [
    ['POST', '/api/papers/index'],
    ['POST', '/api/papers/2401.01234/comment'],
    ['POST', `/api/papers/2401.01234/comment/${'a'.repeat(24)}/reply`],
    ['POST', '/api/papers/2401.01234/comment/not-an-id/reply'],
    ['POST', '/api/papers/2401.01234/upvote'],
    ['DELETE', '/api/papers/2401.01234/upvote'],
    ['POST', '/api/papers/%00/upvote'],
    ['POST', '/api/collections'],
    ['POST', '/api/collections/MEMBER/hostile/papers'],
    ['POST', '/api/collections/MEMBER/%00/papers'],
    ['POST', '/api/collections/%ED%A0%80/hostile/papers'],
    ['DELETE', '/api/collections/MEMBER/hostile/papers/2401.01234'],
    ['DELETE', '/api/collections/MEMBER/hostile/papers/..%2F..%2Fetc'],
    ['POST', '/api/saved-searches'],
    ['DELETE', '/api/saved-searches/999999'],
    ['DELETE', '/api/saved-searches/%00'],
    ['DELETE', '/api/saved-searches/99999999999999999999999'],
  ];
  it.each(API_ROUTES.flatMap(([method, path]) => JSON_BODIES.map(([name, body]) => [method, path, name, body] as const)))('API %s %s with %s: 4xx JSON or 2xx, never 5xx', async (method, path, _name, body) => {
    const res = await app.request(path.replace('MEMBER', member.username), { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body });
    expectHandled(res, `${method} ${path}`);
    if (res.status >= 400) {
      const json = (await res.json()) as { error?: unknown };
      expect(typeof json.error).toBe('string');
    }
  });

  it.each(JSON_BODIES)('mail webhook with %s (right secret): 4xx JSON or 2xx, never 5xx', async (_name, body) => {
    const res = await app.request('/api/webhooks/mail', { method: 'POST', headers: { authorization: `Bearer ${WEBHOOK_SECRET}`, 'content-type': 'application/json' }, body });
    expectHandled(res, 'POST /api/webhooks/mail');
    if (res.status >= 400) expect(typeof ((await res.json()) as { error?: unknown }).error).toBe('string');
  });

  it('refuses a body over 1 MiB with 413 and stores nothing', async () => {
    const res = await post('/papers/2401.01234/comments', member, { body: 'y'.repeat(1_100_000) });
    expect(res.status).toBe(413);
  });
});
