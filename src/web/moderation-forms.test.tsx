import { jsx } from 'hono/jsx';
import { describe, expect, it } from 'vitest';
import type { Role, Viewer } from '../domain/account';
import { CommentModerationForm } from './moderation-forms';
import { PageContextJsx } from './page-context';

function viewer(role: Role, isBanned = false): Viewer {
  return { id: 1, username: 'm', fullname: 'm', email: 'm@example.org', role, isVerified: true, isBanned, createdAt: '2026-01-01T00:00:00Z' };
}

async function render(v: Viewer | null, isHidden: boolean): Promise<string> {
  const value = { viewer: v, csrfToken: () => 'TOKEN', nonce: undefined, here: '/papers/2608.00001' };
  return (await jsx(PageContextJsx.Provider, { value }, (<CommentModerationForm commentId={12} isHidden={isHidden} />) as never)).toString();
}

describe('CommentModerationForm', () => {
  it('gives moderators and admins a hide or unhide form with the token, a required reason and the way back', async () => {
    const hide = await render(viewer('moderator'), false);
    expect(hide).toContain('action="/moderation/comments/12/hide"');
    expect(hide).toContain('name="_csrf" value="TOKEN"');
    expect(hide).toContain('name="next" value="/papers/2608.00001"');
    expect(hide).toMatch(/name="reason" required="" maxlength="500"/);
    expect(await render(viewer('admin'), true)).toContain('action="/moderation/comments/12/unhide"');
  });

  it('renders nothing for anyone else', async () => {
    for (const v of [null, viewer('user'), viewer('moderator', true)]) expect(await render(v, false)).toBe('');
  });
});
