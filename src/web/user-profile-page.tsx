import type { Context } from 'hono';
import type { Deps } from '../deps';
import { listPublicCollections } from '../features/collections/list-collections';
import { getUserProfile } from '../features/users/get-user-profile';
import { ProfileCollections } from './collection-pages';
import { renderErrorPage } from './error-page';
import { formatDay, paperPath } from './format';
import { Layout } from './layout';
import { UserModerationForms } from './moderation-forms';
import { userPath } from './moderation-log-page';
import { sendPage } from './send-page';

/**
 * `/users/:username`: who someone is on the site (name, since when, role, a ban with its reason)
 * and what they submitted. Moderators and admins also see the ban and role forms.
 */
export async function renderUserProfilePage(c: Context, deps: Deps, username: string): Promise<Response> {
  const found = await getUserProfile(deps, username); // a malformed name throws InputError → 400 page
  if (!found) return renderErrorPage(c, 404, `There is no user ${username} on this site.`);
  const { profile, submissions } = found;
  if (profile.username !== username) return c.redirect(userPath(profile.username), 301);
  return sendPage(
    c,
    <Layout title={profile.username} canonical={`${deps.config.siteUrl}${userPath(profile.username)}`} section={null}>
      <div class="prose">
        <h1>
          {profile.fullname && profile.fullname !== profile.username ? `${profile.fullname} (${profile.username})` : profile.username}{' '}
          {profile.role !== 'user' ? <span class="tag">{profile.role}</span> : null}
        </h1>
        <p>{profile.hasAccount ? `Member since ${formatDay(profile.createdAt)}.` : 'Known from imported daily lists; has no account here.'}</p>
        {profile.bannedAt ? (
          <p class="notice error">
            Banned by the moderators on {formatDay(profile.bannedAt)}
            {profile.banReason ? `: ${profile.banReason}` : '.'} (see the <a href="/moderation">moderation log</a>)
          </p>
        ) : null}
        <ProfileCollections collections={await listPublicCollections(deps, profile.id)} />
        <h2>Submissions</h2>
        {submissions.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul class="submissions">
            {submissions.map((s) => (
              <li>
                <a href={paperPath(s.arxivId)}>{s.title}</a> · listed {formatDay(s.listedOn)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <UserModerationForms id={profile.id} username={profile.username} role={profile.role} isBanned={profile.bannedAt !== null} hasAccount={profile.hasAccount} />
    </Layout>,
  );
}
