import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { parseArxivId } from '../../domain/arxiv-id';
import { InputError } from '../../domain/input-error';
import { parseReason, requireModerator } from '../../domain/moderation';
import { NotFoundError } from '../../domain/not-found-error';
import { parseDay } from '../../domain/period';
import { deleteListing, findListingTarget } from '../../storage/repos/moderation-repo';
import { refreshPaperCounters } from '../import/refresh-paper-counters';
import { recordModeration } from './record-moderation';

export type RemoveListingInput = { arxivId: unknown; listedOn: unknown; reason: unknown };

/**
 * Takes a paper off one day's list (spam, off-topic, a duplicate). The paper itself, its votes
 * and comments stay; its first_listed_at, counters and trending score are recomputed the way the
 * importer does, so a paper left with no listing drops out of trending. Moderators and admins
 * only; logged publicly with the reason.
 */
export async function removeListing(deps: Deps, viewer: Viewer | null, input: RemoveListingInput): Promise<{ arxivId: string; listedOn: string }> {
  const moderator = requireModerator(viewer);
  const parsedId = parseArxivId(typeof input.arxivId === 'string' ? input.arxivId.trim() : '');
  if (!parsedId.ok) throw new InputError(parsedId.reason);
  const day = parseDay(typeof input.listedOn === 'string' ? input.listedOn.trim() : '');
  if (!day.ok) throw new InputError(day.reason);
  const arxivId = parsedId.id;
  const listedOn = day.period.key;
  const reason = parseReason(input.reason);
  await recordModeration(deps, moderator, reason, async (tx) => {
    const listing = await findListingTarget(tx, arxivId, listedOn);
    if (!listing || !(await deleteListing(tx, listing.listingId))) throw new NotFoundError(`${arxivId} is not on the list of ${listedOn}.`);
    await refreshPaperCounters(tx, [listing.paperId], new Map());
    return {
      action: 'remove_listing' as const,
      targetUserId: listing.submitterId,
      targetPaperId: listing.paperId,
      targetCommentId: null,
      targetLabel: `${arxivId} from the list of ${listedOn}`,
    };
  });
  return { arxivId, listedOn };
}
