import { porterStem } from '../domain/porter-stem';
import { remembered } from '../domain/remembered';

/**
 * Words of a text as the embedding model sees them: NFKC-normalised, lowercased, split into
 * runs of letters/digits in any script, each letter run Porter-stemmed (so "models" and
 * "modeling" share a row). LaTeX stays sane without a parser: `\mathcal{O}(n\log n)` gives
 * `mathcal o n log n` — command names are ordinary words and the braces and dollars vanish;
 * single letters and numbers over 4 digits (math variables, years, ids) are dropped as noise.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(PIECE)) {
    const token = tokenFor(match[0]);
    if (token !== '') out.push(token);
  }
  return out;
}

/** The token of one piece, or '' when the piece is noise. */
function tokenOf(piece: string): string {
  if (piece.length === 1 && !/\p{N}/u.test(piece)) return '';
  if (/^\p{N}+$/u.test(piece) && piece.length > 4) return '';
  return /^[a-z]+$/.test(piece) ? porterStem(piece) : piece;
}

/** Words repeat (Zipf): remembering their tokens makes tokenising 158k abstracts several times faster. */
const tokenFor = remembered(tokenOf, 200_000);

// A run of letters (with combining marks) and digits; `gpt-4o` gives `gpt` and `4o`.
const PIECE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
