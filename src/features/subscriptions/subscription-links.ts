import type { Config } from '../../config';
import type { Deps } from '../../deps';
import type { Db } from '../../storage/database';
import { findSubscriptionByLinkTokenHash, insertSubscriptionLinkToken } from '../../storage/repos/subscriptions-repo';
import type { Subscription } from '../../domain/subscription';
import { hashToken, isTokenShaped, newToken } from '../accounts/secret-token';

/** How long a confirmation link works. A week: people confirm from a phone days later. */
export const CONFIRM_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/** The addresses of a subscription's pages for one link token (every mail about a subscription carries them). */
export type SubscriptionLinks = {
  /** Preferences: cadence, time zone, unsubscribe. */
  manage: string;
  /** The unsubscribe page for people (a button). */
  unsubscribe: string;
  /** RFC 8058 one-click target for `List-Unsubscribe` (POST, no cookies). */
  oneClick: string;
  /**
   * `mailto:` for `List-Unsubscribe`, for mail clients that only speak mailto. The operator's
   * mail server pipes what arrives there to `paperboy subscribers unsubscribe-mail`
   * (unsubscribe-by-mail.ts); the https one-click link works with no mail set-up.
   */
  mailto: string;
};

/** The links of a subscription for `token`, built from SITE_URL and MAIL_FROM's domain. */
export function subscriptionLinks(config: Pick<Config, 'siteUrl' | 'mailFrom'>, token: string): SubscriptionLinks {
  const domain = /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? new URL(config.siteUrl).hostname;
  return {
    manage: `${config.siteUrl}/subscriptions/manage/${token}`,
    unsubscribe: `${config.siteUrl}/unsubscribe/${token}`,
    oneClick: `${config.siteUrl}/unsubscribe/one-click/${token}`,
    mailto: `mailto:unsubscribe+${token}@${domain}`,
  };
}

/** The confirmation page of a token. */
export function confirmUrl(config: Pick<Config, 'siteUrl'>, token: string): string {
  return `${config.siteUrl}/subscriptions/confirm/${token}`;
}

/** Issues a new link token for a subscription (stored as its hash) and returns the secret. */
export async function issueLinkToken(deps: Pick<Deps, 'now'>, db: Db, subscriptionId: number): Promise<string> {
  const token = newToken();
  await insertSubscriptionLinkToken(db, { tokenHash: hashToken(token), subscriptionId, createdAt: deps.now().toISOString() });
  return token;
}

/** The subscription a link token from a mail belongs to, or null (malformed or unknown token). */
export async function findSubscriptionByLinkToken(deps: Pick<Deps, 'db'>, token: string): Promise<Subscription | null> {
  if (!isTokenShaped(token)) return null;
  return findSubscriptionByLinkTokenHash(deps.db, hashToken(token));
}
