import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { createApp } from '../src/app';
import type { Deps } from '../src/deps';
import { issueAccountToken } from '../src/features/accounts/account-mail';
import { createApiToken } from '../src/features/accounts/api-tokens';
import { toViewer } from '../src/domain/account';
import { findAccountById } from '../src/storage/repos/accounts-repo';
import { createAccount, type TestAccount } from './accounts';
import { DIALECTS, type TestDb } from './databases';
import { createTestDeps } from './deps';
import { insertListing, insertPaper } from './factories';
import { insertOutboxRow, insertPendingSubscription, insertSubscription } from './subscriptions';

/**
 * Every state-changing route × every kind of visitor, each cell asserted. The list of routes is
 * read from the app itself: a POST/PUT/PATCH/DELETE route added without its row here fails the
 * "covers every route" test.
 *
 * Visitors: anonymous (a browser that loaded the form: it has the logged-out CSRF pair),
 * unverified, user, banned (a browser whose session died with the ban, holding the logged-out
 * CSRF pair, as after a reload), moderator and admin. Each cell acts on fresh targets, so cells
 * do not depend on each other.
 */
type Role = 'anonymous' | 'unverified' | 'user' | 'banned' | 'moderator' | 'admin';
const ROLES: Role[] = ['anonymous', 'unverified', 'user', 'banned', 'moderator', 'admin'];

/** allowed: 2xx or a 303 elsewhere than log-in; login: 401 or a 303 to /login; forbidden: 403. */
type Outcome = 'allowed' | 'login' | 'forbidden';

const NOW = new Date('2026-08-22T12:00:00Z');
const TODAY = '2026-08-22';

type Visitor = { role: Role; account: TestAccount | null; cookie: string; csrf: string; bearer: string | null };
type Ctx = { app: App; deps: Deps & { db: TestDb }; visitor: Visitor; fresh: Fresh };
type Fresh = {
  paper(): Promise<string>;
  listedPaper(): Promise<string>;
  comment(arxivId: string, hidden?: boolean): Promise<number>;
  plainUser(): Promise<TestAccount>;
  token(purpose: 'verify_email' | 'reset_password'): Promise<string>;
};

function form(ctx: Ctx, path: string, fields: Record<string, string> = {}): Promise<Response> {
  const { app, deps, visitor } = ctx;
  return Promise.resolve(
    app.request(`${deps.config.siteUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: deps.config.siteUrl, 'sec-fetch-site': 'same-origin', cookie: visitor.cookie },
      body: new URLSearchParams({ _csrf: visitor.csrf, ...fields }),
    }),
  );
}

function api(ctx: Ctx, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (ctx.visitor.bearer) headers.authorization = `Bearer ${ctx.visitor.bearer}`;
  return Promise.resolve(ctx.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

let collectionSerial = 0;

/** A new private collection of the visitor (anonymous: a name and slug that exist nowhere). */
async function ownCollection(ctx: Ctx): Promise<{ username: string; slug: string }> {
  collectionSerial += 1;
  const slug = `matrix-${collectionSerial}`;
  const account = ctx.visitor.account;
  if (!account) return { username: 'nobody', slug };
  const at = NOW.toISOString();
  await ctx.deps.db.kysely.insertInto('collections').values({ user_id: account.id, slug, name: slug, created_at: at, updated_at: at }).execute();
  return { username: account.username, slug };
}

/** A new saved search of the visitor (anonymous: an id that exists nowhere). */
async function ownSavedSearch(ctx: Ctx): Promise<number> {
  collectionSerial += 1;
  const account = ctx.visitor.account;
  if (!account) return 999_999;
  const row = await ctx.deps.db.kysely
    .insertInto('saved_searches')
    .values({ user_id: account.id, query: `matrix ${collectionSerial}`, search_key: `matrix-${collectionSerial}`, created_at: NOW.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const ALL_ALLOWED: Record<Role, Outcome> = { anonymous: 'allowed', unverified: 'allowed', user: 'allowed', banned: 'allowed', moderator: 'allowed', admin: 'allowed' };
const MEMBERS: Record<Role, Outcome> = { anonymous: 'login', unverified: 'allowed', user: 'allowed', banned: 'login', moderator: 'allowed', admin: 'allowed' };
const VERIFIED: Record<Role, Outcome> = { anonymous: 'login', unverified: 'forbidden', user: 'allowed', banned: 'login', moderator: 'allowed', admin: 'allowed' };
const MODERATORS: Record<Role, Outcome> = { anonymous: 'forbidden', unverified: 'forbidden', user: 'forbidden', banned: 'forbidden', moderator: 'allowed', admin: 'allowed' };
const ADMINS: Record<Role, Outcome> = { ...MODERATORS, moderator: 'forbidden' };
const NOBODY_ELSES: Record<Role, Outcome> = { anonymous: 'login', unverified: 'forbidden', user: 'forbidden', banned: 'login', moderator: 'forbidden', admin: 'forbidden' };

type Row = { expect: Record<Role, Outcome>; run(ctx: Ctx): Promise<Response> };

const MATRIX: Record<string, Row> = {
  'POST /login': {
    // Logging in with one's own credentials; a banned account is refused with 403.
    expect: { ...ALL_ALLOWED, banned: 'forbidden' },
    run: async (ctx) => {
      const who = ctx.visitor.account ?? (await ctx.fresh.plainUser());
      return form(ctx, '/login', { login: who.username, password: who.password });
    },
  },
  'POST /logout': { expect: ALL_ALLOWED, run: (ctx) => form(ctx, '/logout') },
  'POST /signup': {
    expect: ALL_ALLOWED,
    run: (ctx) => {
      const name = `signup-${ctx.visitor.role}-${Math.random().toString(36).slice(2, 8)}`;
      return form(ctx, '/signup', { username: name, email: `${name}@example.org`, password: 'a reasonable passphrase' });
    },
  },
  'POST /verify-email/:token': { expect: ALL_ALLOWED, run: async (ctx) => form(ctx, `/verify-email/${await ctx.fresh.token('verify_email')}`) },
  'POST /reset-password': { expect: ALL_ALLOWED, run: (ctx) => form(ctx, '/reset-password', { email: 'someone@example.org' }) },
  'POST /reset-password/:token': {
    expect: ALL_ALLOWED,
    run: async (ctx) => form(ctx, `/reset-password/${await ctx.fresh.token('reset_password')}`, { password: 'another fine passphrase' }),
  },
  'POST /settings/verify-email': { expect: MEMBERS, run: (ctx) => form(ctx, '/settings/verify-email') },
  'POST /settings/password': {
    expect: MEMBERS,
    run: (ctx) => form(ctx, '/settings/password', { current: ctx.visitor.account?.password ?? 'x', password: 'the new passphrase here' }),
  },
  'POST /settings/sessions/revoke': {
    // Revoking someone else's session is not possible: 404 for members, which counts as refused.
    expect: MEMBERS,
    run: async (ctx) => {
      const res = await form(ctx, '/settings/sessions/revoke', { session: '0'.repeat(64) });
      return res.status === 404 ? new Response(null, { status: 200 }) : res;
    },
  },
  'POST /settings/sessions/revoke-others': { expect: MEMBERS, run: (ctx) => form(ctx, '/settings/sessions/revoke-others') },
  'POST /settings/api-tokens': { expect: MEMBERS, run: (ctx) => form(ctx, '/settings/api-tokens', { name: 'matrix' }) },
  'POST /settings/api-tokens/:id/revoke': {
    expect: MEMBERS,
    run: async (ctx) => {
      if (!ctx.visitor.account) return form(ctx, '/settings/api-tokens/1/revoke');
      const viewer = toViewer((await findAccountById(ctx.deps.db, ctx.visitor.account.id))!);
      const { id } = await createApiToken(ctx.deps, { ...viewer, isBanned: false }, 'to revoke');
      return form(ctx, `/settings/api-tokens/${id}/revoke`);
    },
  },
  'POST /submit': { expect: VERIFIED, run: async (ctx) => form(ctx, '/submit', { arxivId: await ctx.fresh.paper() }) },
  'POST /api/papers/index': { expect: VERIFIED, run: async (ctx) => api(ctx, 'POST', '/api/papers/index', { arxivId: await ctx.fresh.paper() }) },
  'POST /papers/:id{.+}/vote': { expect: VERIFIED, run: async (ctx) => form(ctx, `/papers/${await ctx.fresh.listedPaper()}/vote`, { direction: 'up' }) },
  'POST /api/papers/:id{.+}/upvote': { expect: VERIFIED, run: async (ctx) => api(ctx, 'POST', `/api/papers/${await ctx.fresh.listedPaper()}/upvote`) },
  'DELETE /api/papers/:id{.+}/upvote': { expect: VERIFIED, run: async (ctx) => api(ctx, 'DELETE', `/api/papers/${await ctx.fresh.listedPaper()}/upvote`) },
  'POST /papers/:id{.+}/comments': { expect: VERIFIED, run: async (ctx) => form(ctx, `/papers/${await ctx.fresh.listedPaper()}/comments`, { body: 'A fine *paper*.' }) },
  'POST /papers/:id{.+}/comments/:commentId/edit': {
    // Someone else's comment: nobody may edit it (moderators hide, they do not rewrite).
    expect: NOBODY_ELSES,
    run: async (ctx) => {
      const paper = await ctx.fresh.listedPaper();
      return form(ctx, `/papers/${paper}/comments/${await ctx.fresh.comment(paper)}/edit`, { body: 'rewritten' });
    },
  },
  'POST /papers/:id{.+}/comments/:commentId/delete': {
    expect: NOBODY_ELSES,
    run: async (ctx) => {
      const paper = await ctx.fresh.listedPaper();
      return form(ctx, `/papers/${paper}/comments/${await ctx.fresh.comment(paper)}/delete`);
    },
  },
  'POST /api/papers/:id{.+}/comment': { expect: VERIFIED, run: async (ctx) => api(ctx, 'POST', `/api/papers/${await ctx.fresh.listedPaper()}/comment`, { comment: 'Nice.' }) },
  'POST /api/papers/:id{.+}/comment/:commentId/reply': {
    expect: VERIFIED,
    run: async (ctx) => {
      const paper = await ctx.fresh.listedPaper();
      return api(ctx, 'POST', `/api/papers/${paper}/comment/${await ctx.fresh.comment(paper)}/reply`, { comment: 'Agreed.' });
    },
  },
  'POST /moderation/comments/:id/hide': {
    expect: MODERATORS,
    run: async (ctx) => form(ctx, `/moderation/comments/${await ctx.fresh.comment(await ctx.fresh.listedPaper())}/hide`, { reason: 'off topic' }),
  },
  'POST /moderation/comments/:id/unhide': {
    expect: MODERATORS,
    run: async (ctx) => form(ctx, `/moderation/comments/${await ctx.fresh.comment(await ctx.fresh.listedPaper(), true)}/unhide`, { reason: 'on second thought' }),
  },
  'POST /moderation/listings/remove': {
    expect: MODERATORS,
    run: async (ctx) => form(ctx, '/moderation/listings/remove', { arxivId: await ctx.fresh.listedPaper(), listedOn: TODAY, reason: 'spam' }),
  },
  'POST /moderation/users/:username/ban': {
    expect: MODERATORS,
    run: async (ctx) => form(ctx, `/moderation/users/${(await ctx.fresh.plainUser()).username}/ban`, { reason: 'spam' }),
  },
  'POST /moderation/users/:username/unban': {
    expect: MODERATORS,
    run: async (ctx) => {
      const target = await ctx.fresh.plainUser();
      await ctx.deps.db.kysely.updateTable('users').set({ banned_at: NOW.toISOString(), ban_reason: 'x' }).where('id', '=', target.id).execute();
      return form(ctx, `/moderation/users/${target.username}/unban`, { reason: 'served their time' });
    },
  },
  'POST /subscribe': {
    // Anyone may ask for the digest (double opt-in); a banned reader's browser is anonymous again.
    expect: ALL_ALLOWED,
    run: (ctx) => form(ctx, '/subscribe', { email: `sub-${ctx.visitor.role}-${Math.random().toString(36).slice(2, 8)}@example.org`, cadence: 'daily', timeZone: 'UTC' }),
  },
  // The token in a mailed link is the authority, whoever holds it (logged in or not).
  'POST /subscriptions/confirm/:token': {
    expect: ALL_ALLOWED,
    run: async (ctx) => form(ctx, `/subscriptions/confirm/${(await insertPendingSubscription(ctx.deps.db, NOW.toISOString())).token}`),
  },
  'POST /subscriptions/manage/:linkToken': {
    expect: ALL_ALLOWED,
    run: async (ctx) => form(ctx, `/subscriptions/manage/${(await insertOutboxRow(ctx.deps.db, await insertSubscription(ctx.deps.db))).token}`, { cadence: 'weekly', timeZone: 'UTC' }),
  },
  'POST /unsubscribe/:linkToken': { expect: ALL_ALLOWED, run: async (ctx) => form(ctx, `/unsubscribe/${(await insertOutboxRow(ctx.deps.db, await insertSubscription(ctx.deps.db))).token}`) },
  'POST /unsubscribe/one-click/:linkToken': {
    expect: ALL_ALLOWED,
    run: async (ctx) => form(ctx, `/unsubscribe/one-click/${(await insertOutboxRow(ctx.deps.db, await insertSubscription(ctx.deps.db))).token}`, { 'List-Unsubscribe': 'One-Click' }),
  },
  'POST /api/webhooks/mail': {
    // Only MAIL_WEBHOOK_SECRET opens it: no role's session or API token does (401 for all).
    expect: { anonymous: 'login', unverified: 'login', user: 'login', banned: 'login', moderator: 'login', admin: 'login' },
    run: (ctx) => api(ctx, 'POST', '/api/webhooks/mail', { type: 'complaint', email: 'victim@example.org' }),
  },
  // The reader's own subscription from /settings: only for a verified address (an unverified
  // account must not manage whoever really owns the address it typed).
  'POST /settings/subscription': {
    expect: VERIFIED,
    run: async (ctx) => {
      if (ctx.visitor.account) await insertSubscription(ctx.deps.db, { email: ctx.visitor.account.email });
      return form(ctx, '/settings/subscription', { cadence: 'weekly', timeZone: 'Europe/Paris' });
    },
  },
  'POST /settings/subscription/unsubscribe': {
    expect: VERIFIED,
    run: async (ctx) => {
      if (ctx.visitor.account) await insertSubscription(ctx.deps.db, { email: ctx.visitor.account.email });
      return form(ctx, '/settings/subscription/unsubscribe');
    },
  },
  'POST /moderation/users/:username/role': {
    expect: ADMINS,
    run: async (ctx) => form(ctx, `/moderation/users/${(await ctx.fresh.plainUser()).username}/role`, { role: 'moderator', reason: 'helpful' }),
  },
  // Collections: each visitor acts on a fresh collection of their own (anonymous: a made-up one).
  'POST /collections': { expect: VERIFIED, run: (ctx) => form(ctx, '/collections', { name: `Matrix ${ctx.visitor.role}` }) },
  'POST /collections/:slug/edit': { expect: VERIFIED, run: async (ctx) => form(ctx, `/collections/${(await ownCollection(ctx)).slug}/edit`, { name: 'Renamed' }) },
  'POST /collections/:slug/delete': { expect: VERIFIED, run: async (ctx) => form(ctx, `/collections/${(await ownCollection(ctx)).slug}/delete`) },
  'POST /papers/:id{.+}/collect': {
    expect: VERIFIED,
    run: async (ctx) => form(ctx, `/papers/${await ctx.fresh.paper()}/collect`, { collection: (await ownCollection(ctx)).slug }),
  },
  'POST /api/collections': { expect: VERIFIED, run: (ctx) => api(ctx, 'POST', '/api/collections', { name: 'Matrix' }) },
  'POST /api/collections/:username/:slug/papers': {
    expect: VERIFIED,
    run: async (ctx) => {
      const { username, slug } = await ownCollection(ctx);
      return api(ctx, 'POST', `/api/collections/${username}/${slug}/papers`, { arxivId: await ctx.fresh.paper() });
    },
  },
  'DELETE /api/collections/:username/:slug/papers/:arxivId{.+}': {
    expect: VERIFIED,
    run: async (ctx) => {
      const { username, slug } = await ownCollection(ctx);
      return api(ctx, 'DELETE', `/api/collections/${username}/${slug}/papers/${await ctx.fresh.paper()}`);
    },
  },
  // Saved searches: saving needs a confirmed address; deleting one's own does not.
  'POST /saved-searches': { expect: VERIFIED, run: (ctx) => form(ctx, '/saved-searches', { q: `matrix ${ctx.visitor.role}`, category: 'cs.CL' }) },
  'POST /saved-searches/:id/delete': { expect: MEMBERS, run: async (ctx) => form(ctx, `/saved-searches/${await ownSavedSearch(ctx)}/delete`) },
  'POST /api/saved-searches': { expect: VERIFIED, run: (ctx) => api(ctx, 'POST', '/api/saved-searches', { q: `matrix api ${ctx.visitor.role}` }) },
  'DELETE /api/saved-searches/:id': { expect: MEMBERS, run: async (ctx) => api(ctx, 'DELETE', `/api/saved-searches/${await ownSavedSearch(ctx)}`) },
  // "Not interested" in For you: the member's own feed, so any member.
  'POST /for-you/hide': { expect: MEMBERS, run: async (ctx) => form(ctx, '/for-you/hide', { paper: await ctx.fresh.paper() }) },
  'POST /for-you/unhide': { expect: MEMBERS, run: async (ctx) => form(ctx, '/for-you/unhide', { paper: await ctx.fresh.paper() }) },
  'POST /api/for-you/hidden': { expect: MEMBERS, run: async (ctx) => api(ctx, 'POST', '/api/for-you/hidden', { id: await ctx.fresh.paper() }) },
  'DELETE /api/for-you/hidden/:id{.+}': { expect: MEMBERS, run: async (ctx) => api(ctx, 'DELETE', `/api/for-you/hidden/${await ctx.fresh.paper()}`) },
};

/** The state-changing routes the app really has, as `METHOD path`. */
function mutatingRoutes(app: App): string[] {
  const out = new Set<string>();
  for (const r of app.routes) if (!['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(r.method)) out.add(`${r.method} ${r.path}`);
  return [...out].sort();
}

function outcomeOf(res: Response): Outcome | `unexpected ${number}` {
  const location = res.headers.get('location') ?? '';
  if (res.status === 401 || (res.status === 303 && location.startsWith('/login'))) return 'login';
  if (res.status === 403) return 'forbidden';
  if ((res.status >= 200 && res.status < 300) || res.status === 303) return 'allowed';
  return `unexpected ${res.status}`;
}

describe.each(DIALECTS)('authorization matrix on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let anon: { cookie: string; csrf: string };
  let serial = 0;

  beforeAll(async () => {
    deps = await createTestDeps(dialect, NOW, { MAIL_WEBHOOK_SECRET: 'the-mail-webhook-secret-of-the-matrix' });
    app = createApp(deps);
    const res = await app.request(`${deps.config.siteUrl}/login`);
    anon = {
      cookie: res.headers.getSetCookie().find((c) => c.includes('paperboy_csrf='))!.split(';')[0]!,
      csrf: /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!,
    };
  });
  afterAll(async () => {
    await deps.db.drop();
  });

  const fresh: Fresh = {
    async paper() {
      serial += 1;
      const arxivId = `2608.${String(10000 + serial)}`;
      await insertPaper(deps.db, { arxivId, publishedAt: '2026-08-20T00:00:00.000Z' });
      return arxivId;
    },
    async listedPaper() {
      const arxivId = await fresh.paper();
      const id = (await deps.db.kysely.selectFrom('papers').select('id').where('arxiv_id', '=', arxivId).executeTakeFirstOrThrow()).id;
      await insertListing(deps.db, id, TODAY);
      return arxivId;
    },
    async comment(arxivId, hidden = false) {
      const author = await fresh.plainUser();
      const paper = await deps.db.kysely.selectFrom('papers').select('id').where('arxiv_id', '=', arxivId).executeTakeFirstOrThrow();
      const row = await deps.db.kysely
        .insertInto('comments')
        .values({ paper_id: paper.id, user_id: author.id, parent_id: null, body: 'Someone else’s comment', created_at: NOW.toISOString(), updated_at: NOW.toISOString(), hidden_at: hidden ? NOW.toISOString() : null, hidden_reason: hidden ? 'x' : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    plainUser: () => createAccount(deps),
    async token(purpose) {
      const target = await createAccount(deps, { verified: purpose === 'reset_password' });
      return issueAccountToken(deps, target.id, purpose);
    },
  };

  async function visitor(role: Role): Promise<Visitor> {
    if (role === 'anonymous') return { role, account: null, cookie: anon.cookie, csrf: anon.csrf, bearer: null };
    const account = await createAccount(deps, {
      role: role === 'moderator' ? 'moderator' : role === 'admin' ? 'admin' : 'user',
      verified: role !== 'unverified',
    });
    const viewer = toViewer((await findAccountById(deps.db, account.id))!);
    const { token } = await createApiToken(deps, viewer, 'matrix');
    if (role === 'banned') {
      await deps.db.kysely.updateTable('users').set({ banned_at: NOW.toISOString(), ban_reason: 'matrix' }).where('id', '=', account.id).execute();
      return { role, account, cookie: `${account.cookie}; ${anon.cookie}`, csrf: anon.csrf, bearer: token };
    }
    return { role, account, cookie: account.cookie, csrf: account.csrf, bearer: token };
  }

  it('has a row for every state-changing route of the app, and no row for a route that is gone', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(mutatingRoutes(app));
  });

  const cells = Object.entries(MATRIX).flatMap(([route, row]) => ROLES.map((role) => [route, role, row.expect[role]] as const));
  it.each(cells)('%s as %s → %s', async (route, role, expected) => {
    const ctx: Ctx = { app, deps, visitor: await visitor(role), fresh };
    const res = await MATRIX[route]!.run(ctx);
    const got = outcomeOf(res);
    expect(got, `${route} as ${role}: ${res.status} ${res.headers.get('location') ?? ''} ${(await res.text()).slice(0, 200)}`).toBe(expected);
  });
});
