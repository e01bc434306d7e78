import type { Deps } from '../../deps';
import { InputError } from '../../domain/input-error';
import { NotFoundError } from '../../domain/not-found-error';
import { parseCadence, parseTimeZone, type Subscription } from '../../domain/subscription';
import { findSubscriptionById, updateSubscriptionPreferences } from '../../storage/repos/subscriptions-repo';
import { findSubscriptionByLinkToken } from './subscription-links';

/** The link in every mail is not (or no longer) ours. Becomes a 404. */
export const UNKNOWN_LINK = 'This link is not valid. Use the link in your latest digest, or subscribe again.';

/** The subscription behind a mail's link token, for the preferences and unsubscribe pages; NotFoundError when unknown. */
export async function getSubscriptionByLinkToken(deps: Deps, token: string): Promise<Subscription> {
  const subscription = await findSubscriptionByLinkToken(deps, token);
  if (!subscription) throw new NotFoundError(UNKNOWN_LINK);
  return subscription;
}

/**
 * Changes cadence and time zone of the subscription a mail's link token belongs to. Only an
 * active subscription has preferences: an unsubscribed reader subscribes again (double opt-in).
 */
export async function updatePreferences(deps: Deps, token: string, input: { cadence: unknown; timeZone: unknown }): Promise<Subscription> {
  const subscription = await getSubscriptionByLinkToken(deps, token);
  return changePreferences(deps, subscription, input);
}

/** Changes an active subscription's cadence and zone (shared by the link and settings paths). */
export async function changePreferences(deps: Deps, subscription: Subscription, input: { cadence: unknown; timeZone: unknown }): Promise<Subscription> {
  const cadence = parseCadence(input.cadence);
  const timeZone = parseTimeZone(input.timeZone);
  if (!(await updateSubscriptionPreferences(deps.db, subscription.id, { cadence, timeZone, now: deps.now().toISOString() }))) {
    throw new InputError(`${subscription.email} is not subscribed (${subscription.status}); subscribe again to get the digest`);
  }
  return (await findSubscriptionById(deps.db, subscription.id))!;
}
