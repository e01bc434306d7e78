import type { Viewer } from '../domain/account';
import type { ViewerSubscription } from '../features/subscriptions/viewer-subscription';
import { CsrfField } from './account/auth-form';
import { SubscriptionFields } from './subscription-fields';

/**
 * The digest part of /settings: the reader's subscription and its forms. Subscribing the
 * account's own verified address needs no confirmation mail; changing or ending it needs a
 * verified address (an unverified account must not manage whoever really owns that address).
 */
export function DigestSettingsSection(props: { viewer: Viewer; digest: ViewerSubscription; siteTimeZone: string }) {
  const { viewer, digest } = props;
  const subscription = digest.subscription;
  return (
    <section class="settings-section" aria-labelledby="digest">
      <h2 id="digest">Email digest</h2>
      {!viewer.isVerified ? (
        <p>Confirm your address to manage the digest here. You can still subscribe with the form at the bottom of any page; we mail you a confirmation link.</p>
      ) : digest.isSuppressed ? (
        <p>Mail to {viewer.email} bounced or was reported as spam, so Paperboy sends nothing to it any more. Ask the site’s operator to lift this.</p>
      ) : subscription?.status === 'active' ? (
        <>
          <p>
            <strong>{subscription.email}</strong> gets the <strong>{subscription.cadence}</strong> digest (time zone {subscription.timeZone}).
          </p>
          <form method="post" action="/settings/subscription" class="form">
            <CsrfField />
            <SubscriptionFields cadence={subscription.cadence} timeZone={subscription.timeZone} />
            <p>
              <button type="submit" class="button secondary">
                Save digest settings
              </button>
            </p>
          </form>
          <form method="post" action="/settings/subscription/unsubscribe" class="inline-form">
            <CsrfField />
            <button type="submit" class="button secondary">
              Unsubscribe
            </button>
          </form>
        </>
      ) : (
        <>
          <p>
            {subscription?.status === 'pending'
              ? `A confirmation link was sent to ${subscription.email}; or start the digest right here.`
              : `Get the trending papers at ${viewer.email}, daily or weekly.`}
          </p>
          <form method="post" action="/subscribe" class="form">
            <CsrfField />
            <input type="hidden" name="email" value={viewer.email} />
            <SubscriptionFields cadence={subscription?.cadence ?? 'daily'} timeZone={subscription?.timeZone ?? props.siteTimeZone} />
            <p>
              <button type="submit" class="button">
                Subscribe
              </button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
