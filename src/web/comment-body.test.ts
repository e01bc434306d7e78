import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/input-error';
import { COMMENT_MAX_CHARS, parseCommentBody } from './comment-body';

describe('parseCommentBody', () => {
  it('trims and turns CRLF and CR into LF, keeping tabs and inner blank lines', () => {
    expect(parseCommentBody('  \r\nHello\r\n\r\n\tworld\rbye \n')).toBe('Hello\n\n\tworld\nbye');
  });

  it('accepts exactly COMMENT_MAX_CHARS after trimming, and rejects one more', () => {
    expect(parseCommentBody(` ${'a'.repeat(COMMENT_MAX_CHARS)} `)).toHaveLength(10_000);
    expect(() => parseCommentBody('a'.repeat(COMMENT_MAX_CHARS + 1))).toThrow('The comment is 10,001 characters long; the limit is 10,000.');
  });

  it('rejects empty, blank and invisible-only bodies', () => {
    for (const input of ['', '   ', '\n\t\r\n', '\u200B\u200B', ' \u2060 ']) {
      expect(() => parseCommentBody(input), JSON.stringify(input)).toThrow(new InputError('The comment is empty.'));
    }
  });

  it('rejects NUL and other control characters, naming the first', () => {
    expect(() => parseCommentBody('a\u0000b')).toThrow('The comment contains a control character (U+0000); remove it and try again.');
    for (const c of ['\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009F']) {
      expect(() => parseCommentBody(`a${c}b`), c.charCodeAt(0).toString(16)).toThrow(InputError);
    }
  });

  it('rejects anything that is not a string', () => {
    for (const input of [undefined, null, 42, ['a'], { body: 'a' }]) {
      expect(() => parseCommentBody(input)).toThrow(new InputError('The comment must be text.'));
    }
  });

  it('keeps Markdown, math and non-Latin text as written', () => {
    const body = '# Über $\\alpha$\n\n> 引用 — *ok* 🎉';
    expect(parseCommentBody(body)).toBe(body);
  });
});
