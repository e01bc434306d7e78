import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import type { Db } from '../../storage/database';
import { insertModerationLogEntry, type NewModerationLogEntry } from '../../storage/repos/moderation-repo';

/**
 * What a moderation write tells the log about its target; `isLogged: false` when the write changed
 * nothing the log shows (no entry then).
 */
export type LoggedTarget = Pick<NewModerationLogEntry, 'action' | 'targetUserId' | 'targetPaperId' | 'targetCommentId' | 'targetLabel'> & { isLogged?: boolean };

/**
 * Runs a moderator's write and appends its log entry in one transaction, so the public log can
 * never miss an action that happened nor record one that did not. `write` gets the transaction's
 * database and returns what to log; throwing rolls both back. `moderator` null: the server's
 * operator, from the command line (no account to name).
 */
export async function recordModeration<T extends LoggedTarget>(deps: Deps, moderator: Viewer | null, reason: string, write: (tx: Db, at: string) => Promise<T>): Promise<T> {
  const at = deps.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...deps.db, kysely: trx };
    const target = await write(tx, at);
    if (target.isLogged === false) return target;
    await insertModerationLogEntry(tx, {
      moderatorId: moderator?.id ?? null,
      action: target.action,
      targetUserId: target.targetUserId,
      targetPaperId: target.targetPaperId,
      targetCommentId: target.targetCommentId,
      targetLabel: target.targetLabel,
      reason,
      createdAt: at,
    });
    return target;
  });
}
