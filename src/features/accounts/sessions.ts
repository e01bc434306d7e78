import type { Deps } from '../../deps';
import { toViewer, type Viewer } from '../../domain/account';
import { deleteSession, deleteUserSessions, findSessionWithAccount, insertSession, listUserSessions, touchSession, type SessionRecord } from '../../storage/repos/sessions-repo';
import { hashToken, isTokenShaped, newToken } from './secret-token';

/** Activity is written back at most this often, so reading pages does not mean a write per request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Starts a session for a user and returns the cookie's token (a fresh one at every log-in). */
export async function startSession(deps: Deps, userId: number, client: { ip: string; userAgent: string | null }): Promise<string> {
  const token = newToken();
  const now = deps.now();
  await insertSession(deps.db, {
    tokenHash: hashToken(token),
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.config.sessionMaxDays * 24 * 3600 * 1000).toISOString(),
    userAgent: client.userAgent?.slice(0, 300) ?? null,
    ip: client.ip,
  });
  return token;
}

/**
 * The viewer behind a session cookie, or null. A session past its absolute end or idle for longer
 * than SESSION_IDLE_MINUTES is deleted; a banned user's sessions are gone already (see banUser).
 */
export async function authenticateSession(deps: Deps, token: unknown): Promise<{ viewer: Viewer; tokenHash: string } | null> {
  if (!isTokenShaped(token)) return null;
  const tokenHash = hashToken(token);
  const found = await findSessionWithAccount(deps.db, tokenHash);
  if (!found) return null;
  const now = deps.now().getTime();
  const idleMs = deps.config.sessionIdleMinutes * 60 * 1000;
  if (Date.parse(found.session.expiresAt) <= now || Date.parse(found.session.lastSeenAt) + idleMs <= now || found.account.bannedAt) {
    await deleteSession(deps.db, tokenHash);
    return null;
  }
  if (now - Date.parse(found.session.lastSeenAt) >= TOUCH_EVERY_MS) await touchSession(deps.db, tokenHash, new Date(now).toISOString());
  return { viewer: toViewer(found.account), tokenHash };
}

/** Ends the session of this cookie token (log out). */
export async function endSession(deps: Deps, token: unknown): Promise<void> {
  if (isTokenShaped(token)) await deleteSession(deps.db, hashToken(token));
}

/** A session as its owner sees it on the settings page. */
export type SessionView = Omit<SessionRecord, 'tokenHash' | 'userId'> & { id: string; isCurrent: boolean };

/** The viewer's sessions, newest first, marking the one making this request. */
export async function listSessions(deps: Deps, viewer: Viewer, currentTokenHash: string | null): Promise<SessionView[]> {
  const sessions = await listUserSessions(deps.db, viewer.id);
  return sessions.map(({ tokenHash, userId: _userId, ...rest }) => ({ ...rest, id: tokenHash, isCurrent: tokenHash === currentTokenHash }));
}

/** Ends one of the viewer's sessions by its id (from listSessions); false when it is not theirs. */
export async function revokeSession(deps: Deps, viewer: Viewer, sessionId: unknown): Promise<boolean> {
  if (typeof sessionId !== 'string' || !/^[0-9a-f]{64}$/.test(sessionId)) return false;
  return deleteSession(deps.db, sessionId, viewer.id);
}

/** Ends every session of the viewer except the current one; returns how many ended. */
export function revokeOtherSessions(deps: Deps, viewer: Viewer, currentTokenHash: string | null): Promise<number> {
  return deleteUserSessions(deps.db, viewer.id, currentTokenHash ?? undefined);
}
