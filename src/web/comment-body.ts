import { InputError } from '../domain/input-error';

/** The longest comment body accepted, in UTF-16 code units after trimming (about 1,500 words). */
export const COMMENT_MAX_CHARS = 10_000;

// C0 controls except \t and \n (\r is gone by the time this runs), DEL and the C1 controls.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// trim() leaves zero-width spaces and joiners, which would make a comment that shows nothing.
const INVISIBLE_ONLY = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;

/**
 * Checks a submitted comment body and returns it ready to store and to pass to renderMarkdown:
 * CRLF and lone CR become \n and the ends are trimmed. Throws InputError for a non-string, an
 * empty or over-long body, or one with NUL or other control characters (nothing a person types;
 * \t and \n are kept).
 */
export function parseCommentBody(input: unknown): string {
  if (typeof input !== 'string') throw new InputError('The comment must be text.');
  const body = input.replace(/\r\n?/g, '\n').trim();
  if (INVISIBLE_ONLY.test(body)) throw new InputError('The comment is empty.');
  if (body.length > COMMENT_MAX_CHARS) {
    throw new InputError(`The comment is ${body.length.toLocaleString('en')} characters long; the limit is ${COMMENT_MAX_CHARS.toLocaleString('en')}.`);
  }
  const control = CONTROL.exec(body);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new InputError(`The comment contains a control character (U+${code}); remove it and try again.`);
  }
  return body;
}
