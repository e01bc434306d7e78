import { hash, verify } from '@node-rs/argon2';

// `Algorithm.Argon2id` is an ambient const enum, which verbatimModuleSyntax cannot import.
const ARGON2ID = 2;

/**
 * Password hashing: argon2id with OWASP's minimum (m = 19 MiB, t = 2, p = 1), stored as a PHC
 * string, so the parameters travel with each hash and can be raised later: a hash made with
 * weaker parameters is replaced at the user's next successful log-in (see `needsRehash`).
 */
export const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The PHC string for `password` (a fresh random salt each time). */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...ARGON2_PARAMS });
}

/** Whether `password` matches the PHC string; false for a malformed hash. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** True when the hash is not argon2id or any of its parameters is below the current ones. */
export function needsRehash(phc: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (!match) return true;
  const [m, t, p] = match.slice(1).map(Number) as [number, number, number];
  return m < ARGON2_PARAMS.memoryCost || t < ARGON2_PARAMS.timeCost || p < ARGON2_PARAMS.parallelism;
}

// Verified against when the account does not exist, so "no such user" costs as much as "wrong password".
let dummy: Promise<string> | undefined;

/** Spends the time of one verification without any account (see log-in and sign-up). */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hashPassword('paperboy-dummy-password-for-timing');
  await verifyPassword(await dummy, password);
}
