import { describe, expect, it } from 'vitest';
import { hubId } from './hub-id';
import { avatarUrl, isoTime } from './serialize';
import { toApiComment } from './serialize-comment';

const ctx = { siteUrl: 'http://paperboy.test' };
const user = { id: 1, username: 'ann', fullname: 'Ann A.', avatarUrl: null };

describe('serialisation helpers', () => {
  it('writes instants with milliseconds and Z', () => {
    expect(isoTime('2024-01-03')).toBe('2024-01-03T00:00:00.000Z');
    expect(isoTime('2024-01-03T04:05:06Z')).toBe('2024-01-03T04:05:06.000Z');
    expect(isoTime('2024-01-03T04:05:06.789+02:00')).toBe('2024-01-03T02:05:06.789Z');
  });

  it('derives stable, namespaced 24-hex ids', () => {
    expect(hubId('user', 'ann')).toMatch(/^[0-9a-f]{24}$/);
    expect(hubId('user', 'ann')).toBe(hubId('user', 'ann'));
    expect(hubId('user', 'ann')).not.toBe(hubId('author', 'ann'));
  });

  it('makes avatar URLs absolute', () => {
    expect(avatarUrl(user, ctx)).toBe('http://paperboy.test/avatars/ann.svg');
    expect(avatarUrl({ ...user, avatarUrl: '/avatars/x.svg' }, ctx)).toBe('https://huggingface.co/avatars/x.svg');
    expect(avatarUrl({ ...user, avatarUrl: 'https://cdn.example/a.png' }, ctx)).toBe('https://cdn.example/a.png');
  });

  it('maps a comment row to the Hub comment shape, hiding the text of hidden ones', () => {
    const base = { id: 7, parentId: null, body: '**hi**', html: '<p><strong>hi</strong></p>', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', hiddenAt: null, hiddenReason: null, author: user };
    const c = toApiComment(base, ctx);
    expect(c).toMatchObject({ id: hubId('comment', '7'), type: 'comment', author: { user: 'ann', name: 'ann' } });
    expect(c.data).toEqual({ edited: false, hidden: false, latest: { raw: '**hi**', html: '<p><strong>hi</strong></p>', updatedAt: '2025-01-01T00:00:00.000Z', author: c.author }, numEdits: 0, editors: [], reactions: [] });
    const reply = toApiComment({ ...base, id: 8, parentId: 7, updatedAt: '2025-01-02T00:00:00.000Z', hiddenAt: '2025-01-03T00:00:00.000Z', hiddenReason: 'Spam' }, ctx);
    expect(reply.data).toMatchObject({ edited: true, hidden: true, hiddenReason: 'Spam', numEdits: 1, editors: ['ann'], parentCommentId: hubId('comment', '7') });
    expect(reply.data.latest.raw).toBe('');
  });
});
