import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { ForbiddenError } from '../../domain/forbidden-error';
import { NotFoundError } from '../../domain/not-found-error';
import type { Subscription } from '../../domain/subscription';
import { findSubscriptionForUser } from '../../storage/repos/subscriptions-repo';
import { isSuppressed } from '../../storage/repos/suppressions-repo';
import { unsubscribeSubscription, type UnsubscribeResult } from './unsubscribe';
import { changePreferences } from './update-preferences';

/** A reader's subscription as their settings page shows it. */
export type ViewerSubscription = { subscription: Subscription | null; isSuppressed: boolean };

/**
 * The subscription of a logged-in reader: the one linked to the account or the one of its
 * address. Only for a verified address: an account that has not proven its address must not see
 * or change the subscription of whoever really owns it.
 */
export async function getViewerSubscription(deps: Deps, viewer: Viewer): Promise<ViewerSubscription> {
  if (!viewer.isVerified) return { subscription: null, isSuppressed: false };
  return { subscription: await findSubscriptionForUser(deps.db, viewer.id, viewer.email), isSuppressed: await isSuppressed(deps.db, viewer.email) };
}

/** Changes the reader's own subscription's cadence and zone (from the settings page). */
export async function changeViewerPreferences(deps: Deps, viewer: Viewer, input: { cadence: unknown; timeZone: unknown }): Promise<Subscription> {
  return changePreferences(deps, await ownSubscription(deps, viewer), input);
}

/** Unsubscribes the reader's own subscription (from the settings page). */
export async function unsubscribeViewer(deps: Deps, viewer: Viewer): Promise<UnsubscribeResult> {
  return unsubscribeSubscription(deps, await ownSubscription(deps, viewer), 'unsubscribed');
}

async function ownSubscription(deps: Deps, viewer: Viewer): Promise<Subscription> {
  if (!viewer.isVerified) throw new ForbiddenError('Confirm your account’s email address first; until then, use the link in a digest to change your subscription.');
  const subscription = await findSubscriptionForUser(deps.db, viewer.id, viewer.email);
  if (!subscription) throw new NotFoundError('You have no digest subscription.');
  return subscription;
}
