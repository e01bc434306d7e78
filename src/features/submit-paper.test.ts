import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startArxivReplayServer, type ArxivReplayServer } from '../../test/arxiv-replay-server';
import { createAccount, type AccountOptions } from '../../test/accounts';
import { DIALECTS } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';
import type { Deps } from '../deps';
import { toViewer, type Viewer } from '../domain/account';
import type { Dialect } from '../storage/database';
import { findAccountById } from '../storage/repos/accounts-repo';
import { importFiles } from './import-files';
import { listPeriod } from './list-period';
import { submitPaper } from './submit-paper';

// Both recorded papers of early 2024 are less than 14 days old on this day (2024-01-30, 2024-02-05).
const NOW = new Date('2024-02-10T12:00:00Z');

describe.each(DIALECTS)('submitPaper on %s', (dialect: Dialect) => {
  let arxiv: ArxivReplayServer;
  const opened: Array<Deps & { db: { drop(): Promise<void> } }> = [];

  beforeAll(async () => {
    arxiv = await startArxivReplayServer();
  });
  afterAll(() => arxiv.close());
  afterEach(async () => {
    arxiv.requests.length = 0;
    await Promise.all(opened.splice(0).map((d) => d.db.drop()));
  });

  async function setup(now = NOW, env: Record<string, string> = {}) {
    const deps = await createTestDeps(dialect, now, { ARXIV_API_URL: arxiv.url, ...env });
    opened.push(deps);
    return deps;
  }

  async function member(deps: Deps, options: AccountOptions = {}): Promise<Viewer> {
    const account = await createAccount(deps, options);
    return toViewer((await findAccountById(deps.db, account.id))!);
  }

  async function rowCounts(deps: Deps) {
    const count = async (table: 'papers' | 'listings' | 'paper_categories') =>
      Number((await deps.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { papers: await count('papers'), listings: await count('listings'), categories: await count('paper_categories') };
  }

  it('fetches a new paper from arXiv, stores it and lists it today under the submitter', async () => {
    const deps = await setup();
    const viewer = await member(deps);
    const result = await submitPaper(deps, viewer, { arxivId: '2401.17377' });
    expect(result).toEqual({ arxivId: '2401.17377', listedOn: '2024-02-10', paperUrl: 'http://paperboy.test/papers/2401.17377' });
    expect(arxiv.requests.map((r) => r.idList)).toEqual(['2401.17377']);

    const paper = await deps.db.kysely.selectFrom('papers').selectAll().where('arxiv_id', '=', '2401.17377').executeTakeFirstOrThrow();
    expect(paper.title).toBe('Infini-gram: Scaling Unbounded n-gram Language Models to a Trillion Tokens');
    expect(JSON.parse(paper.authors)).toEqual(['Jiacheng Liu', 'Sewon Min', 'Luke Zettlemoyer', 'Yejin Choi', 'Hannaneh Hajishirzi']);
    expect(JSON.parse(paper.categories)).toEqual(['cs.CL', 'cs.AI', 'cs.IR']);
    expect(paper.published_at).toBe('2024-01-30T00:00:00.000Z');
    expect(paper.abstract).toMatch(/^Are \$n\$-gram language models still relevant/);
    expect(paper.first_listed_at).toBe(NOW.toISOString());
    expect(paper.trending_score).not.toBeNull();
    expect(await rowCounts(deps)).toEqual({ papers: 1, listings: 1, categories: 3 });

    const day = await listPeriod(deps, { kind: 'day', key: '2024-02-10' });
    expect(day.items.map((i) => [i.paper.arxivId, i.submitter?.username, i.submittedAt])).toEqual([['2401.17377', viewer.username, NOW.toISOString()]]);
  });

  it('stores what a later import of the same arXiv metadata finds unchanged', async () => {
    const deps = await setup();
    await submitPaper(deps, await member(deps), { arxivId: '2401.17377' });
    const paper = await deps.db.kysely.selectFrom('papers').selectAll().executeTakeFirstOrThrow();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-submit-'));
    const file = path.join(dir, 'papers.jsonl');
    const line = {
      id: '2401.17377',
      title: paper.title,
      abstract: paper.abstract,
      authors: JSON.parse(paper.authors),
      published: '2024-01-30',
      categories: JSON.parse(paper.categories),
      github: null,
      published_approx: false,
    };
    fs.writeFileSync(file, `${JSON.stringify(line)}\n`);
    try {
      const summary = await importFiles(deps, { files: [file] });
      expect(summary.papers).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['https://arxiv.org/abs/2401.17377v2', '2401.17377'],
    ['arxiv.org/pdf/2402.02791v1.pdf', '2402.02791'],
    ['https://arxiv.org/pdf/2402.02791', '2402.02791'],
    ['arXiv:2401.17377v3', '2401.17377'],
    ['  2402.02791v1  ', '2402.02791'],
  ])('accepts %j as %s', async (input, id) => {
    const deps = await setup();
    const result = await submitPaper(deps, await member(deps), { arxivId: input });
    expect(result.arxivId).toBe(id);
    expect(arxiv.requests.map((r) => r.idList)).toEqual([id]);
  });

  it('accepts an old-style id by its abs URL', async () => {
    const deps = await setup(new Date('1997-12-01T12:00:00Z'));
    const result = await submitPaper(deps, await member(deps), { arxivId: 'https://arxiv.org/abs/hep-th/9711200v3' });
    expect(result).toMatchObject({ arxivId: 'hep-th/9711200', listedOn: '1997-12-01', paperUrl: 'http://paperboy.test/papers/hep-th/9711200' });
    expect((await deps.db.kysely.selectFrom('papers').select('title').executeTakeFirstOrThrow()).title).toMatch(/Large N Limit/);
  });

  it('does not ask arXiv for a paper it already has, and lists it with the stored metadata', async () => {
    const deps = await setup();
    const id = await insertPaper(deps.db, { arxivId: '2402.04444', publishedAt: '2024-02-08T00:00:00.000Z', upvotes: 7 });
    const result = await submitPaper(deps, await member(deps), { arxivId: 'https://arxiv.org/abs/2402.04444v1' });
    expect(result.listedOn).toBe('2024-02-10');
    expect(arxiv.requests).toHaveLength(0);
    const paper = await deps.db.kysely.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(paper.upvotes).toBe(7);
    expect(paper.first_listed_at).toBe(NOW.toISOString());
    expect(paper.trending_score).toBeGreaterThan(0);
  });

  it('refuses a paper published more than SUBMIT_MAX_AGE_DAYS ago, fetched or stored', async () => {
    const deps = await setup(new Date('2024-02-14T12:00:00Z'));
    const viewer = await member(deps);
    await expect(submitPaper(deps, viewer, { arxivId: '2401.17377' })).rejects.toMatchObject({
      name: 'InputError',
      message: '2401.17377 was published on 2024-01-30, more than 14 days ago; only papers from the last 14 days can be submitted.',
    });
    expect(await rowCounts(deps)).toEqual({ papers: 0, listings: 0, categories: 0 });
    await insertPaper(deps.db, { arxivId: '2401.05555', publishedAt: '2024-01-20T00:00:00.000Z' });
    arxiv.requests.length = 0;
    await expect(submitPaper(deps, viewer, { arxivId: '2401.05555' })).rejects.toThrow('2401.05555 was published on 2024-01-20, more than 14 days ago');
    expect(arxiv.requests).toHaveLength(0);
    // Exactly 14 days old is still fine.
    await insertPaper(deps.db, { arxivId: '2401.06666', publishedAt: '2024-01-31T23:00:00.000Z' });
    await expect(submitPaper(deps, viewer, { arxivId: '2401.06666' })).resolves.toMatchObject({ listedOn: '2024-02-14' });
  });

  it('honours SUBMIT_MAX_AGE_DAYS', async () => {
    const deps = await setup(NOW, { SUBMIT_MAX_AGE_DAYS: '3' });
    await expect(submitPaper(deps, await member(deps), { arxivId: '2402.02791' })).rejects.toThrow('more than 3 days ago');
  });

  it('refuses a paper already on a list, on any day, naming the day', async () => {
    const deps = await setup();
    const viewer = await member(deps);
    const id = await insertPaper(deps.db, { arxivId: '2402.03333', publishedAt: '2024-02-07T00:00:00.000Z' });
    await insertListing(deps.db, id, '2024-02-08');
    await expect(submitPaper(deps, viewer, { arxivId: '2402.03333' })).rejects.toMatchObject({
      status: 409,
      listedOn: '2024-02-08',
      message: '2402.03333 is already on the list of 2024-02-08.',
    });
    // Submitted today by someone else: refused with today's date.
    await submitPaper(deps, await member(deps), { arxivId: '2402.02791' });
    await expect(submitPaper(deps, viewer, { arxivId: 'arxiv.org/abs/2402.02791v1' })).rejects.toMatchObject({ status: 409, listedOn: '2024-02-10' });
    expect(arxiv.requests).toHaveLength(1);
    expect((await rowCounts(deps)).listings).toBe(2);
  });

  it('allows SUBMIT_DAILY_CAP submissions a day, then refuses until midnight in TIMEZONE', async () => {
    const deps = await setup(NOW, { TIMEZONE: 'America/New_York' });
    const viewer = await member(deps);
    const ids = ['2402.01111', '2402.01112', '2402.01113', '2402.01114'];
    for (const arxivId of ids) await insertPaper(deps.db, { arxivId, publishedAt: '2024-02-08T00:00:00.000Z' });
    for (const arxivId of ids.slice(0, 3)) await submitPaper(deps, viewer, { arxivId });
    const refusal = await submitPaper(deps, viewer, { arxivId: ids[3] }).catch((e: unknown) => e);
    // 12:00 UTC is 07:00 in New York: the day ends 17 hours later.
    expect(refusal).toMatchObject({ status: 429, retryAfterSeconds: 17 * 3600 });
    expect((refusal as Error).message).toBe('You have submitted 3 papers today, the most one account may submit in a day. Try again tomorrow.');
    expect((await rowCounts(deps)).listings).toBe(3);
    // Another account has its own allowance.
    await expect(submitPaper(deps, await member(deps), { arxivId: ids[3] })).resolves.toMatchObject({ listedOn: '2024-02-10' });
  });

  it('keeps the daily cap when submissions arrive at once', async () => {
    const deps = await setup();
    const viewer = await member(deps);
    const ids = Array.from({ length: 8 }, (_, i) => `2402.0200${i}`);
    for (const arxivId of ids) await insertPaper(deps.db, { arxivId, publishedAt: '2024-02-08T00:00:00.000Z' });
    const outcomes = await Promise.allSettled(ids.map((arxivId) => submitPaper(deps, viewer, { arxivId })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.status)).toEqual([429, 429, 429, 429, 429]);
    expect((await rowCounts(deps)).listings).toBe(3);
  });

  it('counts submissions against RATE_RULES.submissionsPerAccount (5 an hour for a new account)', async () => {
    const deps = await setup(NOW, { SUBMIT_DAILY_CAP: '100' });
    const viewer = await member(deps, { createdAt: new Date(NOW.getTime() - 3600 * 1000).toISOString() });
    for (let i = 0; i < 5; i++) await expect(submitPaper(deps, viewer, { arxivId: '2403.77777' })).rejects.toMatchObject({ status: 404 });
    await expect(submitPaper(deps, viewer, { arxivId: '2402.02791' })).rejects.toMatchObject({ name: 'RateLimitedError', status: 429 });
    expect(arxiv.requests).toHaveLength(5);
  });

  it('refuses unverified and banned accounts before anything else', async () => {
    const deps = await setup();
    await expect(submitPaper(deps, await member(deps, { verified: false }), { arxivId: '2401.17377' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/^Confirm your email address/),
    });
    await expect(submitPaper(deps, await member(deps, { banned: true }), { arxivId: '2401.17377' })).rejects.toMatchObject({
      status: 403,
      message: 'Your account is banned, so it cannot submit papers.',
    });
    expect(arxiv.requests).toHaveLength(0);
  });

  it('answers 503 with the client’s message when arXiv fails every try, and writes nothing', async () => {
    const deps = await setup();
    arxiv.failNext(4, '503');
    await expect(submitPaper(deps, await member(deps), { arxivId: '2401.17377' })).rejects.toMatchObject({
      status: 503,
      message: 'arXiv did not answer after 4 tries; try again in a few minutes',
    });
    expect(arxiv.requests.map((r) => r.answer)).toEqual(['503', '503', '503', '503']);
    expect(await rowCounts(deps)).toEqual({ papers: 0, listings: 0, categories: 0 });
  });

  it('rides out three failures (the fourth try answers)', async () => {
    const deps = await setup();
    arxiv.failNext(3, '503');
    await expect(submitPaper(deps, await member(deps), { arxivId: '2401.17377' })).resolves.toMatchObject({ arxivId: '2401.17377' });
    expect(arxiv.requests).toHaveLength(4);
  });

  it('answers 404 when arXiv has no such paper, and writes nothing', async () => {
    const deps = await setup();
    await expect(submitPaper(deps, await member(deps), { arxivId: '2402.99999' })).rejects.toMatchObject({
      status: 404,
      message: 'arXiv has no paper 2402.99999',
    });
    expect(await rowCounts(deps)).toEqual({ papers: 0, listings: 0, categories: 0 });
  });

  it.each([['not-an-id'], ['2402.1'], ['https://example.org/abs/2401.17377'], [''], [42], [null], [undefined]])('refuses %j without asking arXiv', async (input) => {
    const deps = await setup();
    await expect(submitPaper(deps, await member(deps), { arxivId: input })).rejects.toMatchObject({ name: 'InputError' });
    expect(arxiv.requests).toHaveLength(0);
  });
});
