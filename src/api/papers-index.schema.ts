import { z } from 'zod';

/**
 * `POST /api/papers/index` body, as the Hub takes it: `{"arxivId": "2301.00001"}`. The id may also
 * be an arxiv.org abs/pdf link; what makes a valid id is checked by the use case (domain/arxiv-id.ts).
 * Other fields are ignored, as the Hub does.
 */
export const papersIndexBody = z.object(
  {
    arxivId: z.string({ message: 'arxivId must be a string such as "2301.00001"' }).max(300, { message: 'arxivId must be at most 300 characters' }),
  },
  { message: 'the body must be a JSON object such as {"arxivId": "2301.00001"}' },
);
