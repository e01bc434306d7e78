import { porterStem } from './porter-stem';
import { remembered } from './remembered';
import { normalizeSearchText, positiveUnits, WORD, wordsOf, type SearchQuery } from './search-query';

/** A piece of displayed text; `highlight` pieces matched a query word. Same shape as HF's API. */
export type Span = { type: 'text' | 'highlight'; text: string };

const ASCII_WORD = /^[A-Za-z0-9]+$/;
// Most abstracts are plain ASCII; a non-Unicode regex scans them several times faster.
const ASCII_TEXT = /^[\x00-\x7f]*$/;
const ASCII_WORDS = /[A-Za-z0-9]+/g;
/**
 * The comparison key of a word: normalised, accents removed, stemmed ("Modeling" → "model").
 * Abstracts repeat the same few thousand words; stemming each once keeps highlighting cheap.
 */
const matchKey = remembered((word) => {
  const folded = ASCII_WORD.test(word)
    ? word.toLowerCase()
    : normalizeSearchText(word).normalize('NFD').replace(/\p{M}/gu, '');
  return porterStem(folded);
}, 50_000);

/**
 * Splits `text` into spans, marking every word whose stem equals the stem of a query word
 * (terms and the words of phrases; never excluded words). Joining the spans' texts gives back
 * `text` exactly. An empty query or text gives one text span (or none for an empty text).
 */
export function highlight(query: SearchQuery, text: string): Span[] {
  return createHighlighter(query)(text);
}

/**
 * `highlight` for one query over many texts: the query's stems are computed once, not once per
 * title and abstract.
 */
export function createHighlighter(query: SearchQuery): (text: string) => Span[] {
  const keys = new Set(positiveUnits(query).flatMap(wordsOf).map(matchKey));
  // Porter stemming only rewrites the end of a word, never its first two letters: a word whose
  // first two letters start no query stem cannot match, and skipping its stemming is most of
  // the cost of highlighting an abstract.
  const heads = [...keys].every((k) => k.length >= 2) ? new Set([...keys].map((k) => k.slice(0, 2))) : null;
  // In ASCII text the words that can match are found by one native scan: the ASCII words that
  // begin with a head, instead of every word of the text and a look-up for each.
  const headWords = heads && new RegExp(`(?<![A-Za-z0-9])(?:${[...heads].map(escapeRegExp).join('|')})[A-Za-z0-9]*`, 'gi');
  return (text) => {
    if (text === '') return [];
    if (keys.size === 0) return [{ type: 'text', text }];
    const spans: Span[] = [];
    const push = (type: Span['type'], piece: string) => {
      if (piece === '') return;
      const last = spans[spans.length - 1];
      if (last && last.type === type) last.text += piece;
      else spans.push({ type, text: piece });
    };
    let at = 0;
    const isAscii = ASCII_TEXT.test(text);
    for (const m of text.matchAll(isAscii ? (headWords ?? ASCII_WORDS) : WORD)) {
      if (!keys.has(matchKey(m[0]))) continue;
      push('text', text.slice(at, m.index));
      // Adjacent highlighted words stay separate spans, so a reader sees each match.
      spans.push({ type: 'highlight', text: m[0] });
      at = m.index + m[0].length;
    }
    push('text', text.slice(at));
    return spans;
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
