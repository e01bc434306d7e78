import { z } from 'zod';

/** The extra parts `GET /api/papers/:id` can add, as the Hub names them. */
export const PAPER_FIELDS = ['comments', 'submissionDeadline'] as const;

/** `GET /api/papers/:id` query: `field` may be repeated (`?field=comments&field=submissionDeadline`). */
export const paperQuery = z.object({
  field: z
    .array(z.enum(PAPER_FIELDS, { message: `must be one of ${PAPER_FIELDS.join(', ')}` }))
    .max(PAPER_FIELDS.length * 2, { message: 'is repeated too many times' })
    .optional(),
});
