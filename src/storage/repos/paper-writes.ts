import type { Insertable } from 'kysely';
import type { PaperInput } from '../../domain/paper';
import type { Db } from '../database';
import type { PaperTable } from '../schema';
import { chunkRows } from './chunk-rows';
import { holdPaperArrivals } from './paper-arrivals';
import { PAPER_INPUT_COLUMNS, toPaperInput } from './rows';
import { cachedStatement, insertRows, valuesList } from './sqlite-statements';

/** A stored paper as the importer needs it: its key and its imported fields. */
export type StoredPaperFields = { id: number; fields: PaperInput };

/**
 * A paper to insert or overwrite, and for an overwrite the stored version it replaces (which a
 * full-text thread must unindex; see search/full-text-bulk-build.ts).
 */
export type PaperWrite = { fields: PaperInput; replaces?: PaperInput | null };

/** The columns an import overwrites on a paper that exists (not `created_at`, not counters). */
const IMPORTED_COLUMNS = [...PAPER_INPUT_COLUMNS.filter((c) => c !== 'arxiv_id'), 'updated_at'] as const;

/** Every column an import writes, in the order of the raw SQLite statement's parameters. */
const INSERT_COLUMNS = [...PAPER_INPUT_COLUMNS, 'created_at', 'updated_at'] as const;

/** The stored papers among `arxivIds`, keyed by arXiv id. */
export async function findPapersForImport(db: Db, arxivIds: string[]): Promise<Map<string, StoredPaperFields>> {
  const found = new Map<string, StoredPaperFields>();
  for (const ids of chunkRows([...new Set(arxivIds)], 1)) {
    const rows = await db.kysely
      .selectFrom('papers')
      .select(['id', ...PAPER_INPUT_COLUMNS])
      .where('arxiv_id', 'in', ids)
      .execute();
    for (const r of rows) {
      found.set(r.arxiv_id, { id: r.id, fields: toPaperInput(r) });
    }
  }
  return found;
}

/**
 * Inserts new papers and overwrites the imported fields of existing ones (matched by arXiv id)
 * in multi-row statements; counters and `created_at` of existing rows are left alone. Returns
 * the id of every written paper, keyed by arXiv id.
 */
export async function upsertPapers(db: Db, papers: PaperWrite[], now: string): Promise<Map<string, number>> {
  if (papers.length === 0) return new Map();
  // New ids must commit before a reader of the arrival mark can pass them (paper-arrivals.ts).
  if (db.dialect === 'postgres' && !db.kysely.isTransaction) {
    return db.kysely.transaction().execute((trx) => upsertPapers({ ...db, kysely: trx }, papers, now));
  }
  await holdPaperArrivals(db);
  const ids = new Map<string, number>();
  const rows = papers.map((p) => toRow(p, now));
  for (const chunk of chunkRows(rows, INSERT_COLUMNS.length)) {
    const written = db.sqlite ? upsertPapersSqlite(db.sqlite, chunk) : await upsertPapersKysely(db, chunk);
    for (const r of written) ids.set(r.arxiv_id, r.id);
  }
  if (db.fullText) {
    db.fullText.add(papers.map(({ fields: p, replaces: old }, i) => ({
      id: ids.get(p.arxivId)!,
      title: p.title,
      abstract: p.abstract,
      authors: rows[i]!.authors,
      replaces: old ? { title: old.title, abstract: old.abstract, authors: authorsColumn(old.authors) } : null,
    })));
    await db.fullText.settled();
  }
  return ids;
}

async function upsertPapersKysely(db: Db, rows: PaperRow[]): Promise<{ id: number; arxiv_id: string }[]> {
  return db.kysely
    .insertInto('papers')
    .values(rows)
    .onConflict((oc) =>
      oc.column('arxiv_id').doUpdateSet((eb) => Object.fromEntries(IMPORTED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))),
    )
    .returning(['id', 'arxiv_id'])
    .execute();
}

/**
 * The same statement as `upsertPapersKysely`, prepared once per row count: on a 158k-paper import
 * building and compiling the query each batch costs more than SQLite's own work on the rows.
 */
function upsertPapersSqlite(sqlite: NonNullable<Db['sqlite']>, rows: PaperRow[]): { id: number; arxiv_id: string }[] {
  const statement = cachedStatement(sqlite, `upsertPapers:${rows.length}`, () =>
    `insert into papers (${INSERT_COLUMNS.join(', ')}) values ${valuesList(rows.length, INSERT_COLUMNS.length)}` +
    ` on conflict (arxiv_id) do update set ${IMPORTED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}` +
    ' returning id, arxiv_id',
  );
  const params: unknown[] = [];
  for (const row of rows) for (const c of INSERT_COLUMNS) params.push(row[c]);
  return statement.all(params) as { id: number; arxiv_id: string }[];
}

/**
 * Makes `paper_categories` match each paper's categories and date (the copy category pages sort
 * on). `isNew` papers have no rows yet, which saves the delete on a first import. (SQLite:
 * insertRows' multi-row statements.)
 */
export async function replacePaperCategories(
  db: Db,
  papers: { paperId: number; categories: string[]; publishedAt: string; isNew: boolean }[],
): Promise<void> {
  const stale = papers.filter((p) => !p.isNew).map((p) => p.paperId);
  for (const ids of chunkRows(stale, 1)) {
    await db.kysely.deleteFrom('paper_categories').where('paper_id', 'in', ids).execute();
  }
  if (db.sqlite) {
    const values: (string | number)[] = [];
    for (const p of papers) for (const category of new Set(p.categories)) values.push(p.paperId, category, p.publishedAt);
    insertRows(db.sqlite, 'paper_categories', ['paper_id', 'category', 'published_at'], values);
    return;
  }
  const rows = papers.flatMap((p) => [...new Set(p.categories)].map((category) => ({ paper_id: p.paperId, category, published_at: p.publishedAt })));
  for (const chunk of chunkRows(rows, 3)) await db.kysely.insertInto('paper_categories').values(chunk).execute();
}

/** Internal ids of the stored papers among `arxivIds`, keyed by arXiv id. */
export async function findPaperIds(db: Db, arxivIds: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunkRows([...new Set(arxivIds)], 1)) {
    const rows = await db.kysely.selectFrom('papers').select(['id', 'arxiv_id']).where('arxiv_id', 'in', chunk).execute();
    for (const r of rows) ids.set(r.arxiv_id, r.id);
  }
  return ids;
}

/** A paper as the row an import writes. */
type PaperRow = Insertable<PaperTable> & { authors: string };

function toRow({ fields: p }: PaperWrite, now: string): PaperRow {
  return {
    arxiv_id: p.arxivId,
    title: p.title,
    abstract: p.abstract,
    authors: authorsColumn(p.authors),
    published_at: p.publishedAt,
    is_published_approx: p.isPublishedApprox ? 1 : 0,
    categories: JSON.stringify(p.categories),
    github_repo: p.githubRepo,
    github_stars: p.githubStars,
    project_page: p.projectPage,
    withdrawn_at: p.withdrawnAt,
    ai_summary: p.aiSummary,
    ai_keywords: p.aiKeywords === null ? null : JSON.stringify(p.aiKeywords),
    created_at: now,
    updated_at: now,
  };
}

/** The `authors` column: the list as JSON text (also what the full-text index reads). */
function authorsColumn(authors: string[]): string {
  return JSON.stringify(authors);
}
