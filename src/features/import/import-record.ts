import type { PaperInput } from '../../domain/paper';
import type { SubmitterWrite } from '../../storage/repos/user-writes';

/** The three shapes of record an import file can hold; one file holds one shape. */
export type ImportFormat = 'papers' | 'daily' | 'hf-items';

/**
 * What one imported record says about a paper. Sources disagree (our papers files carry arXiv
 * metadata, HF items carry the HF page's view of it), so every field says how it combines with
 * the stored value; see merge-paper.ts. Keeping "who may overwrite what" explicit is what makes
 * importing the same files twice, in any order, change nothing the second time.
 */
export type PaperPatch = {
  arxivId: string;
  /** Fields this source owns: a value here replaces the stored one. */
  set: Partial<Omit<PaperInput, 'arxivId' | 'publishedAt' | 'isPublishedApprox'>>;
  /** Fields this source knows second-hand: a value here only fills a stored value that is empty. */
  fill: Partial<Omit<PaperInput, 'arxivId' | 'publishedAt' | 'isPublishedApprox'>>;
  /**
   * Fields that several snapshots of the same source may disagree on: the larger value wins (the
   * higher count, the longer list), so the result does not depend on the order of the files.
   */
  grow: Partial<Pick<PaperInput, 'githubStars' | 'aiKeywords'>>;
  /**
   * The publication time. It replaces a stored one that is approximate; it replaces an exact one
   * only when `isAuthoritative` (an exact date from our arXiv metadata).
   */
  published: { at: string; isApprox: boolean; isAuthoritative: boolean } | null;
};

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
  /**
   * The paper as it is stored if it is new, and its content hash: computed while parsing (in the
   * reader's thread), so a first import spends no time on it in the thread that writes.
   */
  newPaper?: { fields: PaperInput; hash: string } | null;
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
