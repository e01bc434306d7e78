/**
 * The user's search text as a structure the engines can run safely. Only three things are
 * syntax: `"quoted phrases"`, `-excluded` words (or `-"phrases"`), and whitespace. Every other
 * character (`*`, `:`, `(`, `^`, `NEAR`, `AND`, `OR`, `NOT`, …) is either part of a word or a
 * separator, so no input can reach FTS5 or tsquery as operators.
 */
export type SearchQuery = {
  /** Lower-case words to match; common English stop words are dropped unless nothing else is left. */
  terms: string[];
  /**
   * Quoted phrases (`state space`, words joined by one space) and compounds as typed (`gpt-4`,
   * `state-of-the-art`), two words or more. Compounds keep their joiners so that each engine's
   * own tokenizer splits them the way it split the indexed text.
   */
  phrases: string[];
  /** Words or phrases (same forms as above) a match must not contain. */
  excluded: string[];
};

/** At most this many terms, phrases and exclusions together; the rest of a long text is ignored. */
export const MAX_QUERY_TERMS = 32;
/** Longer "words" are noise (base64, URLs glued together) and are dropped. */
const MAX_WORD_LENGTH = 64;
/** Longer phrases keep their first words only. */
const MAX_PHRASE_WORDS = 12;

/**
 * A word starts with a letter or digit and may carry combining marks (as FTS5's unicode61 does).
 * Shared with the highlighter so it splits displayed text the way the parser split the query.
 */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
// Characters that glue words into one compound: gpt-4, state-of-the-art, don't, e.g., TCP/IP.
const JOINERS = /^[-'’._/]$/u;

/**
 * English stop words (the Snowball list PostgreSQL's `english` configuration uses, plus `could`
 * and `would`): they match nearly every abstract, so as required words they only cost time, and
 * PostgreSQL drops them anyway — removing them here keeps both engines in step.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  ('i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
    'herself it its itself they them their theirs themselves what which who whom this that these those am is ' +
    'are was were be been being have has had having do does did doing a an the and but if or because as until ' +
    'while of at by for with about against between into through during before after above below to from up ' +
    'down in out on off over under again further then once here there when where why how all any both each ' +
    'few more most other some such no nor not only own same so than too very s t can will just don should now ' +
    'could would').split(' '),
);

/**
 * Normalises text the way the parser and the highlighter both see it: NFKC (full-width letters,
 * ligatures), invisible format characters (zero-width, bidi marks) removed, control characters
 * (NUL included) turned into spaces, lower case.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Cc}/gu, ' ')
    .toLowerCase();
}

/** Splits a piece of text into its words (see WORD), dropping absurdly long ones. */
export function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).filter((w) => w.length <= MAX_WORD_LENGTH);
}

/** Parses whatever the user typed; never throws. An empty structure means "no text query". */
export function parseSearchQuery(text: string): SearchQuery {
  const input = normalizeSearchText(text);
  const terms: string[] = [];
  const forced = new Set<string>(); // quoted single words keep their stop words
  const phrases: string[] = [];
  const excluded: string[] = [];

  const addUnit = (words: string[], text: string, negative: boolean, quoted: boolean) => {
    if (words.length === 0) return;
    const unit = words.length > MAX_PHRASE_WORDS ? words.slice(0, MAX_PHRASE_WORDS).join(' ') : text;
    if (negative) excluded.push(unit);
    else if (words.length > 1) phrases.push(unit);
    else {
      terms.push(unit);
      if (quoted) forced.add(unit);
    }
  };

  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    // A minus at the start of a chunk negates it: -word, -"a phrase", -gpt-4.
    const negative = ch === '-' && i + 1 < input.length && !/\s/u.test(input[i + 1]!);
    const start = negative ? i + 1 : i;
    if (input[start] === '"') {
      const close = input.indexOf('"', start + 1);
      const end = close === -1 ? input.length : close; // an unbalanced quote runs to the end
      const words = wordsOf(input.slice(start + 1, end));
      addUnit(words, words.join(' '), negative, true);
      i = end + 1;
      continue;
    }
    let end = start;
    while (end < input.length && !/\s/u.test(input[end]!) && input[end] !== '"') end++;
    const chunk = input.slice(start, end);
    // Within a chunk, joiners glue words into compounds; any other symbol separates.
    let first = true;
    for (const compound of splitCompounds(chunk)) {
      addUnit(compound.words, compound.text, negative && first, false);
      first = false;
    }
    i = end === start ? end + 1 : end;
  }

  const unique = [...new Set(terms)];
  const meaningful = unique.filter((t) => forced.has(t) || !STOP_WORDS.has(t));
  const keptTerms = meaningful.length > 0 || phrases.length > 0 ? meaningful : unique;
  return capUnits({ terms: keptTerms, phrases: dedupe(phrases), excluded: dedupe(excluded) });
}

/** True when the query has nothing positive to match (exclusions alone do not make a query). */
export function isEmptySearchQuery(q: SearchQuery): boolean {
  return q.terms.length === 0 && q.phrases.length === 0;
}

/** The positive units of a query: its terms, then its phrases. */
export function positiveUnits(q: SearchQuery): string[] {
  return [...q.terms, ...q.phrases];
}

/** A canonical text form of the query (what was understood), for display and logs. */
export function formatSearchQuery(q: SearchQuery): string {
  const quote = (unit: string) => (wordsOf(unit).length > 1 ? `"${unit}"` : unit);
  return [...q.terms, ...q.phrases.map(quote), ...q.excluded.map((e) => `-${quote(e)}`)].join(' ');
}

type Compound = { words: string[]; text: string };

function splitCompounds(chunk: string): Compound[] {
  const out: Compound[] = [];
  let current: Compound | null = null;
  let last = 0;
  for (const m of chunk.matchAll(WORD)) {
    const between = chunk.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0].length > MAX_WORD_LENGTH) {
      if (current) out.push(current);
      current = null;
      continue;
    }
    if (current && between.length === 1 && JOINERS.test(between)) {
      current.words.push(m[0]);
      current.text += between + m[0];
    } else {
      if (current) out.push(current);
      current = { words: [m[0]], text: m[0] };
    }
  }
  if (current) out.push(current);
  return out;
}

function dedupe(units: string[]): string[] {
  return [...new Set(units)];
}

function capUnits(q: SearchQuery): SearchQuery {
  let budget = MAX_QUERY_TERMS;
  const take = <T>(items: T[]): T[] => {
    const kept = items.slice(0, Math.max(0, budget));
    budget -= kept.length;
    return kept;
  };
  const terms = take(q.terms);
  const phrases = take(q.phrases);
  const excluded = take(q.excluded);
  return { terms, phrases, excluded };
}
