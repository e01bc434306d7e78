import { isModerator, type Role } from '../domain/account';
import { canActOnAccount, REASON_MAX } from '../domain/moderation';
import { CsrfField } from './account/auth-form';
import { formatDay } from './format';
import { usePage } from './page-context';

/**
 * The moderators' forms, as components other pages insert with one line. Each renders nothing
 * for anyone who may not use it; the routes check again (moderation-routes.tsx), so hiding a form
 * is for tidiness, never for security. Every form asks for the reason the public log shows.
 */

function ReasonField(props: { label?: string }) {
  return (
    <label>
      {props.label ?? 'Reason (shown in the public moderation log)'}
      <input type="text" name="reason" required maxlength={REASON_MAX} />
    </label>
  );
}

function NextField() {
  return <input type="hidden" name="next" value={usePage().here} />;
}

/** On a paper page, for moderators: "remove from the list of D", one form per listing. */
export function ListingRemovalForms(props: { arxivId: string; listings: Array<{ listedOn: string }> }) {
  const page = usePage();
  if (!isModerator(page.viewer) || props.listings.length === 0) return null;
  return (
    <details class="moderation-tools">
      <summary>Moderate listings</summary>
      {props.listings.map((l) => (
        <form method="post" action="/moderation/listings/remove" class="form">
          <CsrfField />
          <NextField />
          <input type="hidden" name="arxivId" value={props.arxivId} />
          <input type="hidden" name="listedOn" value={l.listedOn} />
          <ReasonField />
          <p>
            <button type="submit" class="button secondary">
              Remove from the list of {formatDay(l.listedOn)}
            </button>
          </p>
        </form>
      ))}
    </details>
  );
}

/**
 * Under a comment, for moderators: hide it (or show it again) with a reason. For the comments
 * pages to insert: `<CommentModerationForm commentId={c.id} isHidden={c.isHidden} />`.
 */
export function CommentModerationForm(props: { commentId: number; isHidden: boolean }) {
  const page = usePage();
  if (!isModerator(page.viewer)) return null;
  const verb = props.isHidden ? 'unhide' : 'hide';
  return (
    <details class="moderation-tools">
      <summary>Moderate</summary>
      <form method="post" action={`/moderation/comments/${props.commentId}/${verb}`} class="form">
        <CsrfField />
        <NextField />
        <ReasonField />
        <p>
          <button type="submit" class="button secondary">
            {props.isHidden ? 'Show this comment again' : 'Hide this comment'}
          </button>
        </p>
      </form>
    </details>
  );
}

/** On a profile page: ban or unban for moderators (users only) and admins; the role for admins. */
export function UserModerationForms(props: { id: number; username: string; role: Role; isBanned: boolean; hasAccount: boolean }) {
  const viewer = usePage().viewer;
  if (!viewer || !canActOnAccount(viewer, props)) return null;
  const base = `/moderation/users/${encodeURIComponent(props.username)}`;
  return (
    <section class="moderation-tools">
      <h2>Moderation</h2>
      <form method="post" action={`${base}/${props.isBanned ? 'unban' : 'ban'}`} class="form">
        <CsrfField />
        <ReasonField />
        <p>
          <button type="submit" class="button secondary">
            {props.isBanned ? `Lift the ban on ${props.username}` : `Ban ${props.username} (ends their sessions and API tokens)`}
          </button>
        </p>
      </form>
      {viewer.role === 'admin' && props.hasAccount ? (
        <form method="post" action={`${base}/role`} class="form">
          <CsrfField />
          <label>
            Role
            <select name="role">
              {(['user', 'moderator', 'admin'] as const).map((r) => (
                <option value={r} selected={r === props.role}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <ReasonField />
          <p>
            <button type="submit" class="button secondary">
              Change role
            </button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
