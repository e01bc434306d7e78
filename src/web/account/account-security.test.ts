import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestApp } from '../../../test/deps';
import { createAccount, getAs, postForm, TEST_PASSWORD, type TestAccount } from '../../../test/accounts';
import type { App } from '../../app';
import type { Deps } from '../../deps';

let ipCounter = 0;
/** A distinct client address per request (TRUST_PROXY is on), so per-IP limits stay out of the way. */
const freshIp = () => ({ 'x-forwarded-for': `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}` });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs `pairs` interleaved pairs (order alternating) and returns each side's median time in ms. */
async function pairedTiming(pairs: number, a: (i: number) => Promise<Response>, b: (i: number) => Promise<Response>) {
  const ta: number[] = [];
  const tb: number[] = [];
  const time = async (f: () => Promise<Response>, into: number[]) => {
    const t0 = performance.now();
    const res = await f();
    await res.text();
    into.push(performance.now() - t0);
  };
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      await time(() => a(i), ta);
      await time(() => b(i), tb);
    } else {
      await time(() => b(i), tb);
      await time(() => a(i), ta);
    }
  }
  return { a: median(ta), b: median(tb) };
}

/** A page body without the per-response CSRF token and the echoed user input. */
function normalise(html: string, ...echoes: string[]): string {
  let out = html.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');
  for (const e of echoes) out = out.split(e).join('ECHO');
  return out;
}

describe.each(DIALECTS)('account security on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let accounts: TestAccount[];
  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect, { TRUST_PROXY: 'true' }));
    accounts = [];
    for (let i = 0; i < 5; i++) accounts.push(await createAccount(deps));
  });
  afterAll(async () => {
    await deps.db.drop();
  });

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => postForm(app, deps, path, null, fields, { ...freshIp(), ...headers });
  // Anonymous forms need the csrf cookie + token pair a GET of the form gives.
  let anon: { cookie: string; token: string };
  beforeAll(async () => {
    const res = await app.request(`${deps.config.siteUrl}/login`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-paperboy_csrf='))!.split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
    anon = { cookie, token };
  });
  const anonPost = (path: string, fields: Record<string, string>) => post(path, { ...fields, _csrf: anon.token }, { cookie: anon.cookie });

  describe('no account enumeration', () => {
    it('log-in: an unknown name and a wrong password get the same status and body, in the same time (200 pairs)', async () => {
      const unknown = await anonPost('/login', { login: 'nobody-here', password: 'wrong password here' });
      const known = await anonPost('/login', { login: accounts[0]!.username, password: 'wrong password here' });
      expect(unknown.status).toBe(401);
      expect(known.status).toBe(401);
      expect(normalise(await known.text(), accounts[0]!.username)).toBe(normalise(await unknown.text(), 'nobody-here'));

      const t = await pairedTiming(
        200,
        (i) => anonPost('/login', { login: accounts[i % 5]!.username, password: `wrong password ${i}` }),
        (i) => anonPost('/login', { login: `ghost-${i}`, password: `wrong password ${i}` }),
      );
      console.log(`[${dialect}] log-in timing, median of 200: existing ${t.a.toFixed(1)} ms, unknown ${t.b.toFixed(1)} ms`);
      expect(Math.abs(t.a - t.b)).toBeLessThan(10);
    });

    it('sign-up: a new and an already registered address get the same status and body, in the same time (200 pairs)', async () => {
      const fresh = await anonPost('/signup', { username: 'newcomer0', email: 'newcomer0@example.org', password: 'an adequate password' });
      const taken = await anonPost('/signup', { username: 'newcomer1', email: accounts[1]!.email, password: 'an adequate password' });
      expect(fresh.status).toBe(200);
      expect(taken.status).toBe(200);
      expect(normalise(await taken.text(), accounts[1]!.email)).toBe(normalise(await fresh.text(), 'newcomer0@example.org'));

      const t = await pairedTiming(
        200,
        (i) => anonPost('/signup', { username: `nc-new-${i}`, email: `nc-new-${i}@example.org`, password: 'an adequate password' }),
        (i) => anonPost('/signup', { username: `nc-dup-${i}`, email: accounts[i % 5]!.email, password: 'an adequate password' }),
      );
      console.log(`[${dialect}] sign-up timing, median of 200: new ${t.a.toFixed(1)} ms, existing address ${t.b.toFixed(1)} ms`);
      expect(Math.abs(t.a - t.b)).toBeLessThan(10);
    });

    it('password reset: a known and an unknown address get the same status and body, in the same time (200 pairs)', async () => {
      const known = await anonPost('/reset-password', { email: accounts[2]!.email });
      const unknown = await anonPost('/reset-password', { email: 'nobody@example.org' });
      expect(known.status).toBe(unknown.status);
      expect(await known.text()).toBe(await unknown.text());
      const t = await pairedTiming(
        200,
        (i) => anonPost('/reset-password', { email: accounts[i % 5]!.email }),
        (i) => anonPost('/reset-password', { email: `nobody-${i}@example.org` }),
      );
      console.log(`[${dialect}] reset timing, median of 200: known ${t.a.toFixed(1)} ms, unknown ${t.b.toFixed(1)} ms`);
      expect(Math.abs(t.a - t.b)).toBeLessThan(10);
    });
  });

  describe('cross-site requests', () => {
    it('refuses a POST marked cross-site, from another Origin, or without the form token', async () => {
      const a = accounts[3]!;
      const crossSite = await postForm(app, deps, '/settings/api-tokens', a, { name: 'x' }, { 'sec-fetch-site': 'cross-site' });
      expect(crossSite.status).toBe(403);
      const evilOrigin = await app.request(`${deps.config.siteUrl}/settings/api-tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie: a.cookie },
        body: new URLSearchParams({ _csrf: a.csrf, name: 'x' }),
      });
      expect(evilOrigin.status).toBe(403);
      const noToken = await postForm(app, deps, '/settings/api-tokens', { ...a, csrf: '' }, { name: 'x' });
      expect(noToken.status).toBe(403);
      const otherToken = await postForm(app, deps, '/settings/api-tokens', { ...a, csrf: accounts[4]!.csrf }, { name: 'x' });
      expect(otherToken.status).toBe(403);
      const tokens = await deps.db.kysely.selectFrom('api_tokens').select('id').where('user_id', '=', a.id).execute();
      expect(tokens).toHaveLength(0);
      expect((await postForm(app, deps, '/settings/api-tokens', a, { name: 'x' })).status).toBe(200);
    });

    it('refuses log-out and log-in forms posted from another site', async () => {
      const a = accounts[3]!;
      expect((await postForm(app, deps, '/logout', a, {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await getAs(app, deps, '/settings', a)).status).toBe(200);
      const login = await post('/login', { login: a.username, password: TEST_PASSWORD, _csrf: anon.token }, { cookie: anon.cookie, 'sec-fetch-site': 'cross-site' });
      expect(login.status).toBe(403);
    });
  });

  describe('redirects after log-in', () => {
    it.each(['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/%0d%0aSet-Cookie:x=y', ' //evil.example'])('refuses next=%s', async (next) => {
      const res = await anonPost('/login', { login: accounts[4]!.username, password: TEST_PASSWORD, next });
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(location.startsWith('/')).toBe(true);
      expect(location.startsWith('//')).toBe(false);
      expect(new URL(location, 'http://paperboy.test').origin).toBe('http://paperboy.test');
    });
  });

  describe('session timeouts', () => {
    it('ends a session idle for longer than SESSION_IDLE_MINUTES, and any session after SESSION_MAX_DAYS', async () => {
      const saved = deps.now;
      try {
        const idle = await createAccount(deps);
        const busy = await createAccount(deps);
        const later = new Date(saved().getTime() + (deps.config.sessionIdleMinutes + 1) * 60_000);
        deps.now = () => later;
        expect((await getAs(app, deps, '/settings', idle)).status).toBe(303);

        // Active every half idle-period: the idle timeout never fires, the absolute one does.
        const step = (deps.config.sessionIdleMinutes / 2) * 60_000;
        let t = saved().getTime();
        const end = t + deps.config.sessionMaxDays * 86_400_000;
        while (t + step < end) {
          t += step;
          const at = new Date(t);
          deps.now = () => at;
          expect((await getAs(app, deps, '/settings', busy)).status).toBe(200);
        }
        const past = new Date(end + 1000);
        deps.now = () => past;
        expect((await getAs(app, deps, '/settings', busy)).status).toBe(303);
      } finally {
        deps.now = saved;
      }
    });
  });

  describe('log-in rate limits', () => {
    it('stops guessing after 100 failures an hour with 429 + Retry-After, but not the owner’s known browser', async () => {
      const victim = await createAccount(deps);
      // The owner logged in before from this browser: it holds a device cookie.
      const ownerLogin = await anonPost('/login', { login: victim.username, password: TEST_PASSWORD });
      const device = ownerLogin.headers.getSetCookie().find((c) => c.startsWith('__Host-paperboy_device='))!.split(';')[0]!;

      for (let i = 0; i < 100; i++) expect((await anonPost('/login', { login: victim.username, password: `guess ${i}` })).status).toBe(401);
      const blocked = await anonPost('/login', { login: victim.username, password: TEST_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);

      const owner = await post('/login', { login: victim.username, password: TEST_PASSWORD, _csrf: anon.token }, { cookie: `${anon.cookie}; ${device}` });
      expect(owner.status).toBe(303);
    });

    it('limits failures per IP too', async () => {
      const ip = { 'x-forwarded-for': '192.0.2.77' };
      for (let i = 0; i < 300; i++) {
        const res = await post('/login', { login: `spray-${i}`, password: 'x', _csrf: anon.token }, { cookie: anon.cookie, ...ip });
        expect(res.status).toBe(401);
      }
      const res = await post('/login', { login: accounts[0]!.username, password: TEST_PASSWORD, _csrf: anon.token }, { cookie: anon.cookie, ...ip });
      expect(res.status).toBe(429);
    });
  });

  it('sends a CSP whose scripts need this response’s nonce, and frame-ancestors none', async () => {
    const res = await getAs(app, deps, '/', accounts[0]!);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const other = (await getAs(app, deps, '/', accounts[0]!)).headers.get('content-security-policy')!;
    expect(other).not.toBe(csp);
  });
});
