import type { PaperInput } from '../../domain/paper';
import type { Db } from '../../storage/database';
import { replacePaperAuthors } from '../../storage/repos/paper-author-writes';
import { findPapersForImport, replacePaperCategories, upsertPapers } from '../../storage/repos/paper-writes';
import { emptyCounts, type Counts, type ImportRecord } from './import-record';
import { mergePaper, paperContentHash } from './merge-paper';

type PaperState = {
  id: number | null;
  fields: PaperInput;
  hash: string;
  /** What the database holds now (null: not stored yet). */
  storedHash: string | null;
  /** The stored paper's fields (null: not stored yet); categories and authors are synced from them. */
  stored: PaperInput | null;
};

/** Outcome of writing the papers of a batch. */
export type PapersWritten = {
  counts: Counts;
  /** Internal id of every paper the batch names, keyed by arXiv id. */
  ids: Map<string, number>;
  rejected: { ref: string; reason: string }[];
};

/**
 * Merges each record's paper into the stored one and writes only what changed, in multi-row
 * statements: one read of the batch's stored papers, one upsert, one categories sync and one authors sync.
 */
export async function writePapers(db: Db, records: ImportRecord[], now: string): Promise<PapersWritten> {
  const counts = emptyCounts();
  const rejected: PapersWritten['rejected'] = [];
  const stored = await findPapersForImport(db, records.map((r) => r.paper!.arxivId));
  const state = new Map<string, PaperState>();
  for (const record of records) {
    const patch = record.paper!;
    let current = state.get(patch.arxivId);
    if (!current) {
      const s = stored.get(patch.arxivId);
      if (s) current = { id: s.id, fields: s.fields, hash: s.contentHash, storedHash: s.contentHash, stored: s.fields };
    }
    const computed = current ? null : record.newPaper;
    const merged = computed ? computed.fields : mergePaper(current?.fields ?? null, patch);
    if (!merged) {
      rejected.push({ ref: record.ref, reason: `paper ${patch.arxivId} is new, and the record lacks its title or date` });
      continue;
    }
    const hash = computed ? computed.hash : paperContentHash(merged);
    if (!current) counts.inserted++;
    else if (hash === current.hash) counts.unchanged++;
    else counts.updated++;
    state.set(patch.arxivId, {
      id: current?.id ?? null,
      fields: merged,
      hash,
      storedHash: current?.storedHash ?? null,
      stored: current?.stored ?? null,
    });
  }
  const changed = [...state.values()].filter((s) => s.hash !== s.storedHash);
  const written = await upsertPapers(db, changed.map((s) => ({ fields: s.fields, contentHash: s.hash, replaces: s.stored })), now);
  // Category rows carry the paper's date (category pages sort on it), so a new date rewrites them too.
  const categories = changed
    .filter((s) => s.stored === null || !sameList(s.stored.categories, s.fields.categories) || s.stored.publishedAt !== s.fields.publishedAt)
    .map((s) => ({ paperId: written.get(s.fields.arxivId)!, categories: s.fields.categories, publishedAt: s.fields.publishedAt, isNew: s.storedHash === null }));
  await replacePaperCategories(db, categories);
  const authors = changed
    .filter((s) => s.stored === null || !sameList(s.stored.authors, s.fields.authors))
    .map((s) => ({ paperId: written.get(s.fields.arxivId)!, authors: s.fields.authors, isNew: s.storedHash === null }));
  await replacePaperAuthors(db, authors);
  const ids = new Map<string, number>();
  for (const [arxivId, s] of state) ids.set(arxivId, s.id ?? written.get(arxivId)!);
  return { counts, ids, rejected };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
