import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { Deps } from '../deps';
import { createApiToken } from '../features/accounts/api-tokens';
import { COMMENT_MAX_CHARS } from '../web/comment-body';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertPaper } from '../../test/factories';
import { viewerFor } from '../../test/viewer-for';
import type { ApiComment } from './api-types';
import { commentHubId } from './hub-id';

describe.each(DIALECTS)('comments through the HF-compatible API on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    await insertPaper(deps.db, { arxivId: '2608.00001', numComments: 4 });
    await insertPaper(deps.db, { arxivId: '2608.00002' });
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001' });
    ({ token } = await createApiToken(deps, await viewerFor(deps, { username: 'ann' }), 'script'));
    ({ token: otherToken } = await createApiToken(deps, await viewerFor(deps, { username: 'bob' }), 'script'));
  });
  afterAll(() => deps.db.drop());

  const send = (path: string, body: string, headers: Record<string, string> = {}) =>
    app.request(`${deps.config.siteUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  async function comments(id: string): Promise<{ numComments: number; comments: ApiComment[] }> {
    const res = await app.request(`/api/papers/${id}?field=comments`);
    expect(res.status).toBe(200);
    const paper = (await res.json()) as { comments: ApiComment[] };
    const row = await deps.db.kysely.selectFrom('papers').select('num_comments').where('arxiv_id', '=', id).executeTakeFirstOrThrow();
    return { numComments: row.num_comments, comments: paper.comments };
  }

  it('posts, reads back with field=comments and replies with the id it emitted', async () => {
    expect((await comments('2608.00001')).comments).toEqual([]);
    const res = await send('/api/papers/2608.00001/comment', JSON.stringify({ comment: 'Great **paper**, $O(n)$' }), bearer(token));
    expect(res.status).toBe(201);
    const { newMessage } = (await res.json()) as { newMessage: ApiComment };
    expect(newMessage).toMatchObject({ type: 'comment', author: { user: 'ann' }, data: { edited: false, hidden: false, latest: { raw: 'Great **paper**, $O(n)$' } } });
    expect(newMessage.id).toMatch(/^[0-9a-f]{24}$/);
    expect(newMessage.data.latest.html).toContain('<strong>paper</strong>');
    expect(newMessage.data.latest.html).toContain('class="katex"');

    const reply = await send(`/api/papers/2608.00001/comment/${newMessage.id}/reply`, JSON.stringify({ comment: 'Agreed' }), bearer(otherToken));
    expect(reply.status).toBe(201);
    const answer = ((await reply.json()) as { newMessage: ApiComment }).newMessage;
    expect(answer.data.parentCommentId).toBe(newMessage.id);
    expect(answer.author.user).toBe('bob');

    const read = await comments('2608.00001');
    expect(read.comments).toEqual([newMessage, answer]);
    expect(read.numComments).toBe(6);

    // The plain number the pages use works too, and the reply lands under the same parent.
    const n = Number.parseInt(newMessage.id.slice(8), 16);
    expect(newMessage.id).toBe(commentHubId(n));
    expect((await send(`/api/papers/2608.00001/comment/${n}/reply`, JSON.stringify({ comment: 'Me too' }), bearer(token))).status).toBe(201);
    expect((await comments('2608.00001')).comments.map((c) => c.data.parentCommentId ?? null)).toEqual([null, newMessage.id, newMessage.id]);
  });

  it('works for old-style ids and shows hidden comments without their text', async () => {
    const res = await send('/api/papers/hep-th/9901001/comment', JSON.stringify({ comment: 'Classic' }), bearer(token));
    expect(res.status).toBe(201);
    const { newMessage } = (await res.json()) as { newMessage: ApiComment };
    const id = Number.parseInt(newMessage.id.slice(8), 16);
    await deps.db.kysely.updateTable('comments').set({ hidden_at: deps.now().toISOString(), hidden_reason: 'Off topic' }).where('id', '=', id).execute();
    const [hidden] = (await comments('hep-th/9901001')).comments;
    expect(hidden!.data).toMatchObject({ hidden: true, hiddenReason: 'Off topic', latest: { raw: '', html: '' } });
  });

  it('never answers hostile paths with a 5xx', async () => {
    for (const id of ['%ED%A0%80', '%00', '..%2F..%2Fetc%2Fpasswd', 'hep-th%C0%AF9901001', 'a'.repeat(5000), '%3Cscript%3E']) {
      for (const path of [`/api/papers/${id}/comment`, `/api/papers/2608.00001/comment/${id}/reply`, `/api/papers/${id}/comment/1/reply`]) {
        const res = await send(path, '{"comment":"x"}', bearer(token));
        expect(res.status, path.slice(0, 80)).toBeGreaterThanOrEqual(400);
        expect(res.status, path.slice(0, 80)).toBeLessThan(500);
        expect(await res.json()).toHaveProperty('error');
      }
    }
  });

  it('accepts a session with the CSRF header and refuses it without', async () => {
    const { account } = await viewerFor(deps);
    const site = { cookie: account.cookie, 'sec-fetch-site': 'same-origin' };
    expect((await send('/api/papers/2608.00002/comment', '{"comment":"x"}', site)).status).toBe(403);
    expect((await send('/api/papers/2608.00002/comment', '{"comment":"x"}', { ...site, 'x-csrf-token': account.csrf })).status).toBe(201);
  });

  it('answers 401, 403, 400 and 404 as JSON', async () => {
    const anonymous = await send('/api/papers/2608.00002/comment', '{"comment":"x"}');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toHaveProperty('error');
    const { token: unverified } = await createApiToken(deps, await viewerFor(deps, { verified: false }), 'script');
    expect((await send('/api/papers/2608.00002/comment', '{"comment":"x"}', bearer(unverified))).status).toBe(403);

    const elsewhere = ((await (await send('/api/papers/2608.00001/comment', '{"comment":"here"}', bearer(token))).json()) as { newMessage: ApiComment }).newMessage;
    for (const [path, body] of [
      ['/api/papers/2608.00002/comment', '{"comment":'],
      ['/api/papers/2608.00002/comment', 'not json'],
      ['/api/papers/2608.00002/comment', '[]'],
      ['/api/papers/2608.00002/comment', '{"text":"x"}'],
      ['/api/papers/2608.00002/comment', '{"comment":42}'],
      ['/api/papers/2608.00002/comment', '{"comment":"   "}'],
      ['/api/papers/2608.00002/comment', JSON.stringify({ comment: 'x'.repeat(COMMENT_MAX_CHARS + 1) })],
      ['/api/papers/2608.00002/comment/nope/reply', '{"comment":"x"}'],
      ['/api/papers/2608.00002/comment/000000000000000000000000/reply', '{"comment":"x"}'],
      [`/api/papers/2608.00002/comment/${elsewhere.id}/reply`, '{"comment":"x"}'],
      ['/api/papers/2608.00002/comment/999999/reply', '{"comment":"x"}'],
      ['/api/papers/not-an-id/comment', '{"comment":"x"}'],
    ]) {
      const res = await send(path!, body!, bearer(token));
      expect(res.status, `${path} ${body!.slice(0, 30)}`).toBe(400);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
    const unknown = await send('/api/papers/2608.99999/comment', '{"comment":"x"}', bearer(token));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toHaveProperty('error');

    // A deleted parent: deleted through the web route, then replied to through the API.
    const gone = ((await (await send('/api/papers/2608.00002/comment', '{"comment":"bye"}', bearer(token))).json()) as { newMessage: ApiComment }).newMessage;
    const n = Number.parseInt(gone.id.slice(8), 16);
    expect((await app.request(`${deps.config.siteUrl}/papers/2608.00002/comments/${n}/delete`, { method: 'POST', headers: bearer(token) })).status).toBe(303);
    const late = await send(`/api/papers/2608.00002/comment/${gone.id}/reply`, '{"comment":"x"}', bearer(token));
    expect(late.status).toBe(400);
    expect(((await late.json()) as { error: string }).error).toMatch(/deleted/);
  });
});
