import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { importFiles } from '../features/import-files';
import { diffShapes, shapeOf, subShape, type Shape, type ShapeDiff } from './json-shape';

/**
 * Contract tests: the raw responses of huggingface.co (../shared/data/hf-api-samples/) are loaded
 * into a test database, the same requests are made to our server, and the shapes of the two
 * answers (field names and JSON types, recursively) are compared field by field. Every field a
 * sample has must be in ours with the same type, except the knowingly absent ones listed below
 * with their reason.
 */
const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/data/hf-api-samples');
const DAILY_SAMPLES = ['2024-05-27', '2025-03-12', '2025-10-29', '2026-08-21'];

type SampleUser = { user?: string; name?: string; fullname?: string; avatarUrl?: string };
type SampleItem = {
  paper: {
    id: string;
    title: string;
    summary: string;
    authors: Array<{ name: string }>;
    publishedAt: string;
    upvotes: number;
    submittedOnDailyAt?: string;
    submittedOnDailyBy?: SampleUser;
    githubRepo?: string;
    githubStars?: number;
    projectPage?: string;
    ai_summary?: string;
    ai_keywords?: string[];
  };
  publishedAt: string;
  numComments: number;
  submittedBy?: SampleUser;
};

function readSample<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(SAMPLES, name), 'utf8')) as T;
}

/** What we knowingly do not send, and why. Paths are relative to a daily item (`$[]`). */
const ITEM_ABSENT: Record<string, string> = {
  organization: 'no Hub organisations here; a paper is not claimed by an org',
  'paper.organization': 'same as organization',
  mediaUrls: 'no media uploaded yet (comes with submissions)',
  'paper.mediaUrls': 'same as mediaUrls',
  mediaUrl: "the 2024 format's field, replaced by `thumbnail` in the Hub's later answers (which we send)",
  'paper.authors[].status': 'authors cannot claim papers here yet, so no claim status',
  'paper.authors[].statusLastChangedAt': 'same as status',
  'paper.authors[].user': 'same as status: no author is linked to an account',
  'paper.githubRepoAddedBy': 'imports do not say who added the repository',
  'paper.ai_summary_model': 'imports do not say which model wrote ai_summary',
  'submittedBy.isUserFollowing': 'depends on who is asking; reads here are anonymous (only the 2026-08-21 sample has it)',
};

function absentUnder(prefix: string, absent: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(absent).map(([p, why]) => [`${prefix}.${p}`, why]));
}

function expectNoGaps(diff: ShapeDiff, label: string) {
  expect(diff.missing, `${label}: fields the Hub sends and we do not`).toEqual([]);
  expect(diff.typeMismatches, `${label}: fields with another JSON type`).toEqual([]);
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HUB_ID = /^[0-9a-f]{24}$/;
const TIME_KEYS = new Set(['publishedAt', 'submittedOnDailyAt', 'statusLastChangedAt', 'withdrawnAt', 'createdAt', 'updatedAt']);

/** Checks every `_id`/`discussionId` and every time field anywhere in a value; returns the count. */
function checkIdsAndTimes(value: unknown): number {
  let checked = 0;
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (key === '_id' || key === 'discussionId') (expect(v, key).toMatch(HUB_ID), checked++);
    else if (TIME_KEYS.has(key)) (expect(v, key).toMatch(TIME), checked++);
  };
  walk(value, '$');
  return checked;
}

describe.each(DIALECTS)('HF API contract on %s', (dialect) => {
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let app: Awaited<ReturnType<typeof createTestApp>>['app'];
  const samples = new Map(DAILY_SAMPLES.map((d) => [d, readSample<SampleItem[]>(`daily_papers-date-${d}.json`)]));
  const searchSample = readSample<SampleItem[]>('papers-search-q-kazakh.json');

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    // The samples go in through the real importer, as `paperboy import` would load them.
    const files = [...DAILY_SAMPLES.map((d) => `daily_papers-date-${d}.json`), 'papers-search-q-kazakh.json'];
    const summary = await importFiles(deps, { files: files.map((f) => path.join(SAMPLES, f)) });
    expect(summary.failures).toEqual([]);
    expect(summary.skipped).toBe(0);
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  const getJson = async (url: string) => {
    const res = await app.request(url);
    expect(res.status, url).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return res.json() as Promise<unknown>;
  };

  it.each(DAILY_SAMPLES)('GET /api/daily_papers?date=%s has every field of the sample, with its type', async (date) => {
    const sample = samples.get(date)!;
    const ours = (await getJson(`/api/daily_papers?date=${date}&limit=100`)) as SampleItem[];
    expectNoGaps(diffShapes(shapeOf(sample), shapeOf(ours), absentUnder('$[]', ITEM_ABSENT)), date);
    // Same papers, same facts.
    expect(ours.map((i) => i.paper.id).sort()).toEqual(sample.map((i) => i.paper.id).sort());
    const byId = new Map(ours.map((i) => [i.paper.id, i]));
    for (const s of sample) {
      const o = byId.get(s.paper.id)!;
      // The importer folds arXiv's line breaks in titles; the words are the same.
      expect(o.paper.title.replace(/\s+/g, ' ')).toBe(s.paper.title.replace(/\s+/g, ' '));
      expect(o.paper.upvotes).toBe(s.paper.upvotes);
      expect(o.numComments).toBe(s.numComments);
      expect(o.paper.githubRepo).toBe(s.paper.githubRepo);
      expect(o.paper.authors.map((a) => a.name)).toEqual(s.paper.authors.map((a) => a.name));
      expect(o.paper.publishedAt).toBe(s.paper.publishedAt);
    }
    // Ranked by upvotes, as the Hub's default.
    const upvotes = ours.map((i) => i.paper.upvotes);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(checkIdsAndTimes(ours)).toBeGreaterThan(ours.length * 3);
  });

  it('answers every sample path at once (union of the four days) with no gap', async () => {
    const all = DAILY_SAMPLES.flatMap((d) => samples.get(d)!);
    const ours: unknown[] = [];
    for (const d of DAILY_SAMPLES) ours.push(...((await getJson(`/api/daily_papers?date=${d}&limit=100`)) as unknown[]));
    const diff = diffShapes(shapeOf(all), shapeOf(ours), absentUnder('$[]', ITEM_ABSENT));
    expectNoGaps(diff, 'union');
    // The list of knowingly absent fields stays honest: each one is in a sample and not in ours.
    for (const p of Object.keys(ITEM_ABSENT)) expect(diff.excused, p).toContain(`$[].${p}`);
    // Nothing extra but `submittedBy.user`, which we add on purpose: the Python client reads the
    // user name from `user` (hf-papers-api.md), and the Hub leaves it out of this object.
    expect(diff.extra).toEqual(['$[].submittedBy.user']);
  });

  it('GET /api/papers/:id is the sample paper object plus the linked-repository fields', async () => {
    const sample = DAILY_SAMPLES.flatMap((d) => samples.get(d)!);
    const answers = [];
    for (const item of sample) answers.push(await getJson(`/api/papers/${item.paper.id}`));
    const paperShape: Shape = subShape(shapeOf(sample), '$[].paper');
    const diff = diffShapes(paperShape, shapeOf(...answers), paperAbsent());
    expectNoGaps(diff, 'paper');
    expect(diff.extra.sort()).toEqual(['$.linkedDatasets', '$.linkedModels', '$.linkedSpaces', '$.numTotalDatasets', '$.numTotalModels', '$.numTotalSpaces']);
    expect(answers[0]).toMatchObject({ linkedModels: [], numTotalModels: 0, linkedDatasets: [], numTotalDatasets: 0, linkedSpaces: [], numTotalSpaces: 0 });
    for (const a of answers) checkIdsAndTimes(a);
  });

  it('GET /api/papers lists paper objects of the same shape', async () => {
    const ours = await getJson('/api/papers?limit=100');
    const paperShape = subShape(shapeOf(DAILY_SAMPLES.flatMap((d) => samples.get(d)!)), '$[].paper');
    const arrayOfPapers: Shape = new Map([...paperShape].map(([p, t]) => [p.replace(/^\$/, '$[]'), t]));
    arrayOfPapers.set('$', new Set(['array']));
    // Paper objects outside a daily list know when the paper was first listed but not by whom.
    const absent = { ...Object.fromEntries(Object.entries(paperAbsent()).map(([p, w]) => [p.replace(/^\$/, '$[]'), w])), '$[].submittedOnDailyBy': 'a paper listed without its listing does not carry the submitter' };
    expectNoGaps(diffShapes(arrayOfPapers, shapeOf(ours), absent), 'papers list');
  });

  it('GET /api/papers/search?q=kazakh matches the search sample field by field', async () => {
    const ours = (await getJson('/api/papers/search?q=kazakh')) as Array<{ paper: { id: string }; highlightedTitle: Array<{ type: string; text: string }>; title: string }>;
    const absent = {
      '$[].paper.authors[].status': ITEM_ABSENT['paper.authors[].status']!,
      '$[].paper.authors[].statusLastChangedAt': ITEM_ABSENT['paper.authors[].statusLastChangedAt']!,
      '$[].paper.authors[].user': ITEM_ABSENT['paper.authors[].user']!,
    };
    expectNoGaps(diffShapes(shapeOf(searchSample), shapeOf(ours), absent), 'search');
    // The single search item sample (the same object, trimmed), read as a one-item answer.
    expectNoGaps(diffShapes(shapeOf([readSample<unknown>('papers-search-item.json')]), shapeOf(ours), absent), 'search item');
    expect(ours.map((i) => i.paper.id).sort()).toEqual(searchSample.map((i) => i.paper.id).sort());
    for (const item of ours) {
      expect(item.highlightedTitle.map((s) => s.text).join('').replace(/\s+/g, ' ').trim()).toBe(item.title);
      expect(item.highlightedTitle.some((s) => s.type === 'highlight' && /kazakh/i.test(s.text))).toBe(true);
    }
    checkIdsAndTimes(ours);
  });
});

/** Knowingly absent fields of a paper object (paths rooted at the paper). */
function paperAbsent(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, why] of Object.entries(ITEM_ABSENT)) if (p.startsWith('paper.')) out[`$.${p.slice('paper.'.length)}`] = why;
  return out;
}
