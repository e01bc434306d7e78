import type { ListingWrite } from '../../storage/repos/listing-writes';
import type { ListingInput } from './import-record';

/** The imported facts of a listing, as stored. */
export type ListingFields = Omit<ListingWrite, 'paperId' | 'listedOn'>;

/**
 * The listing after applying an imported row to the stored one. Counts are same-day snapshots
 * taken at different times by different archives, so the largest one seen is kept; a submitter
 * once known stays; an exact submission time replaces the midnight placeholder, and between two
 * exact times the earlier wins. Each rule is order-independent, so re-imports change nothing.
 */
export function mergeListing(existing: ListingFields | null, input: ListingInput, submitterId: number | null): ListingFields {
  const placeholder = `${input.listedOn}T00:00:00.000Z`;
  let submittedAt = existing?.submittedAt ?? input.submittedAt ?? placeholder;
  if (existing && input.submittedAt !== null && input.submittedAt !== existing.submittedAt) {
    if (existing.submittedAt === placeholder || input.submittedAt < existing.submittedAt) submittedAt = input.submittedAt;
  }
  return {
    submittedAt,
    submitterId: existing?.submitterId ?? submitterId,
    importedUpvotes: maxKnown(existing?.importedUpvotes ?? null, input.upvotes),
    importedComments: maxKnown(existing?.importedComments ?? null, input.comments),
  };
}

/** True when the two listings store the same facts. */
export function sameListing(a: ListingFields, b: ListingFields): boolean {
  return (
    a.submittedAt === b.submittedAt &&
    a.submitterId === b.submitterId &&
    a.importedUpvotes === b.importedUpvotes &&
    a.importedComments === b.importedComments
  );
}

function maxKnown(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
