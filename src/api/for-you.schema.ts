import { z } from 'zod';
import { FOR_YOU_MAX } from '../features/list-for-you';
import { wholeNumber } from './parse-query';

/** `GET /api/for-you` query: how many papers (default 20). */
export const forYouQuery = z.object({
  limit: wholeNumber(1, FOR_YOU_MAX).optional(),
});
