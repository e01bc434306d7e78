import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../test/accounts';
import { DIALECTS } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import { insertPaper } from '../../../test/factories';
import { toViewer, type Viewer } from '../../domain/account';
import { flattenCommentTree } from '../../domain/comment-tree';
import { ForbiddenError } from '../../domain/forbidden-error';
import { InputError } from '../../domain/input-error';
import { NotFoundError } from '../../domain/not-found-error';
import { findAccountById } from '../../storage/repos/accounts-repo';
import { countVisibleComments, refreshCommentCount } from '../../storage/repos/comments-repo';
import { refreshPaperCounters } from '../import/refresh-paper-counters';
import { RateLimitedError } from '../rate-limit';
import { deleteComment } from './delete-comment';
import { editComment } from './edit-comment';
import { listComments } from './list-comments';
import { postComment } from './post-comment';

describe.each(DIALECTS)('comments use cases on %s', (dialect) => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let ann: Viewer;
  let bob: Viewer;
  let mod: Viewer;
  let paperId: number;

  async function viewer(options: Parameters<typeof createAccount>[1] = {}): Promise<Viewer> {
    const account = await createAccount(deps, options);
    return toViewer((await findAccountById(deps.db, account.id))!);
  }
  async function numComments(id = paperId): Promise<number> {
    const row = await deps.db.kysely.selectFrom('papers').select('num_comments').where('id', '=', id).executeTakeFirstOrThrow();
    return row.num_comments;
  }

  beforeAll(async () => {
    deps = await createTestDeps(dialect);
    ann = await viewer();
    bob = await viewer();
    mod = await viewer({ role: 'moderator' });
    paperId = await insertPaper(deps.db, { arxivId: '2601.00001', numComments: 5 });
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001' });
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  it('posts, replies, edits and deletes, keeping num_comments = imported + visible rows', async () => {
    expect(await numComments()).toBe(5);
    const top = await postComment(deps, ann, { arxivId: '2601.00001', body: '  **First** with $x^2$\r\n' });
    expect(top.comment).toMatchObject({ parentId: null, body: '**First** with $x^2$', isEdited: false, isDeleted: false, author: { id: ann.id } });
    expect(top.comment.html).toContain('<strong>First</strong>');
    expect(top.comment.html).toContain('class="katex"');
    expect(await numComments()).toBe(6);

    const reply = await postComment(deps, bob, { arxivId: '2601.00001v2', body: 'A reply', parentId: String(top.comment.id) });
    expect(reply.comment.parentId).toBe(top.comment.id);
    expect(await numComments()).toBe(7);

    const edited = await editComment(deps, ann, { arxivId: '2601.00001', commentId: String(top.comment.id), body: 'Changed' });
    expect(edited.comment).toMatchObject({ body: 'Changed', isEdited: true, editedAt: deps.now().toISOString() });
    expect(await numComments()).toBe(7);

    await deleteComment(deps, ann, { arxivId: '2601.00001', commentId: top.comment.id });
    expect(await numComments()).toBe(6);
    const [root] = await listComments(deps, '2601.00001');
    expect(root!.comment).toMatchObject({ id: top.comment.id, isDeleted: true, body: '', html: '' });
    expect(root!.children.map((n) => n.comment.id)).toEqual([reply.comment.id]);
    const row = await deps.db.kysely.selectFrom('comments').select(['body', 'deleted_at']).where('id', '=', top.comment.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: '', deleted_at: deps.now().toISOString() });
  });

  it('threads replies under parents, siblings oldest first, on old-style ids too', async () => {
    const a = await postComment(deps, ann, { arxivId: 'hep-th/9901001', body: 'a' });
    const b = await postComment(deps, bob, { arxivId: 'hep-th/9901001', body: 'b' });
    const a1 = await postComment(deps, bob, { arxivId: 'hep-th/9901001', body: 'a1', parentId: a.comment.id });
    const a2 = await postComment(deps, ann, { arxivId: 'hep-th/9901001', body: 'a2', parentId: a.comment.id });
    const a11 = await postComment(deps, ann, { arxivId: 'hep-th/9901001', body: 'a11', parentId: a1.comment.id });
    const flat = flattenCommentTree(await listComments(deps, 'hep-th/9901001'));
    expect(flat.map((n) => n.comment.body)).toEqual(['a', 'a1', 'a11', 'a2', 'b']);
    expect(flat.map((n) => n.depth)).toEqual([0, 1, 2, 1, 0]);
    expect(flat[2]!.comment.id).toBe(a11.comment.id);
    expect(flat[3]!.comment.id).toBe(a2.comment.id);
    expect(flat[4]!.comment.id).toBe(b.comment.id);
  });

  it('refuses replies to another paper, to deleted or hidden comments, and to unknown ids', async () => {
    const other = await postComment(deps, ann, { arxivId: 'hep-th/9901001', body: 'elsewhere' });
    await expect(postComment(deps, bob, { arxivId: '2601.00001', body: 'x', parentId: other.comment.id })).rejects.toThrow(InputError);
    await expect(postComment(deps, bob, { arxivId: '2601.00001', body: 'x', parentId: 999999 })).rejects.toThrow(InputError);
    await expect(postComment(deps, bob, { arxivId: '2601.00001', body: 'x', parentId: 'abc' })).rejects.toThrow(InputError);
    const gone = await postComment(deps, ann, { arxivId: '2601.00001', body: 'soon gone' });
    await deleteComment(deps, ann, { arxivId: '2601.00001', commentId: gone.comment.id });
    await expect(postComment(deps, bob, { arxivId: '2601.00001', body: 'x', parentId: gone.comment.id })).rejects.toThrow(/deleted/);
    const hidden = await postComment(deps, ann, { arxivId: '2601.00001', body: 'soon hidden' });
    await deps.db.kysely.updateTable('comments').set({ hidden_at: deps.now().toISOString(), hidden_reason: 'Off topic' }).where('id', '=', hidden.comment.id).execute();
    await expect(postComment(deps, bob, { arxivId: '2601.00001', body: 'x', parentId: hidden.comment.id })).rejects.toThrow(/hidden/);
  });

  it('refuses bad bodies, unknown papers and malformed ids', async () => {
    for (const body of ['', '   ', 'x'.repeat(10_001), 42, null, 'nul\u0000']) {
      await expect(postComment(deps, ann, { arxivId: '2601.00001', body })).rejects.toThrow(InputError);
    }
    await expect(postComment(deps, ann, { arxivId: '2601.99999', body: 'x' })).rejects.toThrow(NotFoundError);
    await expect(postComment(deps, ann, { arxivId: 'not-an-id', body: 'x' })).rejects.toThrow(InputError);
  });

  it('lets only verified, non-banned authors change their own comments', async () => {
    const unverified = await viewer({ verified: false });
    await expect(postComment(deps, unverified, { arxivId: '2601.00001', body: 'x' })).rejects.toThrow(ForbiddenError);
    await expect(postComment(deps, { ...ann, isBanned: true }, { arxivId: '2601.00001', body: 'x' })).rejects.toThrow(ForbiddenError);
    const mine = await postComment(deps, ann, { arxivId: '2601.00001', body: 'mine' });
    await expect(editComment(deps, bob, { arxivId: '2601.00001', commentId: mine.comment.id, body: 'theirs' })).rejects.toThrow(ForbiddenError);
    await expect(deleteComment(deps, bob, { arxivId: '2601.00001', commentId: mine.comment.id })).rejects.toThrow(ForbiddenError);
    await expect(deleteComment(deps, mod, { arxivId: '2601.00001', commentId: mine.comment.id })).rejects.toThrow(/Moderators hide/);
    // The comment exists, but not on this paper.
    await expect(editComment(deps, ann, { arxivId: 'hep-th/9901001', commentId: mine.comment.id, body: 'x' })).rejects.toThrow(NotFoundError);
    await deps.db.kysely.updateTable('comments').set({ hidden_at: deps.now().toISOString(), hidden_reason: 'Spam' }).where('id', '=', mine.comment.id).execute();
    await expect(editComment(deps, ann, { arxivId: '2601.00001', commentId: mine.comment.id, body: 'x' })).rejects.toThrow(/hidden/);
  });

  it('shows hidden comments without their text, with the reason, and the count follows refreshCommentCount', async () => {
    const c = await postComment(deps, bob, { arxivId: '2601.00001', body: 'rude words' });
    const before = await numComments();
    await deps.db.kysely.updateTable('comments').set({ hidden_at: deps.now().toISOString(), hidden_reason: 'Rude' }).where('id', '=', c.comment.id).execute();
    expect(await refreshCommentCount(deps.db, paperId)).toBe(before - 1);
    expect(await numComments()).toBe(before - 1);
    const node = flattenCommentTree(await listComments(deps, '2601.00001')).find((n) => n.comment.id === c.comment.id)!;
    expect(node.comment).toMatchObject({ isHidden: true, hiddenReason: 'Rude', body: '', html: '' });
    // The importer's recount agrees with refreshCommentCount.
    await refreshPaperCounters(deps.db, [paperId], new Map());
    expect(await numComments()).toBe(5 + (await countVisibleComments(deps.db, paperId)));
  });

  it('rate-limits new accounts more strictly', async () => {
    const fresh = await viewer({ createdAt: new Date(deps.now().getTime() - 3600 * 1000).toISOString() });
    for (let i = 0; i < 10; i += 1) await postComment(deps, fresh, { arxivId: 'hep-th/9901001', body: `spam ${i}` });
    const error = await postComment(deps, fresh, { arxivId: 'hep-th/9901001', body: 'one more' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it('keeps the count exact under concurrent posts and deletes', async () => {
    const id = await insertPaper(deps.db, { arxivId: '2601.00077', numComments: 2 });
    const posters = await Promise.all(Array.from({ length: 6 }, () => viewer()));
    const posted = await Promise.all(posters.flatMap((v) => [1, 2, 3].map((i) => postComment(deps, v, { arxivId: '2601.00077', body: `c${i}` }))));
    await Promise.all(posted.filter((_, i) => i % 3 === 0).map((p) => deleteComment(deps, posters.find((v) => v.id === p.comment.author.id)!, { arxivId: '2601.00077', commentId: p.comment.id })));
    expect(await countVisibleComments(deps.db, id)).toBe(12);
    expect(await numComments(id)).toBe(14);
  });
});
