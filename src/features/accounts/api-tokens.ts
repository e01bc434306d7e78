import type { Deps } from '../../deps';
import { toViewer, type Viewer } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { findAccountById } from '../../storage/repos/accounts-repo';
import { countApiTokens, deleteApiToken, insertApiToken, listApiTokens, useApiToken, type ApiTokenRecord } from '../../storage/repos/api-tokens-repo';
import { RATE_RULES, takeRateLimit } from '../rate-limit';
import { hashToken, newToken } from './secret-token';

/** API tokens start with this, so they are recognisable in code and by secret scanners. */
const PREFIX = 'pb_';
const MAX_TOKENS = 50;

/** Creates a named API token; the secret is returned once and stored only as a hash. */
export async function createApiToken(deps: Deps, viewer: Viewer, name: unknown): Promise<{ id: number; token: string }> {
  const label = typeof name === 'string' ? name.trim() : '';
  if (!label || [...label].length > 80 || /[\u0000-\u001f\u007f]/.test(label)) throw new InputError('token name must be 1–80 characters without control characters');
  await takeRateLimit(deps, RATE_RULES.apiTokensPerAccount, { key: String(viewer.id) });
  if ((await countApiTokens(deps.db, viewer.id)) >= MAX_TOKENS) throw new InputError(`you have ${MAX_TOKENS} tokens already; revoke one first`);
  const token = `${PREFIX}${newToken()}`;
  const id = await insertApiToken(deps.db, { userId: viewer.id, name: label, tokenHash: hashToken(token), createdAt: deps.now().toISOString() });
  return { id, token };
}

/** The viewer's API tokens (names and dates; never the secrets). */
export function listMyApiTokens(deps: Deps, viewer: Viewer): Promise<ApiTokenRecord[]> {
  return listApiTokens(deps.db, viewer.id);
}

/** Revokes one of the viewer's tokens; false when it is not theirs. */
export async function revokeApiToken(deps: Deps, viewer: Viewer, id: unknown): Promise<boolean> {
  const n = typeof id === 'string' ? Number(id) : id;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) return false;
  return deleteApiToken(deps.db, viewer.id, n);
}

/** The viewer behind an `Authorization: Bearer` token, or null (unknown, revoked, banned). */
export async function authenticateApiToken(deps: Deps, token: string): Promise<Viewer | null> {
  if (!token.startsWith(PREFIX) || token.length !== PREFIX.length + 43) return null;
  const userId = await useApiToken(deps.db, hashToken(token), deps.now().toISOString());
  if (userId === null) return null;
  const account = await findAccountById(deps.db, userId);
  if (!account || account.bannedAt) return null;
  return toViewer(account);
}
