import type { Context } from 'hono';
import type { Deps } from '../deps';
import type { ModerationAction, ModerationLogEntry } from '../domain/moderation';
import { listModerationLog } from '../features/moderation/list-moderation-log';
import { formatDay, paperPath } from './format';
import { Layout } from './layout';
import { parsePageParam } from './page-param';
import { Pager } from './pager';
import { sendPage } from './send-page';

const ACTIONS: Record<ModerationAction, string> = {
  hide_comment: 'hid a comment',
  unhide_comment: 'showed a comment again',
  remove_listing: 'removed a listing',
  ban_user: 'banned',
  unban_user: 'lifted the ban on',
  set_role: 'changed the role of',
};

/** `/moderation`: the public, append-only moderation log, newest first, 50 to a page (like lobsters' /moderations). */
export async function renderModerationLogPage(c: Context, deps: Deps): Promise<Response> {
  const page = parsePageParam(c.req.query('p'), 100_000);
  const log = await listModerationLog(deps, page);
  return sendPage(
    c,
    <Layout title="Moderation log" canonical={`${deps.config.siteUrl}/moderation${page > 1 ? `?p=${page}` : ''}`} section={null}>
      <div class="prose">
        <h1>Moderation log</h1>
        <p>Everything the moderators did, with their reasons. Entries are never edited or deleted.</p>
      </div>
      {log.items.length === 0 ? (
        <p>{page === 1 ? 'Nothing has been moderated yet.' : 'No entries on this page.'}</p>
      ) : (
        <table class="moderation-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Moderator</th>
              <th scope="col">Action</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {log.items.map((e) => (
              <tr>
                <td>
                  <time datetime={e.createdAt}>{formatInstant(e.createdAt)}</time>
                </td>
                <td>
                  {e.moderator === null ? <span title="paperboy user set-role, on the server">the operator</span> : <a href={userPath(e.moderator)}>{e.moderator}</a>}
                </td>
                <td>
                  {ACTIONS[e.action] ?? e.action} <Target entry={e} />
                </td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} lastPage={log.lastPage} hasNext={page < log.lastPage} href={(p) => (p === 1 ? '/moderation' : `/moderation?p=${p}`)} />
    </Layout>,
  );
}

/** The target's label, linked to it while it exists. */
function Target(props: { entry: ModerationLogEntry }) {
  const e = props.entry;
  const href =
    e.action === 'hide_comment' || e.action === 'unhide_comment'
      ? e.targetArxivId && e.targetCommentId !== null
        ? `${paperPath(e.targetArxivId)}#comment-${e.targetCommentId}`
        : null
      : e.action === 'remove_listing'
        ? e.targetArxivId && paperPath(e.targetArxivId)
        : e.targetUsername && userPath(e.targetUsername);
  return href ? <a href={href}>{e.targetLabel}</a> : <span>{e.targetLabel}</span>;
}

/** The public profile page of a user name. */
export function userPath(username: string): string {
  return `/users/${encodeURIComponent(username)}`;
}

function formatInstant(iso: string): string {
  return `${formatDay(iso)}, ${iso.slice(11, 16)} UTC`;
}
