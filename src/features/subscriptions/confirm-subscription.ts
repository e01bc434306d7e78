import type { Deps } from '../../deps';
import { NotFoundError } from '../../domain/not-found-error';
import type { Subscription } from '../../domain/subscription';
import type { Db } from '../../storage/database';
import { findAccountByEmail } from '../../storage/repos/accounts-repo';
import { confirmSubscriptionByTokenHash, findPendingSubscriptionByTokenHash } from '../../storage/repos/subscriptions-repo';
import { hashToken, isTokenShaped } from '../accounts/secret-token';
import { CONFIRM_LIFETIME_MS, issueLinkToken } from './subscription-links';

const INVALID = 'This confirmation link is not valid: it was used already, has expired (after 7 days) or was replaced by a newer one. Subscribe again to get a new link.';

/** The pending subscription of a confirmation link, for the page with the button; NotFoundError when the link is not valid. */
export async function checkConfirmToken(deps: Deps, token: string): Promise<Subscription> {
  const found = isTokenShaped(token) ? await findPendingSubscriptionByTokenHash(deps.db, hashToken(token), sentAfter(deps)) : null;
  if (!found) throw new NotFoundError(INVALID);
  return found;
}

/**
 * Confirms a subscription (the POST behind the confirmation page's button; a GET of the link
 * confirms nothing, so mail scanners that follow links subscribe nobody). The link works once.
 * When the address is a verified account's, the subscription is linked to it (personal picks).
 * Returns the active subscription and a fresh link token for its preferences page.
 */
export async function confirmSubscription(deps: Deps, token: string): Promise<{ subscription: Subscription; linkToken: string }> {
  if (!isTokenShaped(token)) throw new NotFoundError(INVALID);
  const now = deps.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...deps.db, kysely: trx };
    const pending = await findPendingSubscriptionByTokenHash(tx, hashToken(token), sentAfter(deps));
    if (!pending) throw new NotFoundError(INVALID);
    const account = await findAccountByEmail(tx, pending.email);
    const userId = account && account.emailVerifiedAt !== null ? account.id : null;
    const subscription = await confirmSubscriptionByTokenHash(tx, hashToken(token), { now, sentAfter: sentAfter(deps) }, userId);
    // Lost a race with a second click of the same button: the first one confirmed it.
    if (!subscription) throw new NotFoundError(INVALID);
    return { subscription, linkToken: await issueLinkToken(deps, tx, subscription.id) };
  });
}

function sentAfter(deps: Deps): string {
  return new Date(deps.now().getTime() - CONFIRM_LIFETIME_MS).toISOString();
}
