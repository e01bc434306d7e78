import { z } from 'zod';
import { shortText, wholeNumber } from './parse-query';

/** `GET /api/papers` query: an opaque cursor from the previous page's Link header, a page size. */
export const papersListQuery = z.object({
  cursor: shortText(200).optional(),
  limit: wholeNumber(1, 100).optional(),
});
