import type { PaperInput } from '../../domain/paper';
import type { Db } from '../../storage/database';
import { replacePaperAuthors } from '../../storage/repos/paper-author-writes';
import { findPapersForImport, replacePaperCategories, upsertPapers } from '../../storage/repos/paper-writes';
import { emptyCounts, type Counts, type ImportRecord } from './import-record';
import { mergePaper, sameList, samePaperInput } from './merge-paper';

type PaperState = {
  id: number | null;
  fields: PaperInput;
  /** What the database holds now (null: not stored yet); categories and authors are synced from it. */
  stored: PaperInput | null;
};

/** Outcome of writing the papers of a batch. */
export type PapersWritten = {
  counts: Counts;
  /** Internal id of every paper the batch names, keyed by arXiv id. */
  ids: Map<string, number>;
};

/**
 * Merges each record's paper into the stored one and writes only what changed, in multi-row
 * statements: one read of the batch's stored papers, one upsert, one categories sync and one authors sync.
 */
export async function writePapers(db: Db, records: ImportRecord[], now: string): Promise<PapersWritten> {
  const counts = emptyCounts();
  const stored = await findPapersForImport(db, records.map((r) => r.paper!.fields.arxivId));
  const state = new Map<string, PaperState>();
  for (const record of records) {
    const patch = record.paper!;
    const arxivId = patch.fields.arxivId;
    let current = state.get(arxivId);
    if (!current) {
      const s = stored.get(arxivId);
      if (s) current = { id: s.id, fields: s.fields, stored: s.fields };
    }
    const merged = mergePaper(current?.fields ?? null, patch);
    if (!current) counts.inserted++;
    else if (samePaperInput(merged, current.fields)) counts.unchanged++;
    else counts.updated++;
    state.set(arxivId, { id: current?.id ?? null, fields: merged, stored: current?.stored ?? null });
  }
  const changed = [...state.values()].filter((s) => s.stored === null || !samePaperInput(s.fields, s.stored));
  const written = await upsertPapers(db, changed.map((s) => ({ fields: s.fields, replaces: s.stored })), now);
  // Category rows carry the paper's date (category pages sort on it), so a new date rewrites them too.
  const categories = changed
    .filter((s) => s.stored === null || !sameList(s.stored.categories, s.fields.categories) || s.stored.publishedAt !== s.fields.publishedAt)
    .map((s) => ({ paperId: written.get(s.fields.arxivId)!, categories: s.fields.categories, publishedAt: s.fields.publishedAt, isNew: s.stored === null }));
  await replacePaperCategories(db, categories);
  const authors = changed
    .filter((s) => s.stored === null || !sameList(s.stored.authors, s.fields.authors))
    .map((s) => ({ paperId: written.get(s.fields.arxivId)!, authors: s.fields.authors, isNew: s.stored === null }));
  await replacePaperAuthors(db, authors);
  const ids = new Map<string, number>();
  for (const [arxivId, s] of state) ids.set(arxivId, s.id ?? written.get(arxivId)!);
  return { counts, ids };
}
