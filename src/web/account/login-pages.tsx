import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../../deps';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../features/accounts/password-policy';
import { Layout } from '../layout';
import { sendPage } from '../send-page';
import { AuthPanel, CsrfField } from './auth-form';

export type LoginFormState = { login?: string; next?: string; error?: string | null; notice?: string | null };

/** The log-in form. */
export function renderLoginPage(c: Context, _deps: Deps, state: LoginFormState, status: ContentfulStatusCode = 200): Promise<Response> {
  return sendPage(
    c,
    <Layout title="Log in" canonical={null} section="account">
      <AuthPanel title="Log in" error={state.error} notice={state.notice}>
        <form method="post" action="/login" class="form">
          <CsrfField />
          <input type="hidden" name="next" value={state.next ?? '/'} />
          <label>
            User name or email
            <input type="text" name="login" value={state.login ?? ''} autocomplete="username" required maxlength={254} autofocus />
          </label>
          <label>
            Password
            <input type="password" name="password" autocomplete="current-password" required maxlength={1024} />
          </label>
          <p>
            <button type="submit" class="button">
              Log in
            </button>
          </p>
        </form>
        <p>
          <a href="/reset-password">Forgot your password?</a> · New here? <a href={`/signup${state.next && state.next !== '/' ? `?next=${encodeURIComponent(state.next)}` : ''}`}>Sign up</a>
        </p>
      </AuthPanel>
    </Layout>,
    status,
  );
}

export type SignUpFormState = { username?: string; email?: string; error?: string | null };

/** The sign-up form. */
export function renderSignUpPage(c: Context, _deps: Deps, state: SignUpFormState, status: ContentfulStatusCode = 200): Promise<Response> {
  return sendPage(
    c,
    <Layout title="Sign up" canonical={null} section="account">
      <AuthPanel title="Create an account" error={state.error}>
        <p>Upvote papers, submit new ones and join the discussion. We send one mail to confirm your address.</p>
        <form method="post" action="/signup" class="form">
          <CsrfField />
          <label>
            User name
            <input type="text" name="username" value={state.username ?? ''} autocomplete="username" required maxlength={39} pattern="[A-Za-z0-9][A-Za-z0-9_\-]*" autofocus />
            <span class="hint">Letters, digits, "-" and "_"; shown next to what you post.</span>
          </label>
          <label>
            Email
            <input type="email" name="email" value={state.email ?? ''} autocomplete="email" required maxlength={254} />
          </label>
          <label>
            Password
            <input type="password" name="password" autocomplete="new-password" required minlength={PASSWORD_MIN} maxlength={PASSWORD_MAX} />
            <span class="hint">
              {PASSWORD_MIN} to {PASSWORD_MAX} characters, anything you like (a few random words work well). Very common passwords are refused.
            </span>
          </label>
          <p>
            <button type="submit" class="button">
              Sign up
            </button>
          </p>
        </form>
        <p>
          Have an account? <a href="/login">Log in</a>
        </p>
      </AuthPanel>
    </Layout>,
    status,
  );
}

/** After sign-up (new or existing address alike): look in your inbox. */
export function renderCheckInboxPage(c: Context, email: string): Promise<Response> {
  return sendPage(
    c,
    <Layout title="Check your inbox" canonical={null} section="account">
      <AuthPanel title="Check your inbox">
        <p>
          We sent a mail to <strong>{email}</strong>. Open the link in it to confirm your address; then you can log in.
        </p>
        <p class="subtitle">No mail after a few minutes? Look in your spam folder, or log in and ask for a new link from your settings.</p>
      </AuthPanel>
    </Layout>,
  );
}
