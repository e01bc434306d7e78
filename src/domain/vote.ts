import { InputError } from './input-error';

/** Whether a user's upvote on a paper exists. There are no downvotes. */
export type VoteState = 'none' | 'up';

/** What has to happen to the `votes` table to go from one state to another. */
export type VoteChange = 'insert' | 'delete' | 'nothing';

/**
 * The whole transition table (as lobsters' Vote model): current state × wanted state. Written out
 * rather than computed so each cell is visible and has its own test.
 */
const TRANSITIONS: Record<VoteState, Record<VoteState, VoteChange>> = {
  none: { none: 'nothing', up: 'insert' },
  up: { none: 'delete', up: 'nothing' },
};

/** The change that takes a vote from `current` to `wanted`. */
export function voteTransition(current: VoteState, wanted: VoteState): VoteChange {
  return TRANSITIONS[current][wanted];
}

/** How a change moves the paper's count of vote rows (and so its `upvotes`). */
export function voteDelta(change: VoteChange): -1 | 0 | 1 {
  return change === 'insert' ? 1 : change === 'delete' ? -1 : 0;
}

/** A requested vote direction: `up` (vote) or `none` (take the vote back). */
export function parseVoteDirection(input: unknown): VoteState {
  if (input === 'up' || input === 'none') return input;
  throw new InputError('direction must be "up" or "none"');
}
