import { z } from 'zod';

/**
 * Bodies of the collection writes. Lengths here only keep absurd input out; the real rules (name
 * 1–100 characters, description ≤ 1000, note ≤ 1000) are the use cases' (domain/collection.ts).
 */
export const createCollectionBody = z.object(
  {
    name: z.string({ message: 'name must be a string such as "Reading list"' }).max(1000, { message: 'name is too long' }),
    description: z.string({ message: 'description must be a string' }).max(10_000, { message: 'description is too long' }).optional(),
    isPublic: z.boolean({ message: 'isPublic must be true or false' }).optional(),
  },
  { message: 'the body must be a JSON object such as {"name": "Reading list", "isPublic": false}' },
);

export const addPaperBody = z.object(
  {
    arxivId: z.string({ message: 'arxivId must be a string such as "2301.00001"' }).max(300, { message: 'arxivId must be at most 300 characters' }),
    note: z.string({ message: 'note must be a string' }).max(10_000, { message: 'note is too long' }).optional(),
  },
  { message: 'the body must be a JSON object such as {"arxivId": "2301.00001"}' },
);
