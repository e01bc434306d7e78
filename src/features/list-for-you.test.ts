import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toViewer, type Viewer } from '../domain/account';
import { findAccountById } from '../storage/repos/accounts-repo';
import { createAccount } from '../../test/accounts';
import { DIALECTS } from '../../test/databases';
import { createForYouFixture, type ForYouFixture } from '../../test/for-you-fixture';
import { castVote } from './cast-vote';
import { addPaperToCollection, removePaperFromCollection } from './collections/collect-paper';
import { createCollection } from './collections/create-collection';
import { listForYou, type ForYouFeed } from './list-for-you';

describe.each(DIALECTS)('listForYou on %s', (dialect) => {
  let f: ForYouFixture;
  const viewerOf = async (account: { id: number }): Promise<Viewer> => toViewer((await findAccountById(f.deps.db, account.id))!);
  const newViewer = async () => viewerOf(await createAccount(f.deps));
  const upvote = (v: Viewer, arxivId: string, direction: 'up' | 'none' = 'up') => castVote(f.deps, v, { arxivId, direction });
  const topics = (feed: ForYouFeed) => feed.items.map((i) => f.topicOf.get(i.paper.arxivId));
  const ids = (feed: ForYouFeed) => feed.items.map((i) => i.paper.arxivId);

  beforeAll(async () => {
    f = await createForYouFixture(dialect);
  });
  afterAll(async () => {
    await f.drop();
  });

  it('is empty for a reader who liked nothing; the window is the 30 days up to the newest paper', async () => {
    const feed = await listForYou(f.deps, (await newViewer()).id);
    // The newest paper is the one listed on 2026-08-20 (the clock says 2026-08-22).
    expect(feed).toEqual({ items: [], likeCount: 0, source: 'vector', window: { from: '2026-07-22', to: '2026-08-20' } });
  });

  it('changes with what the reader likes: upvotes on one topic bring that topic first, newer likes move it, unvoting takes it back', async () => {
    const v = await newViewer();
    for (const id of f.old('vision').slice(0, 2)) await upvote(v, id);
    const vision = await listForYou(f.deps, v.id, { limit: 10 });
    expect(vision.likeCount).toBe(2);
    expect(vision.source).toBe('vector');
    // Fewer than asked: papers below the minimum cosine or too like a pick are left out.
    expect(vision.items.length).toBeGreaterThanOrEqual(6);
    // Recent vision papers (and the old one listed in the window) are the nearest candidates; the
    // tiny corpus's papers of a topic are so alike that some count as near-duplicates of a pick.
    expect(topics(vision).slice(0, 5)).toEqual(Array(5).fill('vision'));
    expect(vision.items.every((i) => f.old('vision').slice(0, 2).includes(i.because.arxivId))).toBe(true);

    for (const id of f.old('proteins').slice(0, 4)) await upvote(v, id);
    const both = await listForYou(f.deps, v.id, { limit: 10 });
    expect(both.likeCount).toBe(6);
    // Proteins now weigh 4 of 6: the first pick and most of the feed are proteins, the rest vision.
    expect(topics(both)[0]).toBe('proteins');
    expect(topics(both).filter((t) => t === 'proteins').length).toBeGreaterThanOrEqual(5);
    expect(topics(both).filter((t) => t === 'vision').length).toBeGreaterThanOrEqual(2);
    for (const item of both.items.filter((i) => ['vision', 'proteins'].includes(topics(both)[both.items.indexOf(i)]!))) {
      expect(f.topicOf.get(item.because.arxivId)).toBe(f.topicOf.get(item.paper.arxivId));
    }

    for (const id of f.old('proteins').slice(0, 4)) await upvote(v, id, 'none');
    expect(ids(await listForYou(f.deps, v.id, { limit: 10 }))).toEqual(ids(vision));
  });

  it('recommends only papers of the window (published or listed in it), never a liked one', async () => {
    const v = await newViewer();
    for (const id of [...f.old('vision').slice(0, 2), f.recent('vision')[0]!]) await upvote(v, id);
    const feed = await listForYou(f.deps, v.id, { limit: 50 });
    // Unrelated papers (below the minimum cosine) are left out rather than padding the feed.
    expect(feed.items.length).toBeGreaterThanOrEqual(6);
    expect(feed.items.length).toBeLessThan(40);
    expect(ids(feed)).not.toContain(f.recent('vision')[0]);
    for (const item of feed.items) {
      const isRecent = item.paper.publishedAt >= '2026-07-24';
      expect(isRecent || item.paper.arxivId === f.relisted).toBe(true);
    }
    expect(ids(feed)).toContain(f.relisted);
    expect(ids(feed)).not.toContain(f.old('vision')[2]);
  });

  it('counts the papers of a private collection for its owner only', async () => {
    const owner = await newViewer();
    const other = await newViewer();
    const shelf = await createCollection(f.deps, owner, { name: 'Robot shelf', isPublic: undefined });
    expect(shelf.isPublic).toBe(false);
    for (const id of f.old('robots').slice(0, 3)) await addPaperToCollection(f.deps, owner, { slug: shelf.slug, arxivId: id });
    const mine = await listForYou(f.deps, owner.id, { limit: 10 });
    expect(mine.likeCount).toBe(3);
    expect(topics(mine).slice(0, 5)).toEqual(Array(5).fill('robots'));
    expect(await listForYou(f.deps, other.id)).toMatchObject({ items: [], likeCount: 0 });

    for (const id of f.old('robots').slice(0, 3)) await removePaperFromCollection(f.deps, owner, { slug: shelf.slug, arxivId: id });
    expect(await listForYou(f.deps, owner.id)).toMatchObject({ items: [], likeCount: 0 });
  });

  it('leaves out the excluded papers and ranks the given days only (as the digest asks)', async () => {
    const v = await newViewer();
    await upvote(v, f.old('language')[0]!);
    const all = await listForYou(f.deps, v.id, { limit: 5 });
    const excluded = all.items.slice(0, 2).map((i) => i.paper.id);
    const without = await listForYou(f.deps, v.id, { limit: 5, excludeIds: excluded });
    expect(without.items.map((i) => i.paper.id)).not.toContain(excluded[0]);
    expect(without.items.map((i) => i.paper.id)).not.toContain(excluded[1]);
    const oneDay = await listForYou(f.deps, v.id, { window: { from: '2026-08-15', to: '2026-08-15' } });
    expect(oneDay.window).toEqual({ from: '2026-08-15', to: '2026-08-15' });
    expect(oneDay.items.length).toBeGreaterThan(0);
    for (const item of oneDay.items) expect(item.paper.publishedAt.slice(0, 10)).toBe('2026-08-15');
  });

  it('falls back to title words of the latest likes without a vector index', async () => {
    const v = await newViewer();
    for (const id of f.old('proteins').slice(0, 2)) await upvote(v, id);
    const feed = await listForYou({ ...f.deps, vectors: undefined }, v.id, { limit: 6 });
    expect(feed.source).toBe('keyword');
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.items.filter((i) => f.topicOf.get(i.paper.arxivId) === 'proteins').length).toBeGreaterThanOrEqual(Math.ceil(feed.items.length / 2));
    for (const item of feed.items) {
      expect(f.old('proteins').slice(0, 2)).toContain(item.because.arxivId);
      expect(item.paper.publishedAt >= '2026-07-24').toBe(true);
    }
  });
});
