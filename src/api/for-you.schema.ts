import { z } from 'zod';
import { FOR_YOU_MAX } from '../features/list-for-you';
import { wholeNumber } from './parse-query';

/** `GET /api/for-you` query: how many papers (default 20). */
export const forYouQuery = z.object({
  limit: wholeNumber(1, FOR_YOU_MAX).optional(),
});

/** `POST /api/for-you/hidden` body: the paper to leave out of the feed. */
export const hidePaperBody = z.object(
  { id: z.string({ message: 'id must be a string such as "2301.00001"' }).max(300, { message: 'id must be at most 300 characters' }) },
  { message: 'the body must be a JSON object such as {"id": "2301.00001"}' },
);
