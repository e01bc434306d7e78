import type { PaperInput } from '../../domain/paper';
import type { SubmitterWrite } from '../../storage/repos/user-writes';

/** The three shapes of record an import file can hold; one file holds one shape. */
export type ImportFormat = 'papers' | 'daily' | 'hf-items';

/**
 * Who a record's paper data comes from. Sources disagree (our papers files carry arXiv metadata,
 * HF items carry the HF page's view of it), so each source owns some fields and only fills or
 * grows others; merge-paper.ts holds that table. Keeping "who may overwrite what" explicit is what
 * makes importing the same files twice, in any order, change nothing the second time.
 */
export type PaperSource = 'arxiv' | 'hf';

/**
 * What one imported record says about a paper: the paper as this record alone describes it (what
 * a new paper is stored as; a value the record lacks is empty: null or []) and its source, which
 * decides how each field combines with a paper already stored (see merge-paper.ts).
 */
export type PaperPatch = { source: PaperSource; fields: PaperInput };

/** A user who put a paper on a daily list, as the source names them (`fullname` null: only the name is known). */
export type SubmitterInput = SubmitterWrite;

/** A paper's appearance on one day's list. */
export type ListingInput = {
  arxivId: string;
  /** YYYY-MM-DD: the day of the list, as the source gives it. */
  listedOn: string;
  /** Exact instant of submission when the source knows it; else midnight of `listedOn` is used. */
  submittedAt: string | null;
  submitter: SubmitterInput | null;
  /** Same-day snapshot counts, when known. */
  upvotes: number | null;
  comments: number | null;
};

/** One validated record: a paper, a listing, or (HF items) both. */
export type ImportRecord = {
  /** Where it came from, for error messages: `file:line` or `file:#index`. */
  ref: string;
  paper: PaperPatch | null;
  /** Counts the source gives for the paper as a whole (HF `paper.upvotes`, `numComments`). */
  paperCounts: { upvotes: number | null; comments: number | null } | null;
  listing: ListingInput | null;
  /** A daily item whose day is unknown (old API answers saved under a name without a date). */
  hasUndatedListing?: boolean;
};

/** Inserted / updated / unchanged tallies of one kind of row. */
export type Counts = { inserted: number; updated: number; unchanged: number };

/** A fresh zeroed tally. */
export function emptyCounts(): Counts {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

/** Adds `b` into `a`. */
export function addCounts(a: Counts, b: Counts): void {
  a.inserted += b.inserted;
  a.updated += b.updated;
  a.unchanged += b.unchanged;
}
