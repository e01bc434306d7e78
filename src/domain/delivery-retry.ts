/**
 * When a failed delivery is tried again, and which failures are worth trying again. Pure.
 *
 * SMTP says it in the reply code: 4xx is "try later" (greylisting, a full queue, 451 local error),
 * 5xx is "never" (unknown user, policy rejection). No reply at all (refused or dropped connection,
 * timeout, DNS) is our side or the network: transient too. A message we refuse to build (a line
 * break in a header, a malformed address) fails the same way every time: permanent.
 */
export type SendFailure = 'transient' | 'permanent';

/** First retry after about a minute, doubling up to six hours. */
export const RETRY_BASE_MS = 60_000;
export const RETRY_MAX_MS = 6 * 3600_000;

/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential with "equal
 * jitter", half fixed and half random, so a burst of failures (a mail server's restart) does not
 * come back as one burst. `random` is injectable for tests.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** Transient or permanent, from what nodemailer (or our mailer) threw. */
export function classifySendFailure(error: unknown): SendFailure {
  const e = error as { responseCode?: unknown; code?: unknown } | null;
  if (e && typeof e.responseCode === 'number') return e.responseCode >= 500 ? 'permanent' : 'transient';
  // nodemailer could not build the envelope or the message: waiting changes nothing. (The mailer's
  // own MailHeaderError is classified by the caller, which knows the class.)
  if (e && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) return 'permanent';
  return 'transient';
}
