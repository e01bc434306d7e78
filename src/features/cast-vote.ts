import type { Deps } from '../deps';
import type { Viewer } from '../domain/account';
import { ForbiddenError } from '../domain/forbidden-error';
import { parseVoteDirection, voteTransition } from '../domain/vote';
import { deleteVote, findUpvotes, insertVote, listVotedPaperIds } from '../storage/repos/votes-repo';
import { findPaperOrThrow, requirePaperId } from './find-named-paper';
import { RATE_RULES, takeRateLimit, type RateRule } from './rate-limit';

export type CastVoteInput = {
  /** The paper's arXiv id (old style, versioned or `arXiv:` prefixed are accepted). */
  arxivId: unknown;
  /** `up` to upvote, `none` to take the upvote back. */
  direction: unknown;
  /** The client's address, for the per-IP limit (the web layer knows it; scripts may not). */
  ip?: string;
};

export type CastVoteResult = { upvotes: number; hasVoted: boolean };

/** The limits a vote counts against; tests of atomicity pass wider ones. */
export type VoteLimits = { perAccount: RateRule; perIp: RateRule };

const DEFAULT_LIMITS: VoteLimits = { perAccount: RATE_RULES.votesPerAccount, perIp: RATE_RULES.votesPerIp };

/**
 * Sets the viewer's upvote on a paper to `direction` and returns the paper's count. Only
 * verified, non-banned accounts vote (ForbiddenError); an unknown paper is a NotFoundError.
 *
 * As lobsters' Vote model, the change comes from the transition table (domain/vote.ts) applied to
 * the vote as it stands. The read may be stale under concurrency (a second tab, a double click):
 * that is safe because insertVote and deleteVote decide again inside the database, atomically, so
 * the stored state always ends at `direction` and the count always equals imported + rows.
 */
export async function castVote(deps: Deps, viewer: Viewer, input: CastVoteInput, limits: VoteLimits = DEFAULT_LIMITS): Promise<CastVoteResult> {
  if (viewer.isBanned) throw new ForbiddenError('banned accounts cannot vote');
  if (!viewer.isVerified) throw new ForbiddenError('confirm your email address before voting (the link is in the mail we sent when you signed up)');
  const wanted = parseVoteDirection(input.direction);
  const arxivId = requirePaperId(input.arxivId);

  await takeRateLimit(deps, limits.perAccount, { key: String(viewer.id), accountCreatedAt: viewer.createdAt });
  if (input.ip) await takeRateLimit(deps, limits.perIp, { key: input.ip });

  const paper = await findPaperOrThrow(deps, arxivId);

  const current = (await listVotedPaperIds(deps.db, viewer.id, [paper.id])).has(paper.id) ? 'up' : 'none';
  const vote = { userId: viewer.id, paperId: paper.id };
  switch (voteTransition(current, wanted)) {
    case 'insert':
      return { upvotes: (await insertVote(deps.db, { ...vote, createdAt: deps.now().toISOString() })).upvotes, hasVoted: true };
    case 'delete':
      return { upvotes: (await deleteVote(deps.db, vote)).upvotes, hasVoted: false };
    case 'nothing':
      // Read after the vote state, so the count includes the vote that made this a no-op.
      return { upvotes: await findUpvotes(deps.db, paper.id), hasVoted: wanted === 'up' };
  }
}
