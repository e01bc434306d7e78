import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trendingScore } from '../domain/trending';
import { silentLogger } from '../log';
import { createTestDb, DIALECTS, type TestDb } from '../../test/databases';
import { formatSummary, importFiles, type ImportFilesInput } from './import-files';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/import/', import.meta.url));
const HF_SAMPLES = path.resolve(FIXTURES, '../../../../shared/data/hf-api-samples');
const fixture = (name: string) => path.join(FIXTURES, name);

describe.each(DIALECTS)('importFiles on %s', (dialect) => {
  let db: TestDb;
  let tmp: string;
  let bad: string[];
  let clock: Date;
  const run = (files: string[], extra: Partial<ImportFilesInput> = {}) =>
    importFiles({ db, log: silentLogger, now: () => clock }, { files, onBadRecord: (m) => bad.push(m), ...extra });

  beforeEach(async () => {
    db = await createTestDb(dialect);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-import-'));
    bad = [];
    clock = new Date('2026-01-01T00:00:00.000Z');
  });
  afterEach(async () => {
    await db.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Every row the importer may touch, in a stable order. */
  async function snapshot() {
    const k = db.kysely;
    return {
      papers: await k.selectFrom('papers').selectAll().orderBy('arxiv_id').execute().then((rows) => rows.map(({ search_vector: _, ...r }: any) => r)),
      categories: await k.selectFrom('paper_categories').selectAll().orderBy('paper_id').orderBy('category').execute(),
      listings: await k.selectFrom('listings').selectAll().orderBy('paper_id').orderBy('listed_on').execute(),
      users: await k.selectFrom('users').selectAll().orderBy('username').execute(),
    };
  }
  const paper = (arxivId: string) => db.kysely.selectFrom('papers').selectAll().where('arxiv_id', '=', arxivId).executeTakeFirstOrThrow();

  it('imports papers and daily rows, papers files first, and reports bad records as file:line: reason', async () => {
    const summary = await run([fixture('daily.jsonl'), fixture('papers.jsonl'), fixture('papers-with-bad.jsonl')]);
    expect(summary.failures).toEqual([]);
    expect(summary.papers).toEqual({ inserted: 5, updated: 0, unchanged: 0 });
    expect(summary.listings).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(summary.skipped).toBe(9);
    expect(formatSummary(summary)).toBe('inserted 9, updated 0, unchanged 0, skipped 9');
    expect(bad).toEqual([
      'papers-with-bad.jsonl:2: id: "2413.99999" has month 13; months are 01 to 12',
      'papers-with-bad.jsonl:3: missing title',
      expect.stringMatching(/^papers-with-bad\.jsonl:4: published: "2024-02-30" is not a date/),
      'papers-with-bad.jsonl:5: not JSON (this line is not JSON at all)',
      'papers-with-bad.jsonl:7: title: is empty',
      expect.stringMatching(/^papers-with-bad\.jsonl:8: authors: expected array/),
      expect.stringMatching(/^daily\.jsonl:6: date: /),
      expect.stringMatching(/^daily\.jsonl:7: upvotes: /),
      'daily.jsonl:5: unknown paper 2402.99999 (import the papers file that has it first)',
    ]);

    const attention = await paper('2401.01234');
    expect(attention).toMatchObject({
      title: 'Attention Is Still All You Need',
      authors: JSON.stringify(['Ada Lovelace', 'Alan Turing']),
      categories: JSON.stringify(['cs.CL', 'cs.LG']),
      published_at: '2024-01-02T00:00:00.000Z',
      github_repo: 'https://github.com/example/attention',
      imported_upvotes: 12,
      upvotes: 12,
      num_comments: 2,
      first_listed_at: '2024-01-03T00:00:00.000Z',
      created_at: clock.toISOString(),
    });
    const categories = await db.kysely.selectFrom('paper_categories').select('category').where('paper_id', '=', attention.id).orderBy('category').execute();
    expect(categories.map((c) => c.category)).toEqual(['cs.CL', 'cs.LG']);
    expect(await paper('2401.05678')).toMatchObject({ is_published_approx: 1, upvotes: 0, first_listed_at: '2024-01-06T00:00:00.000Z' });
    expect(await paper('hep-th/9901001')).toMatchObject({ first_listed_at: null, trending_score: null });

    const twice = await paper('2402.00001');
    expect(twice).toMatchObject({ github_repo: 'https://github.com/example/wrapped', imported_upvotes: 40, upvotes: 40, num_comments: 3 });
    expect(twice.first_listed_at).toBe('2024-02-02T00:00:00.000Z');
    expect(twice.trending_score).toBeCloseTo(trendingScore(40, '2024-02-02T00:00:00.000Z'), 6);
    const users = await db.kysely.selectFrom('users').select(['username', 'fullname']).orderBy('username').execute();
    expect(users).toEqual([{ username: 'akhaliq', fullname: 'akhaliq' }, { username: 'taesiri', fullname: 'taesiri' }]);
  });

  it('changes nothing, not even updated_at, when the same files are imported again', async () => {
    const files = [fixture('papers.jsonl'), fixture('daily.jsonl'), fixture('hf-daily.json'), path.join(HF_SAMPLES, 'daily_papers-date-2025-10-29.json'), path.join(HF_SAMPLES, 'papers-search-item.json'), path.join(HF_SAMPLES, 'papers-search-q-kazakh.json')];
    const first = await run(files);
    const before = await snapshot();
    clock = new Date('2026-02-01T00:00:00.000Z');
    const second = await run(files);
    expect(second.papers).toEqual({ inserted: 0, updated: 0, unchanged: first.papers.inserted + first.papers.updated + first.papers.unchanged });
    expect(second.listings).toEqual({ inserted: 0, updated: 0, unchanged: first.listings.inserted + first.listings.updated + first.listings.unchanged });
    expect(formatSummary(second)).toMatch(/^inserted 0, updated 0, unchanged \d+, skipped \d+$/);
    expect(await snapshot()).toEqual(before);
  });

  it('merges an HF answer into our papers without overwriting our metadata', async () => {
    await run([fixture('papers.jsonl'), fixture('daily.jsonl')]);
    bad = [];
    const summary = await run([fixture('hf-daily.json')]);
    expect(summary.papers).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(summary.listings).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(bad).toEqual([expect.stringMatching(/^hf-daily\.json:#2: paper\.id: .*5 digits/)]);
    const attention = await paper('2401.01234');
    expect(attention).toMatchObject({
      title: 'Attention Is Still All You Need',
      abstract: 'We revisit attention. $O(n^2)$ cost.',
      authors: JSON.stringify(['Ada Lovelace', 'Alan Turing']),
      project_page: 'https://attention.example.org',
      github_stars: 120,
      ai_summary: 'Attention, again.',
      ai_keywords: JSON.stringify(['attention', 'transformers']),
      published_at: '2024-01-02T00:00:00.000Z',
      imported_upvotes: 30,
      upvotes: 30,
      num_comments: 4,
      first_listed_at: '2024-01-03T01:02:03.456Z',
      updated_at: clock.toISOString(),
    });
    const listing = await db.kysely.selectFrom('listings').selectAll().where('paper_id', '=', attention.id).executeTakeFirstOrThrow();
    expect(listing).toMatchObject({ listed_on: '2024-01-03', submitted_at: '2024-01-03T01:02:03.456Z', imported_upvotes: 30, imported_comments: 4 });
    const ak = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'akhaliq').executeTakeFirstOrThrow();
    expect(ak).toMatchObject({ id: listing.submitter_id, fullname: 'AK', avatar_url: 'https://huggingface.co/avatars/akhaliq.svg' });
    expect(await paper('2401.09999')).toMatchObject({ authors: JSON.stringify(['Katherine Johnson']), published_at: '2024-01-02T09:30:00.000Z', upvotes: 7 });
  });

  it('imports a raw /api/daily_papers answer as papers, listings and submitters', async () => {
    const summary = await run([path.join(HF_SAMPLES, 'daily_papers-date-2025-10-29.json')]);
    expect(summary).toMatchObject({ papers: { inserted: 24 }, listings: { inserted: 24 }, skipped: 0, failures: [] });
    const p = await paper('2510.24668');
    expect(p).toMatchObject({ title: 'InteractComp: Evaluating Search Agents With Ambiguous Queries', upvotes: 53, num_comments: 1, published_at: '2025-10-28T17:35:54.000Z' });
    expect(JSON.parse(p.authors)).toHaveLength(25);
    const days = await db.kysely.selectFrom('listings').select('listed_on').distinct().execute();
    expect(days).toEqual([{ listed_on: '2025-10-29' }]);
    const user = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'didiforhugface').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ fullname: 'Jiayi Zhang', avatar_url: 'https://huggingface.co/avatars/afa5ce72324112739e539865c9aee26b.svg' });
    // An old answer without submittedOnDailyAt is dated by the day in its file name.
    await run([path.join(HF_SAMPLES, 'daily_papers-date-2025-03-12.json')]);
    const march = await db.kysely.selectFrom('listings').select((eb) => eb.fn.countAll<number>().as('n')).where('listed_on', '=', '2025-03-12').executeTakeFirstOrThrow();
    expect(Number(march.n)).toBe(23);
  });

  it('keeps upvotes, comment counts and trending consistent with vote and comment rows', async () => {
    await run([fixture('papers.jsonl'), fixture('daily.jsonl')]);
    const target = await paper('2402.00001');
    const voter = await db.kysely.insertInto('users').values({ username: 'voter', fullname: 'Voter', avatar_url: null, created_at: clock.toISOString() }).returning('id').executeTakeFirstOrThrow();
    await db.kysely.insertInto('votes').values({ user_id: voter.id, paper_id: target.id, created_at: clock.toISOString() }).execute();
    await db.kysely.insertInto('comments').values({ paper_id: target.id, user_id: voter.id, parent_id: null, body: 'Nice', created_at: clock.toISOString(), updated_at: clock.toISOString(), hidden_at: null, hidden_reason: null }).execute();
    const newer = path.join(tmp, 'newer-snapshot.jsonl');
    fs.writeFileSync(newer, `${JSON.stringify({ date: '2024-02-09', id: '2402.00001', upvotes: 45, comments: 3, submittedBy: 'taesiri' })}\n`);
    const summary = await run([newer]);
    expect(summary.listings).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await paper('2402.00001')).toMatchObject({ imported_upvotes: 45, upvotes: 46, imported_comments: 3, num_comments: 4 });
    // An older, smaller snapshot never lowers a count.
    fs.writeFileSync(newer, `${JSON.stringify({ date: '2024-02-09', id: '2402.00001', upvotes: 2, comments: 0, submittedBy: 'taesiri' })}\n`);
    expect((await run([newer])).listings).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    for (const p of (await snapshot()).papers) {
      const votes = await db.kysely.selectFrom('votes').select((eb) => eb.fn.countAll<number>().as('n')).where('paper_id', '=', p.id).executeTakeFirstOrThrow();
      const top = await db.kysely.selectFrom('listings').select((eb) => [eb.fn.max('imported_upvotes').as('up'), eb.fn.min('submitted_at').as('first')]).where('paper_id', '=', p.id).executeTakeFirstOrThrow();
      expect(p.upvotes, p.arxiv_id).toBe(p.imported_upvotes + Number(votes.n));
      expect(p.imported_upvotes, p.arxiv_id).toBe(Math.max(0, Number(top.up ?? 0)));
      expect(p.first_listed_at, p.arxiv_id).toBe(top.first ?? null);
      expect(p.trending_score, p.arxiv_id).toBe(top.first ? trendingScore(p.upvotes, top.first) : null);
    }
  });

  it('reads gzip and plain files alike, by content, in a worker thread or not', async () => {
    const gz = path.join(tmp, 'papers-copy.data');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(fixture('papers.jsonl'))));
    const gzDaily = path.join(tmp, 'whatever.jsonl.gz');
    fs.writeFileSync(gzDaily, zlib.gzipSync(fs.readFileSync(fixture('daily.jsonl'))));
    const first = await run([gz, gzDaily], { workerThresholdBytes: 0 });
    expect(first).toMatchObject({ papers: { inserted: 4 }, listings: { inserted: 4 }, skipped: 3, failures: [] });
    expect(bad).toContain('whatever.jsonl.gz:5: unknown paper 2402.99999 (import the papers file that has it first)');
    const plain = await run([fixture('papers.jsonl'), fixture('daily.jsonl')]);
    expect(plain).toMatchObject({ papers: { inserted: 0, updated: 0, unchanged: 4 }, listings: { inserted: 0, updated: 0, unchanged: 4 } });
  });

  it('reports a missing or unreadable file and still imports the others', async () => {
    const missing = path.join(tmp, 'missing.jsonl');
    const summary = await run([missing, tmp, fixture('papers.jsonl')]);
    expect(summary.papers.inserted).toBe(4);
    expect(summary.failures).toEqual([
      { file: missing, reason: `${missing}: cannot read (no such file)` },
      { file: tmp, reason: `${tmp}: is a directory, not a file` },
    ]);
  });

  it('fails a file in which nothing could be imported', async () => {
    const empty = path.join(tmp, 'empty.jsonl');
    fs.writeFileSync(empty, '\n\n');
    const brokenJson = path.join(tmp, 'broken.json');
    fs.writeFileSync(brokenJson, '[{"paper": ');
    const summary = await run([fixture('all-bad.jsonl'), fixture('not-json.txt'), empty, brokenJson]);
    expect(summary.failures.map((f) => f.reason)).toEqual([
      `${fixture('all-bad.jsonl')}: nothing could be imported (3 bad records)`,
      `${fixture('not-json.txt')}: nothing could be imported (2 bad records)`,
      `${empty}: no records in the file`,
      expect.stringMatching(/broken\.json: not valid JSON/),
    ]);
    expect(bad).toContain('not-json.txt:1: not JSON (Dear reviewer,)');
  });

  it('leaves stored data intact when an import fails', async () => {
    await run([fixture('papers.jsonl'), fixture('daily.jsonl')]);
    const before = await snapshot();
    // A gzip file cut short: its batch is never committed, so the changed titles do not land.
    const changed = fs.readFileSync(fixture('papers.jsonl'), 'utf8').replaceAll('"title": "', '"title": "Changed ');
    const gz = zlib.gzipSync(changed);
    const truncated = path.join(tmp, 'truncated.jsonl.gz');
    fs.writeFileSync(truncated, gz.subarray(0, gz.length - 20));
    clock = new Date('2026-03-01T00:00:00.000Z');
    const summary = await run([fixture('all-bad.jsonl'), fixture('not-json.txt'), truncated]);
    expect(summary.failures).toHaveLength(3);
    expect(summary.failures.find((f) => f.file === truncated)?.reason).toMatch(/truncated\.jsonl\.gz: cannot read \(corrupt gzip data/);
    expect(await snapshot()).toEqual(before);
  });
});
