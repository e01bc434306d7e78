import type { Deps } from '../../deps';
import type { ModerationLogEntry } from '../../domain/moderation';
import { listModerationLogEntries } from '../../storage/repos/moderation-repo';

/** Entries per page of the public log. */
export const LOG_PAGE_SIZE = 50;

/** One page (1-based) of the public moderation log, newest first; readable by anyone. */
export async function listModerationLog(deps: Deps, page: number): Promise<{ items: ModerationLogEntry[]; total: number; lastPage: number }> {
  const { items, total } = await listModerationLogEntries(deps.db, { offset: (page - 1) * LOG_PAGE_SIZE, limit: LOG_PAGE_SIZE });
  return { items, total, lastPage: Math.max(1, Math.ceil(total / LOG_PAGE_SIZE)) };
}
