import { z } from 'zod';
import { wholeNumber } from './parse-query';

/** The Hub refuses longer queries; so do we, with a message instead of a truncation. */
export const MAX_QUERY_CHARS = 250;
export const MAX_SEARCH_LIMIT = 120;
export const DEFAULT_SEARCH_LIMIT = 50;

/**
 * `GET /api/papers/search` query. Tabs and line breaks in `q` count as spaces (pasted text);
 * other control characters, NUL included, are refused.
 */
export const papersSearchQuery = z.object({
  q: z
    .string()
    .transform((s) => s.replace(/[\t\n\r]/g, ' '))
    .refine((s) => [...s].length <= MAX_QUERY_CHARS, { message: `must be at most ${MAX_QUERY_CHARS} characters` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'must not contain control characters' })
    .optional(),
  limit: wholeNumber(1, MAX_SEARCH_LIMIT).optional(),
  /** Not a Hub parameter: `keyword`, `vector` or `hybrid` (default: hybrid when the vector index is loaded). */
  mode: z.enum(['keyword', 'vector', 'hybrid'], { message: 'must be keyword, vector or hybrid' }).optional(),
});
