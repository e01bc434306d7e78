import { z } from 'zod';

/**
 * `POST /api/webhooks/mail` body: one event from the mail provider (or a relay script),
 * `{"type": "bounce", "email": "a@example.org", "hard": true, "detail": "550 5.1.1 no such user"}`.
 * Other fields are ignored, so a provider's richer payload can be passed through a small adapter.
 */
export const mailEventBody = z.object(
  {
    type: z.enum(['bounce', 'complaint'], { message: 'type must be "bounce" or "complaint"' }),
    email: z.string({ message: 'email must be a string' }).max(320, { message: 'email must be at most 320 characters' }),
    detail: z.string({ message: 'detail must be a string' }).max(2000, { message: 'detail must be at most 2000 characters' }).optional(),
    hard: z.boolean({ message: 'hard must be true or false' }).optional(),
  },
  { message: 'the body must be a JSON object such as {"type": "bounce", "email": "a@example.org", "hard": true}' },
);
