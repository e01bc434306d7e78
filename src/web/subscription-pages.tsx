import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Cadence, Subscription } from '../domain/subscription';
import { AuthPanel, CsrfField } from './account/auth-form';
import { Layout } from './layout';
import { sendPage } from './send-page';
import { SubscriptionFields } from './subscription-fields';

/** What the subscribe form shows again (prefilled from the banner's GET, or after an error). */
export type SubscribeFormState = { email: string; cadence: Cadence; timeZone: string; error?: string | null };

/** Pages with a secret in their URL: never cached, never sent on as a Referer. */
function privatePage(c: Context): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

/** The real subscribe form (a POST with its CSRF token), prefilled from the banner. */
export function renderSubscribePage(c: Context, state: SubscribeFormState, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return sendPage(
    c,
    <Layout title="Get the trending papers in your inbox" canonical={null} section={null}>
      <AuthPanel title="Get the trending papers in your inbox" error={state.error}>
        <p>The most upvoted papers of the day or the week, with their abstracts and links, in one mail. We first send a link to confirm the address; nothing else arrives until you press its button.</p>
        <form method="post" action="/subscribe" class="form">
          <CsrfField />
          <label>
            Email
            <input type="email" name="email" value={state.email} autocomplete="email" required maxlength={254} autofocus={!state.email} />
          </label>
          <SubscriptionFields cadence={state.cadence} timeZone={state.timeZone} />
          <p>
            <button type="submit" class="button">
              Subscribe
            </button>
          </p>
        </form>
        <p class="hint">Every digest has a link to change these settings and one to unsubscribe at once.</p>
      </AuthPanel>
    </Layout>,
    status,
  );
}

/** The confirmation link's page: a button, because only the POST confirms. */
export function renderConfirmPage(c: Context, token: string, subscription: Subscription): Promise<Response> {
  privatePage(c);
  return sendPage(
    c,
    <Layout title="Confirm your subscription" canonical={null} section={null}>
      <AuthPanel title="Confirm your subscription">
        <p>
          Start the <strong>{subscription.cadence}</strong> digest of trending papers for <strong>{subscription.email}</strong> (time zone {subscription.timeZone})?
        </p>
        <form method="post" action={`/subscriptions/confirm/${token}`} class="form">
          <CsrfField />
          <p>
            <button type="submit" class="button">
              Yes, send me the digest
            </button>
          </p>
        </form>
      </AuthPanel>
    </Layout>,
  );
}

/** After confirming: what comes when, and the preferences link. */
export function renderConfirmedPage(c: Context, subscription: Subscription, linkToken: string): Promise<Response> {
  privatePage(c);
  return sendPage(
    c,
    <Layout title="You are subscribed" canonical={null} section={null}>
      <AuthPanel title="You are subscribed">
        <p>
          {subscription.email} gets the {subscription.cadence} digest, in the morning of {subscription.timeZone}.
        </p>
        <p>
          <a href={`/subscriptions/manage/${linkToken}`}>Change how often, or your time zone</a> (every digest has this link too).
        </p>
      </AuthPanel>
    </Layout>,
  );
}

/** Preferences reached from every mail: cadence, zone, unsubscribe. */
export function renderManagePage(c: Context, token: string, subscription: Subscription, messages: { notice?: string | null; error?: string | null } = {}, status: ContentfulStatusCode = 200): Promise<Response> {
  privatePage(c);
  const isActive = subscription.status === 'active';
  return sendPage(
    c,
    <Layout title="Your digest" canonical={null} section={null}>
      <AuthPanel title="Your digest" error={messages.error} notice={messages.notice}>
        {isActive ? (
          <>
            <p>
              <strong>{subscription.email}</strong> gets the <strong>{subscription.cadence}</strong> digest (time zone {subscription.timeZone}).
            </p>
            <form method="post" action={`/subscriptions/manage/${token}`} class="form">
              <CsrfField />
              <SubscriptionFields cadence={subscription.cadence} timeZone={subscription.timeZone} />
              <p>
                <button type="submit" class="button">
                  Save
                </button>
              </p>
            </form>
            <UnsubscribeForm token={token} />
          </>
        ) : (
          <>
            <p>
              <strong>{subscription.email}</strong> is not subscribed{subscription.status === 'pending' ? ' yet: the confirmation link we sent starts the digest' : ''}.
            </p>
            <p>
              <a href={`/subscribe?email=${encodeURIComponent(subscription.email)}&cadence=${subscription.cadence}`}>Subscribe again</a>
            </p>
          </>
        )}
      </AuthPanel>
    </Layout>,
    status,
  );
}

/** The unsubscribe page for people: one button. */
export function renderUnsubscribePage(c: Context, token: string, subscription: Subscription): Promise<Response> {
  privatePage(c);
  return sendPage(
    c,
    <Layout title="Unsubscribe" canonical={null} section={null}>
      <AuthPanel title="Unsubscribe">
        {subscription.status === 'unsubscribed' ? (
          <p>{subscription.email} is unsubscribed: no digest is sent to it.</p>
        ) : (
          <>
            <p>
              Stop the {subscription.cadence} digest to <strong>{subscription.email}</strong>? It takes effect at once, also for a digest already written but not yet sent.
            </p>
            <UnsubscribeForm token={token} />
          </>
        )}
      </AuthPanel>
    </Layout>,
  );
}

/** After unsubscribing. */
export function renderUnsubscribedPage(c: Context, subscription: Subscription): Promise<Response> {
  privatePage(c);
  return sendPage(
    c,
    <Layout title="Unsubscribed" canonical={null} section={null}>
      <AuthPanel title="You are unsubscribed">
        <p>No more digests go to {subscription.email}, starting now.</p>
        <p>
          <a href={`/subscribe?email=${encodeURIComponent(subscription.email)}&cadence=${subscription.cadence}`}>Changed your mind? Subscribe again</a>
        </p>
      </AuthPanel>
    </Layout>,
  );
}

/**
 * The unsubscribe button. No CSRF field: the link token in the action is the secret that
 * authorises it (app.ts exempts /unsubscribe/ from the cookie-based check), so it also works in a
 * browser that refuses cookies.
 */
function UnsubscribeForm(props: { token: string }) {
  return (
    <form method="post" action={`/unsubscribe/${props.token}`} class="form">
      <p>
        <button type="submit" class="button secondary">
          Unsubscribe
        </button>
      </p>
    </form>
  );
}
