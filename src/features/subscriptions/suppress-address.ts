import type { Deps } from '../../deps';
import { parseEmail } from '../../domain/account';
import { parseSuppressionReason } from '../../domain/subscription';
import type { Db } from '../../storage/database';
import { cancelPendingDigests, findSubscriptionByEmail, markUnsubscribed } from '../../storage/repos/subscriptions-repo';
import { suppress } from '../../storage/repos/suppressions-repo';

export type SuppressResult = {
  email: string;
  /** False when the address was suppressed already (the first reason stays). */
  isNew: boolean;
  /** Whether a subscription was ended by it. */
  unsubscribed: boolean;
  /** Composed digests that will now never be sent. */
  cancelled: number;
};

/**
 * Suppresses an address (hard bounce, complaint, or by hand): nothing is ever mailed to it again.
 * Its subscription is unsubscribed and its waiting digests cancelled in the same transaction;
 * senders check the suppression list again right before each send.
 */
export async function suppressAddress(deps: Deps, input: { email: unknown; reason: unknown; detail?: unknown }): Promise<SuppressResult> {
  const email = parseEmail(input.email);
  const reason = parseSuppressionReason(input.reason);
  // Detail comes from a mail provider or an operator: kept short and on one line for the CLI's listing.
  const detail = typeof input.detail === 'string' && input.detail.trim() ? input.detail.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 500) : null;
  const now = deps.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...deps.db, kysely: trx };
    const isNew = await suppress(tx, { email, reason, detail, now });
    const subscription = await findSubscriptionByEmail(tx, email);
    if (!subscription) return { email, isNew, unsubscribed: false, cancelled: 0 };
    const unsubscribed = await markUnsubscribed(tx, subscription.id, now);
    const cancelled = await cancelPendingDigests(tx, subscription.id, `suppressed (${reason})`);
    return { email, isNew, unsubscribed, cancelled };
  });
}
