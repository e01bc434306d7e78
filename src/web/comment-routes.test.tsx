import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { createAccount, getAs, postForm, type TestAccount } from '../../test/accounts';
import { DIALECTS } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';
import { refreshCommentCount } from '../storage/repos/comments-repo';
import { COMMENT_MAX_CHARS } from './comment-body';

describe.each(DIALECTS)('discussion pages and forms on %s', (dialect) => {
  let app: App;
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let ann: TestAccount;
  let bob: TestAccount;
  let paperId: number;

  /** Posts a comment as `who` and returns its id (from the redirect's anchor). */
  async function post(who: TestAccount, path: string, fields: Record<string, string>): Promise<number> {
    const res = await postForm(app, deps, path, who, fields);
    expect(res.status, await res.clone().text()).toBe(303);
    const match = /#comment-(\d+)$/.exec(res.headers.get('location') ?? '');
    expect(match, res.headers.get('location') ?? '').not.toBeNull();
    return Number(match![1]);
  }
  async function page(path: string, who: TestAccount | null = null): Promise<string> {
    const res = await getAs(app, deps, path, who);
    expect(res.status).toBe(200);
    return res.text();
  }
  /** The count on the paper page's heading and on its card on the day's list. */
  async function counts(): Promise<{ paper: string; card: string }> {
    const paper = /Discussion · ([\d,]+ comments?)/.exec(await page('/papers/2601.00001'))![1]!;
    const card = /<a href="\/papers\/2601\.00001#discussion" class="comment-count">([^<]+)<\/a>/.exec(await page('/papers/date/2026-08-21'))![1]!;
    return { paper, card };
  }

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    ann = await createAccount(deps, { username: 'ann' });
    bob = await createAccount(deps, { username: 'bob' });
    paperId = await insertPaper(deps.db, { arxivId: '2601.00001', title: 'Commented paper', numComments: 2 });
    await insertListing(deps.db, paperId, '2026-08-21');
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', title: 'Old-style strings' });
    await insertPaper(deps.db, { arxivId: '2601.00002', title: 'Another paper' });
    await insertPaper(deps.db, { arxivId: '2601.00003', title: 'Once commented on Hugging Face', numComments: 1 });
  });

  it("says how many of the count are Hugging Face's comments, in words that agree with the number", async () => {
    const html = await page('/papers/2601.00003');
    expect(html).toContain('Discussion · 1 comment<');
    expect(html).toContain('1 comment from Hugging Face&#39;s Daily Papers is counted here but not shown.');
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  it('posts, replies, edits and deletes through the forms, with the counts right after each step', async () => {
    expect(await counts()).toEqual({ paper: '2 comments', card: '2 comments' });
    expect(await page('/papers/2601.00001')).toContain('2 comments from Hugging Face&#39;s Daily Papers are counted here but not shown.');
    const top = await post(ann, '/papers/2601.00001/comments', { body: 'Nice **result**: $e^{i\\pi} + 1 = 0$' });
    expect(await counts()).toEqual({ paper: '3 comments', card: '3 comments' });

    const res = await postForm(app, deps, '/papers/2601.00001/comments', bob, { body: 'Why?', parentId: String(top) });
    expect(res.status).toBe(303);
    const reply = Number(/#comment-(\d+)$/.exec(res.headers.get('location')!)![1]);
    expect(res.headers.get('location')).toBe(`/papers/2601.00001#comment-${reply}`);
    expect(await counts()).toEqual({ paper: '4 comments', card: '4 comments' });

    let html = await page('/papers/2601.00001', ann);
    expect(html).toContain('<strong>result</strong>');
    expect(html).toContain('class="katex"');
    expect(html).toMatch(/\/static\/katex\/[\d.]+\/katex\.min\.css/);
    // The reply sits in a nested list inside its parent's item.
    const parentItem = html.slice(html.indexOf(`id="comment-${top}"`));
    expect(parentItem.indexOf(`id="comment-${reply}"`)).toBeGreaterThan(parentItem.indexOf('<ol class="comments">'));
    expect(html).toContain(`href="/papers/2601.00001/comments/${top}/edit"`);
    expect(html).not.toContain(`href="/papers/2601.00001/comments/${reply}/edit"`);
    expect(html).toContain('<summary>Reply</summary>');

    const edit = await page(`/papers/2601.00001/comments/${top}/edit`, ann);
    expect(edit).toContain('Nice **result**: $e^{i\\pi} + 1 = 0$</textarea>');
    const saved = await postForm(app, deps, `/papers/2601.00001/comments/${top}/edit`, ann, { body: 'Nice *result*, edited' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/papers/2601.00001#comment-${top}`);
    html = await page('/papers/2601.00001');
    expect(html).toContain('<em>result</em>, edited');
    expect(html).toMatch(/ · edited<\/span>/);
    expect(await counts()).toEqual({ paper: '4 comments', card: '4 comments' });

    const deleted = await postForm(app, deps, `/papers/2601.00001/comments/${top}/delete`, ann);
    expect(deleted.status).toBe(303);
    html = await page('/papers/2601.00001');
    expect(html).toContain('<p class="comment-removed">[deleted]</p>');
    expect(html).not.toContain('edited</span>');
    expect(html).toContain(`id="comment-${reply}"`);
    expect(await counts()).toEqual({ paper: '3 comments', card: '3 comments' });

    // A deleted comment cannot be replied to, edited or deleted again.
    expect((await postForm(app, deps, '/papers/2601.00001/comments', bob, { body: 'late', parentId: String(top) })).status).toBe(400);
    expect((await postForm(app, deps, `/papers/2601.00001/comments/${top}/edit`, ann, { body: 'back' })).status).toBe(403);
    expect(await counts()).toEqual({ paper: '3 comments', card: '3 comments' });
  });

  it('works on old-style ids with a slash', async () => {
    const id = await post(ann, '/papers/hep-th/9901001/comments', { body: 'Old but gold' });
    const reply = await post(bob, '/papers/hep-th/9901001/comments', { body: 'Indeed', parentId: String(id) });
    expect((await postForm(app, deps, `/papers/hep-th/9901001/comments/${reply}/edit`, bob, { body: 'Indeed!' })).headers.get('location')).toBe(`/papers/hep-th/9901001#comment-${reply}`);
    expect(await page(`/papers/hep-th/9901001/comments/${reply}/edit`, bob)).toContain('Indeed!</textarea>');
    const html = await page('/papers/hep-th/9901001');
    expect(html).toContain('Old but gold');
    expect(html).toContain('Indeed!');
    expect(html).toContain('Discussion · 2 comments');
    expect((await postForm(app, deps, `/papers/hep-th/9901001/comments/${reply}/delete`, bob)).status).toBe(303);
    expect(await page('/papers/hep-th/9901001')).toContain('Discussion · 1 comment<');
  });

  it('lets nobody else edit or delete a comment', async () => {
    const id = await post(ann, '/papers/2601.00002/comments', { body: 'Mine' });
    const moderator = await createAccount(deps, { role: 'moderator' });
    for (const who of [bob, moderator]) {
      expect((await getAs(app, deps, `/papers/2601.00002/comments/${id}/edit`, who)).status).toBe(403);
      expect((await postForm(app, deps, `/papers/2601.00002/comments/${id}/edit`, who, { body: 'Theirs' })).status).toBe(403);
      expect((await postForm(app, deps, `/papers/2601.00002/comments/${id}/delete`, who)).status).toBe(403);
    }
    // Through another paper's URL it does not exist.
    expect((await postForm(app, deps, `/papers/2601.00001/comments/${id}/delete`, ann)).status).toBe(404);
    expect((await postForm(app, deps, '/papers/2601.00002/comments/999999/delete', ann)).status).toBe(404);
    expect((await postForm(app, deps, '/papers/2601.00002/comments/abc/delete', ann)).status).toBe(400);
    expect(await page('/papers/2601.00002')).toContain('Mine');
  });

  it('refuses a reply to a comment of another paper, and bad bodies, showing the form again with the draft', async () => {
    const elsewhere = await post(ann, '/papers/2601.00002/comments', { body: 'Over here' });
    const res = await postForm(app, deps, '/papers/2601.00001/comments', bob, { body: 'My draft', parentId: String(elsewhere) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('not part of this paper');
    expect(html).toContain('My draft</textarea>');
    expect(html).toContain(`name="parentId" value="${elsewhere}"`);

    const long = await postForm(app, deps, '/papers/2601.00001/comments', bob, { body: 'x'.repeat(COMMENT_MAX_CHARS + 1) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('the limit is 10,000');
    expect((await postForm(app, deps, '/papers/2601.00001/comments', bob, { body: '   ' })).status).toBe(400);
    expect((await postForm(app, deps, '/papers/2601.00001/comments', bob, {})).status).toBe(400);
    expect((await postForm(app, deps, '/papers/2601.99999/comments', bob, { body: 'x' })).status).toBe(404);
    expect((await postForm(app, deps, '/papers/not-a-paper/comments', bob, { body: 'x' })).status).toBe(400);
  });

  it('asks anonymous visitors to log in and unverified ones to confirm their email', async () => {
    expect(await page('/papers/2601.00001')).toContain('<a href="/login?next=%2Fpapers%2F2601.00001%23discussion">Log in to comment</a>');
    const unverified = await createAccount(deps, { verified: false });
    const html = await page('/papers/2601.00001', unverified);
    expect(html).toContain('Confirm your email to comment');
    expect(html).not.toContain('<summary>Reply</summary>');
    expect((await postForm(app, deps, '/papers/2601.00001/comments', unverified, { body: 'x' })).status).toBe(403);
    const banned = await createAccount(deps, { banned: true });
    // A ban ends the sessions: the request is anonymous, and anonymous posts are sent to log in.
    const asBanned = await postForm(app, deps, '/papers/2601.00001/comments', banned, { body: 'x' });
    expect([303, 403]).toContain(asBanned.status);
    const anonymous = await app.request(`${deps.config.siteUrl}/papers/2601.00001/comments`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: 'body=x' });
    expect(anonymous.status).toBe(403); // no CSRF token: refused before anything else
  });

  it('shows a hidden comment as the moderators reason, and counts it out once refreshed', async () => {
    const id = await post(bob, '/papers/2601.00002/comments', { body: 'Buy cheap pills' });
    const before = /Discussion · (\d+)/.exec(await page('/papers/2601.00002'))![1];
    await deps.db.kysely.updateTable('comments').set({ hidden_at: deps.now().toISOString(), hidden_reason: 'Spam <b>ads</b>' }).where('id', '=', id).execute();
    await refreshCommentCount(deps.db, (await deps.db.kysely.selectFrom('papers').select('id').where('arxiv_id', '=', '2601.00002').executeTakeFirstOrThrow()).id);
    const html = await page('/papers/2601.00002', bob);
    expect(html).toContain('hidden by the moderators: Spam &lt;b&gt;ads&lt;/b&gt;');
    expect(html).not.toContain('Buy cheap pills');
    expect(html).not.toContain(`/comments/${id}/edit`);
    expect(Number(/Discussion · (\d+)/.exec(html)![1])).toBe(Number(before) - 1);
    expect((await postForm(app, deps, '/papers/2601.00002/comments', ann, { body: 'x', parentId: String(id) })).status).toBe(400);
  });

  it('gives moderators the hide form under each comment, and a hide through it updates page and counts', async () => {
    const moderator = await createAccount(deps, { role: 'moderator' });
    const id = await post(ann, '/papers/2601.00002/comments', { body: 'Questionable' });
    expect(await page('/papers/2601.00002', ann)).not.toContain(`/moderation/comments/${id}/hide`);
    expect(await page('/papers/2601.00002', moderator)).toContain(`action="/moderation/comments/${id}/hide"`);
    const before = Number(/Discussion · (\d+)/.exec(await page('/papers/2601.00002'))![1]);
    const hidden = await postForm(app, deps, `/moderation/comments/${id}/hide`, moderator, { reason: 'Off topic' });
    expect(hidden.status).toBe(303);
    const html = await page('/papers/2601.00002', moderator);
    expect(html).toContain('hidden by the moderators: Off topic');
    expect(html).toContain(`action="/moderation/comments/${id}/unhide"`);
    expect(Number(/Discussion · (\d+)/.exec(html)![1])).toBe(before - 1);
    expect(await postForm(app, deps, `/moderation/comments/${id}/unhide`, moderator, { reason: 'Fine after all' })).toHaveProperty('status', 303);
    expect(Number(/Discussion · (\d+)/.exec(await page('/papers/2601.00002'))![1])).toBe(before);
  });

  it('shows a <script> in a comment as text', async () => {
    await post(ann, '/papers/2601.00002/comments', { body: '<script>alert(1)</script> and <img src=x onerror=alert(2)> [x](javascript:alert(3))' });
    const html = await page('/papers/2601.00002');
    const discussion = html.slice(html.indexOf('id="discussion"'));
    expect(discussion).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(discussion).not.toMatch(/<script|<img|href="javascript/i);
  });

  it('answers hostile paths and fields with a 4xx or a redirect, never a 5xx', async () => {
    const ids = ['%ED%A0%80', '%00', '..%2F..%2Fetc%2Fpasswd', 'hep-th%C0%AF9901001', 'a'.repeat(5000), '2601.00001%E2%80%8B', '%3Cscript%3E'];
    const comments = ['%ED%A0%80', '-1', '1e3', '99999999999999999999', '0x10', '%00'];
    const paths = [
      ...ids.flatMap((id) => [`/papers/${id}/comments`, `/papers/${id}/comments/1/edit`, `/papers/${id}/comments/1/delete`]),
      ...comments.flatMap((n) => [`/papers/2601.00001/comments/${n}/edit`, `/papers/2601.00001/comments/${n}/delete`]),
    ];
    const fieldSets: Record<string, string>[] = [{ body: 'ok' }, { body: '\u0000', parentId: '%ED' }, { body: 'x', parentId: '-5' }, { body: 'x', parentId: '1'.repeat(400) }, { body: 'x', parentId: 'NaN' }];
    for (const path of paths) {
      for (const fields of fieldSets) {
        const res = await postForm(app, deps, path, ann, fields);
        expect(res.status, `${path.slice(0, 80)} ${JSON.stringify(fields)}`).toBeLessThan(500);
        expect(res.status === 303 || (res.status >= 400 && res.status < 500), path.slice(0, 80)).toBe(true);
      }
      expect((await getAs(app, deps, path, ann)).status, path.slice(0, 80)).toBeLessThan(500);
    }
  });

  it('rate-limits new accounts', async () => {
    const fresh = await createAccount(deps, { createdAt: new Date(deps.now().getTime() - 60_000).toISOString() });
    for (let i = 0; i < 10; i += 1) await post(fresh, '/papers/2601.00002/comments', { body: `hello ${i}` });
    const res = await postForm(app, deps, '/papers/2601.00002/comments', fresh, { body: 'one too many' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.text()).toContain('one too many</textarea>');
  });
});
