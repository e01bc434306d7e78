import { InputError } from './input-error';

/** A member's named list of papers, as the rest of the code sees it. */
export type Collection = {
  id: number;
  ownerId: number;
  /** The owner's user name (collections are addressed as `username/slug`). */
  ownerUsername: string;
  slug: string;
  name: string;
  description: string;
  isPublic: boolean;
  /** How many papers it holds. */
  paperCount: number;
  createdAt: string;
  updatedAt: string;
};

/** What a member may have and put in one (soft limits: checked before the write). */
export const COLLECTION_LIMITS = { perUser: 100, papersPerCollection: 5000, nameMax: 100, descriptionMax: 1000, noteMax: 1000, slugMax: 60 } as const;

// Control characters other than tab and newline, lone surrogates and NUL never belong in a name.
const BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A collection name: 1–100 characters once trimmed, on one line. */
export function parseCollectionName(input: unknown): string {
  const value = typeof input === 'string' ? input.replace(/\s+/g, ' ').trim() : '';
  if (!value) throw new InputError('a collection needs a name');
  if ([...value].length > COLLECTION_LIMITS.nameMax) throw new InputError(`a collection name has at most ${COLLECTION_LIMITS.nameMax} characters`);
  if (BAD_CHARS.test(value)) throw new InputError('a collection name cannot contain control characters');
  return value;
}

/** A description: optional, at most 1000 characters; line breaks are kept. */
export function parseCollectionDescription(input: unknown): string {
  if (input === undefined || input === null) return '';
  if (typeof input !== 'string') throw new InputError('the description must be text');
  const value = input.replace(/\r\n?/g, '\n').trim();
  if ([...value].length > COLLECTION_LIMITS.descriptionMax) throw new InputError(`a description has at most ${COLLECTION_LIMITS.descriptionMax} characters`);
  if (BAD_CHARS.test(value)) throw new InputError('the description cannot contain control characters');
  return value;
}

/** A note on a paper in a collection: optional, at most 1000 characters. Empty means none. */
export function parseCollectionNote(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  if (typeof input !== 'string') throw new InputError('the note must be text');
  const value = input.replace(/\r\n?/g, '\n').trim();
  if ([...value].length > COLLECTION_LIMITS.noteMax) throw new InputError(`a note has at most ${COLLECTION_LIMITS.noteMax} characters`);
  if (BAD_CHARS.test(value)) throw new InputError('the note cannot contain control characters');
  return value || null;
}

/**
 * Public or private from a form checkbox (`on`, `1`, `true`) or a JSON boolean. Anything missing
 * is private: a collection is never published by accident.
 */
export function parseIsPublic(input: unknown): boolean {
  if (typeof input === 'boolean') return input;
  if (typeof input === 'string') return ['on', '1', 'true', 'public', 'yes'].includes(input.trim().toLowerCase());
  return false;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

/** A slug from a URL: lower-case letters, digits and inner `-`, at most 60 characters. */
export function parseSlug(input: unknown): string {
  const value = typeof input === 'string' ? input.trim() : '';
  if (!SLUG.test(value)) throw new InputError('a collection is named by lower-case letters, digits and "-", e.g. "reading-list"');
  return value;
}

/**
 * The slug a name gets: accents folded to ASCII, anything else a `-`, cut at 60 characters.
 * A name with no letters or digits at all (`数学`, `!!!`) becomes `collection`.
 */
export function slugify(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, COLLECTION_LIMITS.slugMax).replace(/-+$/, '');
  return slug || 'collection';
}

/** The first of `base`, `base-2`, `base-3`, … not in `taken` (kept within 60 characters). */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, COLLECTION_LIMITS.slugMax - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
