import { Hono, type Context } from 'hono';
import type { Deps } from '../../deps';
import { InputError } from '../../domain/input-error';
import { sendVerificationMail } from '../../features/accounts/account-mail';
import { createApiToken, revokeApiToken } from '../../features/accounts/api-tokens';
import { AccountBannedError, LoginFailedError } from '../../features/accounts/auth-errors';
import { changePassword } from '../../features/accounts/change-password';
import { logIn } from '../../features/accounts/log-in';
import { checkResetToken, requestPasswordReset, resetPassword } from '../../features/accounts/password-reset';
import { endSession, revokeOtherSessions, revokeSession } from '../../features/accounts/sessions';
import { signUp } from '../../features/accounts/sign-up';
import { checkVerificationToken, verifyEmail } from '../../features/accounts/verify-email';
import { clientIp } from '../auth/client-ip';
import { clearCookie, readCookie, writeCookie } from '../auth/cookies';
import { readForm } from '../auth/read-form';
import { viewerOrLogin } from '../auth/require-viewer';
import { safeNext } from '../auth/safe-next';
import type { AppEnv } from '../auth/viewer';
import { renderCheckInboxPage, renderLoginPage, renderSignUpPage } from './login-pages';
import { renderSettingsPage } from './settings-page';
import { renderMessagePage, renderResetPage, renderResetRequestPage, renderVerifyPage } from './token-pages';

/**
 * Sign-up, log-in and log-out, email verification, password reset and the settings page. Every
 * POST passed the CSRF middleware before it gets here. Failed forms are shown again with the
 * message and the status of the failure; a rate-limited one becomes a 429 page (app.ts).
 */
export function createAccountRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config } = deps;
  const ip = (c: Context) => clientIp(c, config.trustProxy);

  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('viewer')) return c.redirect(next, 303);
    return renderLoginPage(c, deps, { next });
  });
  app.post('/login', async (c) => {
    const form = await readForm(c);
    const next = safeNext(form.next);
    try {
      const result = await logIn(deps, { login: form.login, password: form.password, ip: ip(c), userAgent: c.req.header('user-agent') ?? null, deviceToken: readCookie(c, config, 'device') });
      writeCookie(c, config, 'session', result.sessionToken, config.sessionMaxDays * 86_400);
      if (result.deviceToken) writeCookie(c, config, 'device', result.deviceToken, 365 * 86_400);
      return c.redirect(next, 303);
    } catch (error) {
      if (error instanceof LoginFailedError || error instanceof AccountBannedError) {
        return renderLoginPage(c, deps, { login: form.login, next, error: error.message }, error.status);
      }
      throw error;
    }
  });

  app.post('/logout', async (c) => {
    await endSession(deps, readCookie(c, config, 'session'));
    clearCookie(c, config, 'session');
    return c.redirect('/', 303);
  });

  app.get('/signup', (c) => (c.get('viewer') ? c.redirect('/', 303) : renderSignUpPage(c, deps, {})));
  app.post('/signup', async (c) => {
    const form = await readForm(c);
    try {
      await signUp(deps, { username: form.username, email: form.email, password: form.password, ip: ip(c) });
    } catch (error) {
      if (error instanceof InputError) return renderSignUpPage(c, deps, { username: form.username, email: form.email, error: error.message }, 400);
      throw error;
    }
    return renderCheckInboxPage(c, (form.email ?? '').trim().toLowerCase());
  });

  app.get('/verify-email/:token', async (c) => {
    await checkVerificationToken(deps, c.req.param('token'));
    return renderVerifyPage(c, c.req.param('token'));
  });
  app.post('/verify-email/:token', async (c) => {
    await verifyEmail(deps, c.req.param('token'));
    const link = c.get('viewer') ? { href: '/', label: "See today's papers" } : { href: '/login', label: 'Log in' };
    return renderMessagePage(c, 'Address confirmed', 'Thank you: your email address is confirmed. You can now upvote, comment and submit papers.', link);
  });

  app.get('/reset-password', (c) => renderResetRequestPage(c, {}));
  app.post('/reset-password', async (c) => {
    const form = await readForm(c);
    try {
      await requestPasswordReset(deps, { email: form.email, ip: ip(c) });
    } catch (error) {
      if (error instanceof InputError) return renderResetRequestPage(c, { email: form.email, error: error.message }, 400);
      throw error;
    }
    return renderMessagePage(c, 'Check your inbox', 'If an account uses this address, a link to choose a new password is on its way. It works once, within one hour.', null);
  });
  app.get('/reset-password/:token', async (c) => {
    await checkResetToken(deps, c.req.param('token'));
    c.header('Referrer-Policy', 'no-referrer');
    return renderResetPage(c, c.req.param('token'), null);
  });
  app.post('/reset-password/:token', async (c) => {
    const form = await readForm(c);
    const token = c.req.param('token');
    try {
      await resetPassword(deps, { token, password: form.password });
    } catch (error) {
      if (error instanceof InputError) {
        // A refused password keeps the link usable; an invalid link shows the error page instead.
        await checkResetToken(deps, token);
        return renderResetPage(c, token, error.message, 400);
      }
      throw error;
    }
    clearCookie(c, config, 'session');
    return renderMessagePage(c, 'Password changed', 'Your new password is saved and every session of your account has ended.', { href: '/login', label: 'Log in' });
  });

  app.get('/settings', (c) => {
    const viewer = viewerOrLogin(c);
    return viewer instanceof Response ? viewer : renderSettingsPage(c, deps, viewer);
  });
  app.post('/settings/verify-email', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    if (!viewer.isVerified) sendVerificationMail(deps, viewer);
    return renderSettingsPage(c, deps, viewer, { notice: viewer.isVerified ? 'Your address is already confirmed.' : `A new confirmation link is on its way to ${viewer.email}.` });
  });
  app.post('/settings/password', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c);
    try {
      const ended = await changePassword(deps, viewer, { current: form.current, next: form.password, logOutEverywhere: form.logOutEverywhere === '1', currentSessionHash: c.get('sessionHash') });
      return renderSettingsPage(c, deps, viewer, { notice: `Password changed.${ended > 0 ? ` ${ended} other session${ended === 1 ? '' : 's'} logged out.` : ''}` });
    } catch (error) {
      if (error instanceof InputError) return renderSettingsPage(c, deps, viewer, { error: error.message }, 400);
      throw error;
    }
  });
  app.post('/settings/sessions/revoke', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c);
    const ok = await revokeSession(deps, viewer, form.session);
    return renderSettingsPage(c, deps, viewer, ok ? { notice: 'That session is logged out.' } : { error: 'No such session (it may have ended already).' }, ok ? 200 : 404);
  });
  app.post('/settings/sessions/revoke-others', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const ended = await revokeOtherSessions(deps, viewer, c.get('sessionHash'));
    return renderSettingsPage(c, deps, viewer, { notice: `${ended} other session${ended === 1 ? '' : 's'} logged out.` });
  });
  app.post('/settings/api-tokens', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c);
    try {
      const { token } = await createApiToken(deps, viewer, form.name);
      return renderSettingsPage(c, deps, viewer, { newToken: { name: form.name!.trim(), token } });
    } catch (error) {
      if (error instanceof InputError) return renderSettingsPage(c, deps, viewer, { error: error.message }, 400);
      throw error;
    }
  });
  app.post('/settings/api-tokens/:id/revoke', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const ok = await revokeApiToken(deps, viewer, c.req.param('id'));
    return renderSettingsPage(c, deps, viewer, ok ? { notice: 'Token revoked.' } : { error: 'No such token.' }, ok ? 200 : 404);
  });
  return app;
}
