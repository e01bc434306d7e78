import { InputError } from '../domain/input-error';

/**
 * Parses the 1-based `?p=` of a page URL (absent or empty = 1). Anything but a whole number from
 * 1 to `max` is an InputError, so `p=0`, `p=-1`, `p=1e12` and `p=abc` are 400s.
 */
export function parsePageParam(raw: string | undefined, max: number): number {
  if (raw === undefined || raw === '') return 1;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new InputError(`p must be a page number from 1 to ${max}; got "${raw.length > 20 ? `${raw.slice(0, 20)}…` : raw}"`);
  }
  return n;
}
