import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { listMyApiTokens } from '../../features/accounts/api-tokens';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../features/accounts/password-policy';
import { listSessions, type SessionView } from '../../features/accounts/sessions';
import { getViewerSubscription } from '../../features/subscriptions/viewer-subscription';
import type { ApiTokenRecord } from '../../storage/repos/api-tokens-repo';
import { DigestSettingsSection } from '../digest-settings-section';
import { formatDay } from '../format';
import { Layout } from '../layout';
import { sendPage } from '../send-page';
import { CsrfField, Notice } from './auth-form';

export type SettingsMessages = { error?: string | null; notice?: string | null; newToken?: { name: string; token: string } | null };

/** The viewer's settings: address, password, sessions and API tokens. Never cached. */
export async function renderSettingsPage(c: Context, deps: Deps, viewer: Viewer, messages: SettingsMessages = {}, status: ContentfulStatusCode = 200): Promise<Response> {
  const sessions = await listSessions(deps, viewer, (c.get('sessionHash') as string | null) ?? null);
  const tokens = await listMyApiTokens(deps, viewer);
  const digest = await getViewerSubscription(deps, viewer);
  c.header('Cache-Control', 'no-store');
  return sendPage(
    c,
    <Layout title="Settings" canonical={null} section="account">
      <div class="prose">
        <h1>Settings</h1>
        <Notice error={messages.error} notice={messages.notice} />
        <AccountSection viewer={viewer} />
        <DigestSettingsSection viewer={viewer} digest={digest} siteTimeZone={deps.config.timeZone} />
        <PasswordSection />
        <SessionsSection sessions={sessions} />
        <TokensSection tokens={tokens} newToken={messages.newToken ?? null} />
      </div>
    </Layout>,
    status,
  );
}

function AccountSection(props: { viewer: Viewer }) {
  const { viewer } = props;
  return (
    <section class="settings-section" aria-labelledby="account">
      <h2 id="account">Account</h2>
      <p>
        <strong>{viewer.username}</strong> · {viewer.email} ·{' '}
        {viewer.isVerified ? 'address confirmed' : <strong>address not confirmed yet: you cannot vote, comment or submit</strong>}
        {viewer.role !== 'user' ? ` · ${viewer.role}` : null}
      </p>
      <p>
        Your <a href="/collections">collections</a> and <a href="/saved-searches">saved searches</a>.
      </p>
      {viewer.isVerified ? null : (
        <form method="post" action="/settings/verify-email" class="inline-form">
          <CsrfField />
          <button type="submit" class="button secondary">
            Send a new confirmation link
          </button>
        </form>
      )}
    </section>
  );
}

function PasswordSection() {
  return (
    <section class="settings-section" aria-labelledby="password">
      <h2 id="password">Password</h2>
      <form method="post" action="/settings/password" class="form">
        <CsrfField />
        <label>
          Current password
          <input type="password" name="current" autocomplete="current-password" required maxlength={1024} />
        </label>
        <label>
          New password
          <input type="password" name="password" autocomplete="new-password" required minlength={PASSWORD_MIN} maxlength={PASSWORD_MAX} />
        </label>
        <label class="check">
          <input type="checkbox" name="logOutEverywhere" value="1" checked /> Log out everywhere else
        </label>
        <p>
          <button type="submit" class="button">
            Change password
          </button>
        </p>
      </form>
    </section>
  );
}

function SessionsSection(props: { sessions: SessionView[] }) {
  return (
    <section class="settings-section" aria-labelledby="sessions">
      <h2 id="sessions">Where you are logged in</h2>
      <table class="settings-table">
        <thead>
          <tr>
            <th>Since</th>
            <th>Last active</th>
            <th>Browser</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr>
              <td>{formatDay(s.createdAt)}</td>
              <td>{formatDay(s.lastSeenAt)}</td>
              <td>
                {s.userAgent ?? 'unknown'} {s.ip ? `(${s.ip})` : null}
              </td>
              <td>
                {s.isCurrent ? (
                  <strong>this browser</strong>
                ) : (
                  <form method="post" action="/settings/sessions/revoke" class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="session" value={s.id} />
                    <button type="submit" class="link-button">
                      Log out
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.sessions.length > 1 ? (
        <form method="post" action="/settings/sessions/revoke-others" class="inline-form">
          <CsrfField />
          <button type="submit" class="button secondary">
            Log out everywhere else
          </button>
        </form>
      ) : null}
    </section>
  );
}

function TokensSection(props: { tokens: ApiTokenRecord[]; newToken: { name: string; token: string } | null }) {
  return (
    <section class="settings-section" aria-labelledby="tokens">
      <h2 id="tokens">API tokens</h2>
      <p>
        Scripts use a token with <code>Authorization: Bearer TOKEN</code> to upvote, comment and submit through the API.
      </p>
      {props.newToken ? (
        <div class="notice" role="status">
          <p>
            Your new token <strong>{props.newToken.name}</strong>; copy it now, it is not shown again:
          </p>
          <p class="secret">{props.newToken.token}</p>
        </div>
      ) : null}
      {props.tokens.length > 0 ? (
        <table class="settings-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{formatDay(t.createdAt)}</td>
                <td>{t.lastUsedAt ? formatDay(t.lastUsedAt) : 'never'}</td>
                <td>
                  <form method="post" action={`/settings/api-tokens/${t.id}/revoke`} class="inline-form">
                    <CsrfField />
                    <button type="submit" class="link-button">
                      Revoke
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form method="post" action="/settings/api-tokens" class="form">
        <CsrfField />
        <label>
          New token name
          <input type="text" name="name" required maxlength={80} placeholder="e.g. my paper bot" />
        </label>
        <p>
          <button type="submit" class="button secondary">
            Create token
          </button>
        </p>
      </form>
    </section>
  );
}
