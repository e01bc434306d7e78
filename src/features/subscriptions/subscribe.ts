import type { Deps } from '../../deps';
import { parseEmail, type Viewer } from '../../domain/account';
import { parseCadence, parseTimeZone } from '../../domain/subscription';
import { alreadySubscribedMail, confirmSubscriptionMail } from '../../email/subscription-mails';
import { isSuppressed } from '../../storage/repos/suppressions-repo';
import { upsertActiveSubscription, upsertPendingSubscription } from '../../storage/repos/subscriptions-repo';
import { hashToken, newToken } from '../accounts/secret-token';
import { RATE_RULES, takeRateLimit } from '../rate-limit';
import { confirmUrl, issueLinkToken, subscriptionLinks } from './subscription-links';

export type SubscribeInput = { email: unknown; cadence: unknown; timeZone: unknown; viewer?: Viewer | null; ip: string };

/**
 * What the subscriber is told. `check-inbox` is the one answer for every address typed into the
 * form (new, pending, active or suppressed); `subscribed` and `suppressed` only for a logged-in
 * reader's own verified address, which they have proven is theirs.
 */
export type SubscribeOutcome = 'check-inbox' | 'subscribed' | 'suppressed';

export type SubscribeResult = {
  outcome: SubscribeOutcome;
  /**
   * Settles when the background work (row, token, mail) is done; never rejects. A request does
   * not wait for it (see below); tests and the CLI may.
   */
  done: Promise<void>;
};

/**
 * Subscribes an address to the digest with double opt-in: a pending subscription and a mail with
 * a confirmation link whose page has the button that confirms. Bad input is an InputError;
 * more than a few requests per IP an hour a RateLimitedError.
 *
 * No enumeration: the caller learns nothing about the address. Everything that depends on its
 * state (suppressed: nothing; active: a mail saying so with its preferences link; otherwise a
 * new confirmation link) happens after the answer, as account mails do (decision 0009), so
 * neither the answer nor its timing differs. At most a few such mails per address an hour, so
 * the form cannot be used to mail-bomb anyone.
 *
 * A logged-in reader subscribing their own verified address is subscribed at once: the mail
 * would only prove what their verification already proved.
 */
export async function subscribe(deps: Deps, input: SubscribeInput): Promise<SubscribeResult> {
  await takeRateLimit(deps, RATE_RULES.subscribePerIp, { key: input.ip });
  const email = parseEmail(input.email);
  const cadence = parseCadence(input.cadence);
  const timeZone = parseTimeZone(input.timeZone);
  const viewer = input.viewer ?? null;

  if (viewer && viewer.isVerified && !viewer.isBanned && viewer.email === email) {
    if (await isSuppressed(deps.db, email)) return { outcome: 'suppressed', done: Promise.resolve() };
    await upsertActiveSubscription(deps.db, { email, cadence, timeZone, userId: viewer.id, now: deps.now().toISOString() });
    return { outcome: 'subscribed', done: Promise.resolve() };
  }

  const done = (async () => {
    try {
      await takeRateLimit(deps, RATE_RULES.subscriptionMailPerAddress, { key: email });
      if (await isSuppressed(deps.db, email)) return;
      const token = newToken();
      const subscription = await upsertPendingSubscription(deps.db, { email, cadence, timeZone, tokenHash: hashToken(token), now: deps.now().toISOString() });
      if (subscription.status === 'active') {
        const links = subscriptionLinks(deps.config, await issueLinkToken(deps, deps.db, subscription.id));
        await deps.mailer.send(alreadySubscribedMail({ to: email, cadence: subscription.cadence, timeZone: subscription.timeZone, manageUrl: links.manage, unsubscribeUrl: links.unsubscribe }));
        return;
      }
      await deps.mailer.send(confirmSubscriptionMail({ to: email, cadence, timeZone, confirmUrl: confirmUrl(deps.config, token), siteUrl: deps.config.siteUrl }));
    } catch (error) {
      deps.log.warn(`subscription mail to ${email} not sent: ${(error as Error).message}`);
    }
  })();
  return { outcome: 'check-inbox', done };
}
