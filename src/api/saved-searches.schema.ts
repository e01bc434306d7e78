import { z } from 'zod';

const text = (field: string) => z.string({ message: `${field} must be a string` }).max(100_000, { message: `${field} is too long` }).optional();

/**
 * The body of `POST /api/saved-searches`. Lengths here only keep absurd input out; the rules (the
 * search page's, plus words or a filter, a name of at most 100 characters) are the use case's
 * (features/saved-searches/save-search.ts).
 */
export const saveSearchBody = z.object(
  {
    q: text('q'),
    from: text('from'),
    to: text('to'),
    category: text('category'),
    hasCode: z.boolean({ message: 'hasCode must be true or false' }).optional(),
    sort: text('sort'),
    name: text('name'),
  },
  { message: 'the body must be a JSON object such as {"q": "graph transformers", "category": "cs.LG", "name": "Graphs"}' },
);
