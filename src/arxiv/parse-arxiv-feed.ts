import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One paper as arXiv's API describes its latest version. */
export type ArxivPaper = {
  /** Without version: `2401.17377`, `hep-th/9711200` (old ids in arXiv's canonical form, no subject class). */
  arxivId: string;
  /** Latest version number (the `v3` of `…v3`). */
  version: number;
  /** Whitespace collapsed; LaTeX left as written (`PanGu-$π$ Pro`). */
  title: string;
  /** Trimmed and whitespace collapsed; empty when arXiv has none. */
  abstract: string;
  /** In the order arXiv lists them. */
  authors: string[];
  /** First version's submission time, ISO 8601 UTC. */
  publishedAt: string;
  /** Latest version's submission time, ISO 8601 UTC. */
  updatedAt: string;
  /** Primary category first, then the cross-lists, without duplicates. */
  categories: string[];
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  /** As arXiv links them: versioned, e.g. `https://arxiv.org/pdf/2401.17377v1`. */
  pdfUrl: string;
  absUrl: string;
};

/** What a feed says about the one id that was asked for. */
export type ArxivFeedResult =
  | { kind: 'paper'; paper: ArxivPaper }
  | { kind: 'not-found'; reason?: string }
  | { kind: 'unreadable'; detail: string };

// Elements that may repeat; fast-xml-parser would otherwise turn a single one into an object.
const ARRAYS = new Set(['feed.entry', 'feed.entry.author', 'feed.entry.category', 'feed.entry.link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // arXiv's prefixes are fixed (arxiv:, opensearch:), and the two API generations declare them in
  // different places (on the root, or on each element), so matching local names reads both.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
});

const ENTRY_ID = /^https?:\/\/arxiv\.org\/abs\/(.+?)(?:v(\d+))?$/;
const ERROR_ID = /^https?:\/\/arxiv\.org\/api\/errors/;

type Node = Record<string, unknown>;

/**
 * Reads an arXiv API Atom feed (answer to `id_list=<id>`) and picks the entry for `arxivId`
 * (normalised, without version). Pure: no I/O, never throws.
 */
export function parseArxivFeed(xml: string, arxivId: string): ArxivFeedResult {
  // arXiv never sends a DTD; refusing one keeps entity tricks out of the parser.
  if (/<!DOCTYPE/i.test(xml)) return { kind: 'unreadable', detail: 'the response declares a DOCTYPE' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { kind: 'unreadable', detail: `invalid XML: ${valid.err.msg} (line ${valid.err.line})` };
  const feed = (parser.parse(xml) as Node).feed as Node | undefined;
  if (!feed || typeof feed !== 'object') return { kind: 'unreadable', detail: 'no <feed> element' };

  const entries = (feed.entry as Node[] | undefined) ?? [];
  const error = entries.find((e) => ERROR_ID.test(text(e.id)));
  if (error) return { kind: 'not-found', reason: collapse(text(error.summary)) || undefined };

  const wanted = canonicalId(arxivId);
  for (const entry of entries) {
    const rawId = text(entry.id).trim();
    // Older API versions answered a well-formed but unknown id with an entry that has no id
    // and no title; it means "no such paper".
    if (rawId === '' && collapse(text(entry.title)) === '') continue;
    const m = ENTRY_ID.exec(rawId);
    if (!m) return { kind: 'unreadable', detail: `unexpected entry id "${rawId}"` };
    if (m[1] !== wanted) continue;
    return toPaper(entry, m[1], Number(m[2] ?? 1));
  }
  return { kind: 'not-found' };
}

/** Old-style ids with a subject class (`math.GT/0309136`) are known to arXiv as `math/0309136`. */
export function canonicalId(arxivId: string): string {
  return arxivId.replace(/^([a-z-]+)\.[A-Z]{2}\//, '$1/');
}

function toPaper(entry: Node, arxivId: string, version: number): ArxivFeedResult {
  const title = collapse(text(entry.title));
  if (title === '') return { kind: 'not-found' };
  const publishedAt = isoDate(text(entry.published));
  const updatedAt = isoDate(text(entry.updated)) ?? publishedAt;
  if (!publishedAt || !updatedAt) return { kind: 'unreadable', detail: `entry ${arxivId} has no valid <published> date` };

  const links = (entry.link as Node[] | undefined) ?? [];
  const href = (pick: (l: Node) => boolean) => {
    const link = links.find(pick);
    return link ? String(link['@_href'] ?? '') : '';
  };
  const versioned = `${arxivId}v${version}`;
  const primary = attr(entry.primary_category, 'term');
  const others = ((entry.category as Node[] | undefined) ?? []).map((c) => attr(c, 'term'));

  return {
    kind: 'paper',
    paper: {
      arxivId,
      version,
      title,
      abstract: collapse(text(entry.summary)),
      authors: ((entry.author as Node[] | undefined) ?? []).map((a) => collapse(text(a.name))).filter((n) => n !== ''),
      publishedAt,
      updatedAt,
      categories: [...new Set([primary, ...others].filter((c): c is string => !!c))],
      comment: optional(entry.comment),
      journalRef: optional(entry.journal_ref),
      doi: optional(entry.doi),
      pdfUrl: href((l) => l['@_title'] === 'pdf' || l['@_type'] === 'application/pdf') || `https://arxiv.org/pdf/${versioned}`,
      absUrl: href((l) => l['@_rel'] === 'alternate') || `https://arxiv.org/abs/${versioned}`,
    },
  };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return String((value as Node)['#text']);
  return '';
}

function attr(value: unknown, name: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = (value as Node)[`@_${name}`];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function optional(value: unknown): string | null {
  const s = collapse(text(value));
  return s === '' ? null : s;
}

function isoDate(s: string): string | undefined {
  const t = Date.parse(s.trim());
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
