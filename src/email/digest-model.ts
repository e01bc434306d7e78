import { arxivAbsUrl, type Paper } from '../domain/paper';

/**
 * Everything a digest shows, shared by the HTML and the text part so the two never disagree.
 * Built by features/digests/compose-digest.ts; the templates only lay it out.
 */
export type DigestModel = {
  /** Public site address, no trailing slash (config.siteUrl). */
  siteUrl: string;
  /** For people, e.g. `Friday 21 August 2026` or `Week 34, 2026 (17–23 August)`. */
  periodLabel: string;
  cadence: 'daily' | 'weekly';
  /** Community trending for the period, best first. */
  trending: Paper[];
  /** Personal picks for subscribers with an account (features/list-for-you.ts), each with the liked paper it follows from; rendered only when not empty. */
  forYou: DigestPick[];
  /** New papers of the subscriber's saved searches, one block per search with new papers (rendered only when not empty). */
  savedSearches?: DigestSavedSearch[];
  /** The address the digest goes to (shown in the footer: why you get this). */
  recipient: string;
  /** Preferences page of this message (`/subscriptions/manage/:linkToken`). */
  manageUrl: string;
  /** Unsubscribe page of this message (`/unsubscribe/:linkToken`). */
  unsubscribeUrl: string;
};

/** One saved search's block in a digest. */
export type DigestSavedSearch = {
  /** The search's name, or its words (domain/saved-search.ts savedSearchLabel); user text, escaped by the templates. */
  label: string;
  /** The search on the site, newest first (absolute). */
  url: string;
  /** The newest of its new papers (a few). */
  papers: Paper[];
  /** How many new papers it has in all (at least papers.length). */
  total: number;
};

/** The saved-searches section's title. */
export const SAVED_SEARCHES_TITLE = 'New for your saved searches';

/** `3 new papers` / `1 new paper`, shown beside a saved search's name. */
export function newPapersCount(total: number): string {
  return `${total.toLocaleString('en-US')} new paper${total === 1 ? '' : 's'}`;
}

/** A "For you" paper and the liked paper it is nearest to. */
export type DigestPick = { paper: Paper; because: Pick<Paper, 'arxivId' | 'title'> };

/** One paper as both parts show it: display strings and checked links. */
export type DigestEntry = {
  title: string;
  /** `Ada Lovelace, Alan Turing, Grace Hopper et al.` (empty when the paper lists no author). */
  authors: string;
  upvotes: number;
  comments: number;
  /** The abstract's opening, about two lines, cut at a word; LaTeX stays as typed. */
  excerpt: string;
  pageUrl: string;
  arxivUrl: string;
  /** Only http(s) links; anything else stored as the code link is left out. */
  codeUrl: string | null;
  /** "Because you liked …" of a For-you pick: the liked paper's title and page; null elsewhere. */
  because: { title: string; pageUrl: string } | null;
};

/** Authors named before "et al.". */
export const DIGEST_AUTHORS_SHOWN = 3;
/** Characters of the abstract shown (about two lines of a mail client's column). */
export const DIGEST_EXCERPT_CHARS = 240;

/** The subject of a digest: the period only, never anything a user typed. */
export function digestSubject(periodLabel: string): string {
  return `Trending papers — ${periodLabel}`;
}

/** The heading inside the digest. */
export function digestHeading(periodLabel: string): string {
  return `Trending on Paperboy — ${periodLabel}`;
}

/** Why the reader gets this mail (footer). */
export function digestReason(model: Pick<DigestModel, 'cadence' | 'recipient'>): string {
  return `You subscribed to the ${model.cadence} digest with ${model.recipient}.`;
}

/** The display form of one paper. */
export function digestEntry(siteUrl: string, paper: Paper, because?: DigestPick['because']): DigestEntry {
  return {
    title: oneLine(paper.title),
    authors: authorsLine(paper.authors),
    upvotes: paper.upvotes,
    comments: paper.numComments,
    excerpt: excerpt(paper.abstract ?? ''),
    // encodeURI keeps the slash of old-style ids (`hep-th/9901001`), which the paper route accepts.
    pageUrl: `${siteUrl}/papers/${encodeURI(paper.arxivId)}`,
    arxivUrl: arxivAbsUrl(encodeURI(paper.arxivId)),
    codeUrl: httpUrl(paper.githubRepo),
    because: because ? { title: oneLine(because.title), pageUrl: `${siteUrl}/papers/${encodeURI(because.arxivId)}` } : null,
  };
}

/** `A, B, C et al.` for more than DIGEST_AUTHORS_SHOWN authors. */
export function authorsLine(authors: string[]): string {
  const shown = authors.slice(0, DIGEST_AUTHORS_SHOWN).map(oneLine).join(', ');
  return authors.length > DIGEST_AUTHORS_SHOWN ? `${shown} et al.` : shown;
}

/** The first ~`max` characters of a text on one line, cut at a word boundary, with "…" when cut. */
export function excerpt(text: string, max = DIGEST_EXCERPT_CHARS): string {
  const flat = oneLine(text);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  // A single huge "word" (a URL, a formula without spaces) is cut hard rather than dropped.
  const head = space > max / 2 ? cut.slice(0, space) : flat.slice(0, max);
  return `${head.replace(/[\s,;:.-]+$/, '')}…`;
}

/** Collapses every run of whitespace (line breaks included) and drops other control characters. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

/** The URL if it is plain http(s), else null (a stored `javascript:` link never reaches a mail). */
function httpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
