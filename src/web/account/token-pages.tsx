import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../features/accounts/password-policy';
import { Layout } from '../layout';
import { sendPage } from '../send-page';
import { AuthPanel, CsrfField } from './auth-form';

/**
 * The page a verification link opens: a button, because only the POST verifies (mail scanners
 * that follow links must not confirm anything).
 */
export function renderVerifyPage(c: Context, token: string): Promise<Response> {
  return sendPage(
    c,
    <Layout title="Confirm your email" canonical={null} section="account">
      <AuthPanel title="Confirm your email address">
        <form method="post" action={`/verify-email/${token}`} class="form">
          <CsrfField />
          <p>
            <button type="submit" class="button">
              Confirm my address
            </button>
          </p>
        </form>
      </AuthPanel>
    </Layout>,
  );
}

/** A short outcome page (confirmed, reset, link sent…). */
export function renderMessagePage(c: Context, title: string, message: string, link: { href: string; label: string } | null, status: ContentfulStatusCode = 200): Promise<Response> {
  return sendPage(
    c,
    <Layout title={title} canonical={null} section="account">
      <AuthPanel title={title}>
        <p>{message}</p>
        {link ? (
          <p>
            <a href={link.href}>{link.label}</a>
          </p>
        ) : null}
      </AuthPanel>
    </Layout>,
    status,
  );
}

/** Asks for the address to send a reset link to. */
export function renderResetRequestPage(c: Context, state: { email?: string; error?: string | null }, status: ContentfulStatusCode = 200): Promise<Response> {
  return sendPage(
    c,
    <Layout title="Reset your password" canonical={null} section="account">
      <AuthPanel title="Reset your password" error={state.error}>
        <p>Enter your account's email address; we send a link to choose a new password (valid for one hour).</p>
        <form method="post" action="/reset-password" class="form">
          <CsrfField />
          <label>
            Email
            <input type="email" name="email" value={state.email ?? ''} autocomplete="email" required maxlength={254} autofocus />
          </label>
          <p>
            <button type="submit" class="button">
              Send the link
            </button>
          </p>
        </form>
      </AuthPanel>
    </Layout>,
    status,
  );
}

/** The new-password form a reset link opens. */
export function renderResetPage(c: Context, token: string, error: string | null, status: ContentfulStatusCode = 200): Promise<Response> {
  return sendPage(
    c,
    <Layout title="Choose a new password" canonical={null} section="account">
      <AuthPanel title="Choose a new password" error={error}>
        <form method="post" action={`/reset-password/${token}`} class="form">
          <CsrfField />
          <label>
            New password
            <input type="password" name="password" autocomplete="new-password" required minlength={PASSWORD_MIN} maxlength={PASSWORD_MAX} autofocus />
            <span class="hint">Every session of your account ends when you save it.</span>
          </label>
          <p>
            <button type="submit" class="button">
              Save the new password
            </button>
          </p>
        </form>
      </AuthPanel>
    </Layout>,
    status,
  );
}
