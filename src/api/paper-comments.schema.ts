import { z } from 'zod';

/**
 * `POST /api/papers/:id/comment` and `…/comment/:commentId/reply` body, as the Hub takes it:
 * `{"comment": "markdown"}`. Length and characters are checked by the use case (parseCommentBody),
 * so the web form and the API refuse the same texts with the same messages. Other fields are ignored.
 */
export const commentBody = z.object(
  { comment: z.string({ message: 'comment must be a string of Markdown, as in {"comment": "Nice paper!"}' }) },
  { message: 'the body must be a JSON object such as {"comment": "Nice paper!"}' },
);
