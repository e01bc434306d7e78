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
 * True when `s` is printable ASCII with single spaces between words and none around: then Unicode
 * normalisation and whitespace folding leave it as it is, and checking is much cheaper than doing
 * them (most names are like this; an import computes 890k keys for the 158k corpus).
 */
function isTidyAscii(s: string): boolean {
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c < 127) continue;
    if (c !== 32 || i === 0 || i === last || s.charCodeAt(i - 1) === 32) return false;
  }
  return true;
}

/** Longest author name accepted in a URL (real names are far shorter; this bounds the lookup). */
export const MAX_AUTHOR_NAME_LENGTH = 300;
