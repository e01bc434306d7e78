import type { Db } from '../../storage/database';
import { findListings, listingKey, upsertListings, type ListingWrite } from '../../storage/repos/listing-writes';
import { findPaperIds } from '../../storage/repos/paper-writes';
import { upsertSubmitters } from '../../storage/repos/user-writes';
import { emptyCounts, type Counts, type ImportRecord } from './import-record';
import { mergeListing, sameListing } from './merge-listing';

/** Outcome of writing the listings of a batch. */
export type ListingsWritten = {
  counts: Counts;
  /** Papers whose listings were inserted or changed: their counters need a refresh. */
  touchedPaperIds: number[];
  rejected: { ref: string; reason: string }[];
};

/**
 * Upserts the batch's listings (one per paper and day) and the users who submitted them. A
 * listing needs its paper: one neither stored nor written by this batch rejects the record.
 */
export async function writeListings(
  db: Db,
  records: ImportRecord[],
  knownPaperIds: Map<string, number>,
  now: string,
): Promise<ListingsWritten> {
  const counts = emptyCounts();
  const rejected: ListingsWritten['rejected'] = [];
  const unknown = records.map((r) => r.listing!.arxivId).filter((id) => !knownPaperIds.has(id));
  const found = unknown.length > 0 ? await findPaperIds(db, unknown) : new Map<string, number>();
  const paperIdOf = (arxivId: string) => knownPaperIds.get(arxivId) ?? found.get(arxivId);

  const accepted: { record: ImportRecord; paperId: number }[] = [];
  for (const record of records) {
    const paperId = paperIdOf(record.listing!.arxivId);
    if (paperId === undefined) {
      rejected.push({ ref: record.ref, reason: `unknown paper ${record.listing!.arxivId} (import the papers file that has it first)` });
    } else {
      accepted.push({ record, paperId });
    }
  }
  const submitters = accepted.flatMap(({ record }) => (record.listing!.submitter ? [record.listing!.submitter] : []));
  const userIds = submitters.length > 0 ? await upsertSubmitters(db, submitters, now) : new Map<string, number>();
  const stored = await findListings(db, accepted.map((a) => a.paperId));

  const state = new Map<string, ListingWrite>();
  for (const { record, paperId } of accepted) {
    const input = record.listing!;
    const key = listingKey(paperId, input.listedOn);
    const current = state.get(key) ?? stored.get(key) ?? null;
    const submitterId = input.submitter ? (userIds.get(input.submitter.username) ?? null) : null;
    const merged: ListingWrite = { paperId, listedOn: input.listedOn, ...mergeListing(current, input, submitterId) };
    if (!current) counts.inserted++;
    else if (sameListing(current, merged)) counts.unchanged++;
    else counts.updated++;
    state.set(key, merged);
  }
  const changed = [...state.entries()].filter(([key, l]) => {
    const s = stored.get(key);
    return !s || !sameListing(s, l);
  });
  await upsertListings(db, changed.map(([, l]) => l));
  return { counts, touchedPaperIds: [...new Set(changed.map(([, l]) => l.paperId))], rejected };
}
