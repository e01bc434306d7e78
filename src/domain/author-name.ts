/**
 * Author names as printed on papers are the only identity we have. Two spellings are the same
 * author page when they differ only in Unicode form, case or spacing ("Ada  Lovelace",
 * "ada lovelace"); accents and initials are kept apart, since "José" and "Jose", or "A. Smith"
 * and "Alice Smith", may well be different people.
 */
export function authorNameKey(name: string): string {
  if (isTidyAscii(name)) return name.toLowerCase();
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** One author of a paper as stored for lookups: position in the paper's list, name, key. */
export type AuthorEntry = { position: number; name: string; nameKey: string };

/**
 * The entries to store for a paper's author list: blank names skipped, and a name repeated in one
 * paper (it happens in imported data) kept once, at its first position.
 */
export function authorEntries(authors: readonly string[]): AuthorEntry[] {
  const seen = new Set<string>();
  const out: AuthorEntry[] = [];
  authors.forEach((raw, position) => {
    const name = isTidyAscii(raw) ? raw : raw.replace(/\s+/g, ' ').trim();
    const nameKey = authorNameKey(name);
    if (nameKey === '' || seen.has(nameKey)) return;
    seen.add(nameKey);
    out.push({ position, name, nameKey });
  });
  return out;
}

/**
 * Printable ASCII words with single spaces between them: Unicode normalisation and whitespace
 * folding leave such a name as it is, and one test is much cheaper than doing them (most names
 * are like this; an import computes 890k keys for the 158k corpus).
 */
const TIDY_ASCII = /^[!-~]+(?: [!-~]+)*$/;

function isTidyAscii(s: string): boolean {
  return TIDY_ASCII.test(s);
}

/** Longest author name accepted in a URL (real names are far shorter; this bounds the lookup). */
export const MAX_AUTHOR_NAME_LENGTH = 300;
