import type { PaperInput } from '../../domain/paper';
import type { PaperPatch, PaperSource } from './import-record';

type MergedField = Exclude<keyof PaperInput, 'arxivId' | 'publishedAt' | 'isPublishedApprox'>;

/**
 * How each source's values combine with a stored paper's:
 * - `set` fields are the source's own: a value replaces the stored one;
 * - `fill` fields it knows second-hand: a value only fills a stored value that is empty;
 * - `grow` fields several snapshots of the source may disagree on: the larger value wins (the
 *   higher count, the longer list), so the result does not depend on the order of the files.
 * HF answers are snapshots of a page that changes (which of two is newer cannot be told), so they
 * only fill gaps and grow counts and lists; our papers files carry arXiv's metadata.
 */
const ROLES: Record<PaperSource, { set: MergedField[]; fill: MergedField[]; grow: MergedField[] }> = {
  arxiv: { set: ['title', 'abstract', 'authors', 'categories', 'githubRepo'], fill: [], grow: [] },
  hf: { set: [], fill: ['title', 'projectPage', 'withdrawnAt', 'aiSummary', 'abstract', 'authors', 'githubRepo'], grow: ['githubStars', 'aiKeywords'] },
};

/**
 * The paper after applying an imported record to the stored one (a new paper is the record's
 * own `fields`). Rules, chosen so that re-importing any set of files in any order is a no-op:
 * - each field combines as its source's role says (ROLES above);
 * - an absent or empty value never erases a known one (an import adds knowledge);
 * - the publication time replaces an approximate one, and an exact one only when the record is
 *   authoritative for it (an exact date from our arXiv metadata); an approximate date never
 *   displaces an exact one, whoever says it.
 */
export function mergePaper(existing: PaperInput | null, patch: PaperPatch): PaperInput {
  const incoming = patch.fields;
  if (!existing) return incoming;
  const merged: PaperInput = { ...existing };
  const target = merged as Record<MergedField, unknown>;
  const roles = ROLES[patch.source];
  for (const key of roles.fill) {
    if (isEmpty(target[key]) && !isEmpty(incoming[key])) target[key] = incoming[key];
  }
  for (const key of roles.set) {
    if (!isEmpty(incoming[key])) target[key] = incoming[key];
  }
  for (const key of roles.grow) {
    if (size(incoming[key]) > size(target[key])) target[key] = incoming[key];
  }
  const isAuthoritative = patch.source === 'arxiv' && !incoming.isPublishedApprox;
  if ((existing.isPublishedApprox || isAuthoritative) && !(incoming.isPublishedApprox && !existing.isPublishedApprox)) {
    merged.publishedAt = incoming.publishedAt;
    merged.isPublishedApprox = incoming.isPublishedApprox;
  }
  return merged;
}

/** Every imported field and how it compares; a field added to PaperInput does not compile until it is listed. */
const FIELD_KINDS: Record<keyof PaperInput, 'value' | 'list'> = {
  arxivId: 'value',
  title: 'value',
  abstract: 'value',
  authors: 'list',
  publishedAt: 'value',
  isPublishedApprox: 'value',
  categories: 'list',
  githubRepo: 'value',
  githubStars: 'value',
  projectPage: 'value',
  withdrawnAt: 'value',
  aiSummary: 'value',
  aiKeywords: 'list',
};
const FIELDS = Object.entries(FIELD_KINDS) as [keyof PaperInput, 'value' | 'list'][];

/** True when two papers have the same imported fields: then an import has nothing to write. */
export function samePaperInput(a: PaperInput, b: PaperInput): boolean {
  for (const [key, kind] of FIELDS) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (kind === 'value' || !Array.isArray(x) || !Array.isArray(y) || !sameList(x, y)) return false;
  }
  return true;
}

/** Same strings in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function size(v: unknown): number {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.length;
  return -1;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}
