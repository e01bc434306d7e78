import { Hono } from 'hono';
import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import { confirmSubscription, checkConfirmToken } from '../features/subscriptions/confirm-subscription';
import { subscribe } from '../features/subscriptions/subscribe';
import { unsubscribeByLinkToken } from '../features/subscriptions/unsubscribe';
import { getSubscriptionByLinkToken, UNKNOWN_LINK, updatePreferences } from '../features/subscriptions/update-preferences';
import { changeViewerPreferences, unsubscribeViewer } from '../features/subscriptions/viewer-subscription';
import { renderMessagePage } from './account/token-pages';
import { renderSettingsPage } from './account/settings-page';
import { clientIp } from './auth/client-ip';
import { readForm } from './auth/read-form';
import { viewerOrLogin } from './auth/require-viewer';
import { viewerOf, type AppEnv } from './auth/viewer';
import { renderErrorPage } from './error-page';
import { cadenceOrDaily, timeZoneFrom } from './subscription-fields';
import {
  renderConfirmedPage,
  renderConfirmPage,
  renderManagePage,
  renderSubscribePage,
  renderUnsubscribedPage,
  renderUnsubscribePage,
} from './subscription-pages';

/**
 * The digest subscription pages: subscribe (double opt-in), confirm (GET shows a button, POST
 * confirms), preferences and unsubscribe from the links in every mail, RFC 8058 one-click, and
 * the reader's own subscription on /settings. The webhook for bounces is in api/mail-webhook.ts.
 */
export function createSubscriptionRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/subscribe', (c) => {
    const email = (c.req.query('email') ?? '').slice(0, 254);
    return renderSubscribePage(c, { email, cadence: cadenceOrDaily(c.req.query('cadence')), timeZone: deps.config.timeZone });
  });
  app.post('/subscribe', async (c) => {
    const form = await readForm(c);
    const viewer = viewerOf(c);
    const input = { email: form.email, cadence: form.cadence, timeZone: timeZoneFrom(form) };
    try {
      const { outcome } = await subscribe(deps, { ...input, viewer, ip: clientIp(c, deps.config.trustProxy) });
      if (viewer && outcome === 'subscribed') return renderSettingsPage(c, deps, viewer, { notice: `You are subscribed: the digest goes to ${viewer.email}.` });
      if (viewer && outcome === 'suppressed') return renderSettingsPage(c, deps, viewer, { error: `Mail to ${viewer.email} bounced or was reported as spam, so Paperboy sends nothing to it.` });
    } catch (error) {
      if (error instanceof InputError) {
        const state = { email: (form.email ?? '').slice(0, 254), cadence: cadenceOrDaily(form.cadence), timeZone: deps.config.timeZone, error: error.message };
        return renderSubscribePage(c, state, 400);
      }
      throw error;
    }
    // The one answer for every address (new, pending, subscribed, suppressed): see subscribe.ts.
    return renderMessagePage(c, 'Check your inbox', 'If the address can get mail from us, a message is on its way: open its link and press the button to start the digest. Nothing is sent before that.', null);
  });

  app.get('/subscriptions/confirm/:token', async (c) => {
    const token = c.req.param('token');
    return renderConfirmPage(c, token, await checkConfirmToken(deps, token));
  });
  app.post('/subscriptions/confirm/:token', async (c) => {
    const { subscription, linkToken } = await confirmSubscription(deps, c.req.param('token'));
    return renderConfirmedPage(c, subscription, linkToken);
  });

  app.get('/subscriptions/manage/:linkToken', async (c) => {
    const token = c.req.param('linkToken');
    return renderManagePage(c, token, await getSubscriptionByLinkToken(deps, token));
  });
  app.post('/subscriptions/manage/:linkToken', async (c) => {
    const token = c.req.param('linkToken');
    const form = await readForm(c);
    try {
      const subscription = await updatePreferences(deps, token, { cadence: form.cadence, timeZone: timeZoneFrom(form) });
      return renderManagePage(c, token, subscription, { notice: 'Saved.' });
    } catch (error) {
      if (error instanceof InputError) return renderManagePage(c, token, await getSubscriptionByLinkToken(deps, token), { error: error.message }, 400);
      throw error;
    }
  });

  app.get('/unsubscribe/:linkToken', async (c) => {
    const token = c.req.param('linkToken');
    return renderUnsubscribePage(c, token, await getSubscriptionByLinkToken(deps, token));
  });
  app.post('/unsubscribe/:linkToken', async (c) => {
    const result = await unsubscribeByLinkToken(deps, c.req.param('linkToken'));
    if (!result) return renderErrorPage(c, 404, UNKNOWN_LINK);
    return renderUnsubscribedPage(c, result.subscription);
  });

  // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` here, without cookies or a form
  // token (app.ts exempts the path from CSRF). Plain text answers; a known token is 200 however
  // often it is used, an unknown one 404 (decision 0010: a 404 reveals nothing about any address).
  app.post('/unsubscribe/one-click/:linkToken', async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await unsubscribeByLinkToken(deps, c.req.param('linkToken'));
    if (!result) return c.text('unknown unsubscribe link\n', 404);
    return c.text('unsubscribed\n', 200);
  });
  // Someone pasted the one-click address into a browser: the page with the button.
  app.get('/unsubscribe/one-click/:linkToken', (c) => c.redirect(`/unsubscribe/${encodeURIComponent(c.req.param('linkToken'))}`, 303));

  app.post('/settings/subscription', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c);
    try {
      const s = await changeViewerPreferences(deps, viewer, { cadence: form.cadence, timeZone: timeZoneFrom(form) });
      return renderSettingsPage(c, deps, viewer, { notice: `Digest settings saved: ${s.cadence}, time zone ${s.timeZone}.` });
    } catch (error) {
      if (error instanceof InputError) return renderSettingsPage(c, deps, viewer, { error: error.message }, 400);
      throw error;
    }
  });
  app.post('/settings/subscription/unsubscribe', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const result = await unsubscribeViewer(deps, viewer);
    return renderSettingsPage(c, deps, viewer, { notice: `Unsubscribed: no more digests go to ${result.subscription.email}.` });
  });
  return app;
}
