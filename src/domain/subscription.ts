import { InputError } from './input-error';

/** How often a subscriber gets the digest. */
export type Cadence = 'daily' | 'weekly';
export const CADENCES: readonly Cadence[] = ['daily', 'weekly'];

/** 'pending' until the address is confirmed; 'unsubscribed' keeps the row (and its history). */
export type SubscriptionStatus = 'pending' | 'active' | 'unsubscribed';
export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = ['pending', 'active', 'unsubscribed'];

/** Why an address is suppressed (nothing is ever sent to it again). */
export type SuppressionReason = 'bounce' | 'complaint' | 'manual';
export const SUPPRESSION_REASONS: readonly SuppressionReason[] = ['bounce', 'complaint', 'manual'];

/** A digest subscription as the features see it. */
export type Subscription = {
  id: number;
  /** Lower-cased. */
  email: string;
  /** Set when the address is a verified account's address (personal picks are for them). */
  userId: number | null;
  cadence: Cadence;
  timeZone: string;
  status: SubscriptionStatus;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  updatedAt: string;
};

/**
 * The zones offered in the time-zone select (any other IANA zone may be typed in). One or two per
 * region, ordered west to east, so the list stays short enough to scan.
 */
export const COMMON_TIME_ZONES: readonly string[] = [
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Africa/Lagos',
  'Europe/Athens',
  'Africa/Nairobi',
  'Europe/Moscow',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** 'daily' or 'weekly' (case-insensitive); anything else is an InputError. */
export function parseCadence(input: unknown): Cadence {
  const value = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (!CADENCES.includes(value as Cadence)) throw new InputError('cadence must be "daily" or "weekly"');
  return value as Cadence;
}

/**
 * An IANA time zone, in its canonical spelling (`europe/paris` → `Europe/Paris`), so subscribers
 * of one zone form one group for the scheduler. Unknown names are an InputError.
 */
export function parseTimeZone(input: unknown): string {
  const value = typeof input === 'string' ? input.trim() : '';
  if (!value) throw new InputError('time zone is required, e.g. UTC or Europe/Paris');
  // A cheap shape check first: Intl accepts offsets like "+01:00", which are not zones (no DST rules).
  if (value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) throw new InputError('time zone must be an IANA name such as UTC or America/New_York');
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return canonical === 'Etc/UTC' || canonical === 'Etc/GMT' ? 'UTC' : canonical;
  } catch {
    throw new InputError(`unknown time zone "${value}"; use an IANA name such as UTC or America/New_York`);
  }
}

/** Whether an event from the mail provider suppresses the address: hard bounces and complaints do, soft bounces not. */
export function isSuppressingEvent(event: { type: 'bounce' | 'complaint'; hard?: boolean }): boolean {
  return event.type === 'complaint' || event.hard === true;
}

/** A suppression reason; anything else is an InputError. */
export function parseSuppressionReason(input: unknown): SuppressionReason {
  const value = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (!SUPPRESSION_REASONS.includes(value as SuppressionReason)) throw new InputError(`reason must be one of ${SUPPRESSION_REASONS.join(', ')}`);
  return value as SuppressionReason;
}

/** A subscription status; anything else is an InputError. */
export function parseSubscriptionStatus(input: unknown): SubscriptionStatus {
  const value = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (!SUBSCRIPTION_STATUSES.includes(value as SubscriptionStatus)) throw new InputError(`status must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`);
  return value as SubscriptionStatus;
}
