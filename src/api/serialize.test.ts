import { describe, expect, it } from 'vitest';
import { commentHubId, hubId, parseCommentHubId } from './hub-id';
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

  it('maps a comment to the Hub comment shape, hiding the text of hidden and deleted ones', () => {
    const base = { id: 7, parentId: null, body: '**hi**', html: '<p><strong>hi</strong></p>', createdAt: '2025-01-01T00:00:00.000Z', editedAt: null, isEdited: false, isDeleted: false, isHidden: false, hiddenReason: null, author: user };
    const c = toApiComment(base, ctx);
    expect(c).toMatchObject({ id: commentHubId(7), type: 'comment', author: { user: 'ann', name: 'ann' } });
    expect(c.data).toEqual({ edited: false, hidden: false, latest: { raw: '**hi**', html: '<p><strong>hi</strong></p>', updatedAt: '2025-01-01T00:00:00.000Z', author: c.author }, numEdits: 0, editors: [], reactions: [] });
    const edited = toApiComment({ ...base, id: 8, parentId: 7, editedAt: '2025-01-02T00:00:00.000Z', isEdited: true }, ctx);
    expect(edited.data).toMatchObject({ edited: true, hidden: false, numEdits: 1, editors: ['ann'], parentCommentId: commentHubId(7), latest: { raw: '**hi**', updatedAt: '2025-01-02T00:00:00.000Z' } });
    const hidden = toApiComment({ ...base, isHidden: true, hiddenReason: 'Spam' }, ctx);
    expect(hidden.data).toMatchObject({ hidden: true, hiddenReason: 'Spam', latest: { raw: '', html: '' } });
    const deleted = toApiComment({ ...base, isDeleted: true, isEdited: true }, ctx);
    expect(deleted.data).toMatchObject({ edited: false, hidden: false, latest: { raw: '', html: '' } });
  });

  it('gives comments 24-hex ids that lead back to them', () => {
    for (const id of [1, 7, 123456, 2 ** 40]) {
      expect(commentHubId(id)).toMatch(/^[0-9a-f]{24}$/);
      expect(parseCommentHubId(commentHubId(id))).toBe(id);
      expect(parseCommentHubId(commentHubId(id).toUpperCase())).toBe(id);
    }
    expect(parseCommentHubId('42')).toBe(42);
    for (const bad of ['', '0', '-1', 'abc', hubId('user', 'ann'), `${commentHubId(1).slice(0, 8)}${'f'.repeat(16)}`, `${commentHubId(1)}0`, '0'.repeat(24)]) {
      expect(parseCommentHubId(bad), bad).toBeNull();
    }
  });
});
