import { z } from 'zod';
import { parseArxivId } from '../../domain/arxiv-id';
import { parseDay } from '../../domain/period';
import { remembered } from '../../domain/remembered';

/**
 * Field schemas shared by the record schemas: each validates and normalises one value, so the
 * stored form (and therefore the content hash) does not depend on which file a value came from.
 */

/** An arXiv id, normalised (version stripped); the reason comes from domain/arxiv-id.ts. */
export const arxivIdField = z.string().transform((value, ctx) => {
  const parsed = parseArxivId(value);
  if (!parsed.ok) {
    ctx.issues.push({ code: 'custom', message: parsed.reason, input: value });
    return z.NEVER;
  }
  return parsed.id;
});

/** Text on one line: titles wrap with hard line breaks in HF responses, never on arXiv. */
export const titleField = z
  .string()
  .transform(collapseWhitespace)
  .refine((v) => v.length > 0, 'is empty')
  .refine((v) => v.length <= 2000, 'is longer than 2000 characters');

/** An abstract; empty means unknown. Hard line breaks are folded as for titles. */
export const abstractField = z
  .string()
  .nullish()
  .transform((v) => (v == null ? null : collapseWhitespace(v) || null));

/** A list of names; blanks dropped, whitespace folded, order kept. */
export const namesField = z
  .array(z.string())
  .nullish()
  .transform((list) => (list ?? []).map(collapseWhitespace).filter((s) => s.length > 0));

/** A calendar day `YYYY-MM-DD`, checked against the calendar. */
export const dayField = z.string().transform((value, ctx) => {
  const parsed = parseDay(value);
  if (!parsed.ok) {
    ctx.issues.push({ code: 'custom', message: parsed.reason, input: value });
    return z.NEVER;
  }
  return value;
});

/** An instant (ISO-8601 with zone) or a bare day, stored as `…T…Z` with milliseconds. */
export const instantField = z.string().transform((value, ctx) => {
  const instant = toInstant(value);
  if (instant === null) {
    ctx.issues.push({ code: 'custom', message: `"${clip(value)}" is not a date (expected YYYY-MM-DD or an ISO-8601 time)`, input: value });
    return z.NEVER;
  }
  return instant;
});

/** A non-negative integer count; null when unknown. */
export const countField = z.number().int().min(0).max(1e9).nullish().transform((v) => v ?? null);

/**
 * A web link. Some sources wrap long URLs across lines, so whitespace is removed; anything that
 * is still not an http(s) URL is dropped rather than failing the whole record.
 */
export const urlField = z.string().nullish().transform((v) => toUrl(v ?? null));

/** An http(s) URL with whitespace removed, or null when it is not one. */
export function toUrl(v: string | null): string | null {
  if (v === null) return null;
  const url = v.replace(/[\s\u0000-\u001f\u007f]+/g, '');
  return /^https?:\/\/[^/\s]+\.[^\s]+$/i.test(url) && url.length <= 500 ? url : null;
}

/** A user name as on Hugging Face. */
export const usernameField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'is not a user name (letters, digits, ".", "_", "-")');

/** Folds every run of whitespace (and control characters, which PostgreSQL refuses) into one space. */
export function collapseWhitespace(s: string): string {
  // Most values are already clean; checking is several times cheaper than rewriting.
  return needsCollapsing(s) ? s.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim() : s;
}

/** Whitespace other than a space, a control character (C0, DEL, C1). */
const UNTIDY_CHARACTER = /[^\S ]|[\u0000-\u001f\u007f-\u009f]/;

/**
 * False when `s` has nothing to fold: no whitespace but single inner spaces, no control character.
 * One native scan per test: 0.6 s for the 158k corpus's 1.2M strings, where a loop over the
 * characters took 0.9 s (benchmarks §1).
 */
function needsCollapsing(s: string): boolean {
  return UNTIDY_CHARACTER.test(s) || s.includes('  ') || s.startsWith(' ') || s.endsWith(' ');
}

/**
 * `YYYY-MM-DD` → midnight UTC; an ISO time with a zone → its UTC instant; anything else → null.
 * Answers for date-sized strings are remembered: an import's dates repeat (991 distinct among the
 * corpus's 158k papers).
 */
export const toInstant = remembered(readInstant, 10_000, 40);

function readInstant(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return parseDay(value).ok ? `${value}T00:00:00.000Z` : null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  const iso = new Date(t).toISOString();
  return parseDay(iso.slice(0, 10)).ok ? iso : null;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
