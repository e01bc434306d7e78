import type { Insertable } from 'kysely';
import type { Db } from '../../src/storage/database';
import type { PaperTable } from '../../src/storage/schema';
import { readJsonl } from './jsonl';

/** A full papers row for a benchmark insert: the given fields, every other column empty. */
export function benchPaperRow(p: { arxivId: string; title: string; abstract: string | null; authors?: string[]; publishedAt: string; categories?: string[]; githubRepo?: string | null; isPublishedApprox?: boolean }): Insertable<PaperTable> {
  const now = new Date().toISOString();
  return {
    arxiv_id: p.arxivId,
    title: p.title,
    abstract: p.abstract,
    authors: JSON.stringify(p.authors ?? []),
    published_at: p.publishedAt,
    is_published_approx: p.isPublishedApprox ? 1 : 0,
    categories: JSON.stringify(p.categories ?? []),
    github_repo: p.githubRepo ?? null,
    github_stars: null,
    project_page: null,
    withdrawn_at: null,
    ai_summary: null,
    ai_keywords: null,
    trending_score: null,
    first_listed_at: null,
    content_hash: '',
    created_at: now,
    updated_at: now,
  };
}

type PaperRecord = {
  id: string;
  title: string;
  abstract: string | null;
  authors: string[];
  published: string;
  categories: string[];
  github: string | null;
  published_approx?: boolean;
};

/**
 * Bulk-loads `papers*.jsonl[.gz]` into an empty database for benchmarks (no listings, no
 * idempotence, no validation: the product's importer does that). Returns the number loaded.
 */
export async function loadPapers(db: Db, file: string, onProgress?: (n: number) => void): Promise<number> {
  let batch: PaperRecord[] = [];
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    await db.kysely.transaction().execute(async (trx) => {
      const ids = await trx
        .insertInto('papers')
        .values(
          records.map((p) =>
            benchPaperRow({
              arxivId: p.id,
              title: p.title,
              abstract: p.abstract,
              authors: p.authors,
              publishedAt: `${p.published}T00:00:00.000Z`,
              categories: p.categories,
              githubRepo: p.github,
              isPublishedApprox: p.published_approx,
            }),
          ),
        )
        .returning('id')
        .execute();
      const cats = records.flatMap((p, i) => [...new Set(p.categories)].map((category) => ({ paper_id: ids[i]!.id, category })));
      for (let i = 0; i < cats.length; i += 2000) await trx.insertInto('paper_categories').values(cats.slice(i, i + 2000)).execute();
    });
    total += records.length;
    onProgress?.(total);
  };
  for await (const p of readJsonl<PaperRecord>(file)) {
    batch.push(p);
    if (batch.length >= 1000) await flush();
  }
  await flush();
  return total;
}
