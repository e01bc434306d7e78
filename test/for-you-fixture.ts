import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../src/app';
import type { Deps } from '../src/deps';
import type { Dialect } from '../src/storage/database';
import type { TestDb } from './databases';
import { createTestDeps } from './deps';
import { insertListing, insertPaper } from './factories';
import { tinyCorpus, type TinyPaper } from './tiny-corpus';
import { TINY_CATEGORY, tinyVectorSearch, trainTinyModel } from './tiny-vectors';

/** The clock of "For you" tests: FOR_YOU_DAYS (30) back from here is 2026-07-24. */
export const FOR_YOU_NOW = new Date('2026-08-22T12:00:00Z');
/** Papers per topic; the first OLD_PER_TOPIC of each are older than the window (the ones tests like). */
const PER_TOPIC = 15;
const OLD_PER_TOPIC = 5;

// Six topic words an abstract: papers of a topic differ as real ones do (cosines 0.55-0.9), not near-copies.
const corpus = tinyCorpus(PER_TOPIC, 7, 6);
const model = trainTinyModel(corpus);

export type ForYouFixture = {
  deps: Deps & { db: TestDb };
  app: App;
  /** arXiv id → topic. */
  topicOf: Map<string, TinyPaper['topic']>;
  /** arXiv ids of a topic's papers older than the window (to be liked) and inside it (candidates). */
  old: (topic: TinyPaper['topic']) => string[];
  recent: (topic: TinyPaper['topic']) => string[];
  /** An old vision paper put on the list inside the window (a candidate by its listing). */
  relisted: string;
  drop(): Promise<void>;
};

/**
 * A database with the tiny corpus (4 topics × 15 papers, a third of each topic published in
 * April 2026, the rest published 10-19 August), a tiny trained model and its index, and the
 * app over it. `env` adds configuration (createTestDeps).
 */
export async function createForYouFixture(dialect: Dialect, env: Record<string, string> = {}): Promise<ForYouFixture> {
  let deps = await createTestDeps(dialect, FOR_YOU_NOW, env);
  const topicOf = new Map<string, TinyPaper['topic']>();
  const byTopic = new Map<string, { old: string[]; recent: string[] }>();
  for (const [i, p] of corpus.entries()) {
    const arxivId = `2604.${String(30000 + i)}`;
    const group = byTopic.get(p.topic) ?? { old: [], recent: [] };
    byTopic.set(p.topic, group);
    const isOld = group.old.length < OLD_PER_TOPIC;
    const day = isOld ? `2026-04-${String(1 + group.old.length).padStart(2, '0')}` : `2026-08-${String(10 + (i % 10)).padStart(2, '0')}`;
    (isOld ? group.old : group.recent).push(arxivId);
    topicOf.set(arxivId, p.topic);
    await insertPaper(deps.db, { arxivId, title: p.title, abstract: p.abstract, categories: [TINY_CATEGORY[p.topic]], publishedAt: `${day}T00:00:00.000Z` });
  }
  // The last old vision paper is kept out of the likes and put on a list in the window.
  const relisted = byTopic.get('vision')!.old.pop()!;
  const relistedId = (await deps.db.kysely.selectFrom('papers').select('id').where('arxiv_id', '=', relisted).executeTakeFirstOrThrow()).id;
  await insertListing(deps.db, relistedId, '2026-08-20');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-for-you-'));
  deps = { ...deps, vectors: tinyVectorSearch(deps.db, dir, model) };
  await deps.vectors!.rebuild();
  return {
    deps,
    app: createApp(deps),
    topicOf,
    old: (t) => byTopic.get(t)!.old,
    recent: (t) => byTopic.get(t)!.recent,
    relisted,
    drop: async () => {
      await deps.db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
