import type { Deps } from '../../deps';
import type { Subscription } from '../../domain/subscription';
import type { Db } from '../../storage/database';
import { cancelPendingDigests, markUnsubscribed } from '../../storage/repos/subscriptions-repo';
import { findSubscriptionByLinkToken } from './subscription-links';

export type UnsubscribeResult = {
  subscription: Subscription;
  /** False when it was unsubscribed already (the link may be used any number of times). */
  changed: boolean;
  /** Composed digests that will now never be sent. */
  cancelled: number;
};

/**
 * Unsubscribes the subscription a mail's link token belongs to, at once: the status changes and
 * every digest of it still waiting in the outbox is cancelled in the same transaction. A digest
 * already claimed by a sender is stopped by the sender's own check of the status right before
 * it sends. Null for a malformed or unknown token. Used by the unsubscribe page and by RFC 8058
 * one-click (no cookies, no form token: the 256-bit token in the link is the authority).
 */
export async function unsubscribeByLinkToken(deps: Deps, token: string): Promise<UnsubscribeResult | null> {
  const subscription = await findSubscriptionByLinkToken(deps, token);
  if (!subscription) return null;
  return unsubscribeSubscription(deps, subscription, 'unsubscribed');
}

/** Unsubscribes one subscription and cancels its queued digests in one transaction (shared by the unsubscribe paths). */
export async function unsubscribeSubscription(deps: Deps, subscription: Subscription, reason: string): Promise<UnsubscribeResult> {
  const now = deps.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...deps.db, kysely: trx };
    const changed = await markUnsubscribed(tx, subscription.id, now);
    const cancelled = await cancelPendingDigests(tx, subscription.id, reason);
    return { subscription: { ...subscription, status: 'unsubscribed' as const, unsubscribedAt: changed ? now : subscription.unsubscribedAt }, changed, cancelled };
  });
}
