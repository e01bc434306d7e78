import { describe, expect, it } from 'vitest';
import { InputError } from './input-error';
import { parseVoteDirection, voteDelta, voteTransition } from './vote';

describe('voteTransition', () => {
  it('none → up inserts a vote row (+1)', () => {
    expect(voteTransition('none', 'up')).toBe('insert');
    expect(voteDelta('insert')).toBe(1);
  });
  it('up → none deletes the vote row (−1)', () => {
    expect(voteTransition('up', 'none')).toBe('delete');
    expect(voteDelta('delete')).toBe(-1);
  });
  it('up → up changes nothing (a second upvote is not a second vote)', () => {
    expect(voteTransition('up', 'up')).toBe('nothing');
    expect(voteDelta('nothing')).toBe(0);
  });
  it('none → none changes nothing (un-voting what was never voted)', () => {
    expect(voteTransition('none', 'none')).toBe('nothing');
  });
});

describe('parseVoteDirection', () => {
  it('accepts up and none', () => {
    expect(parseVoteDirection('up')).toBe('up');
    expect(parseVoteDirection('none')).toBe('none');
  });
  it.each([undefined, '', 'down', 'UP', 1, null])('refuses %s', (input) => {
    expect(() => parseVoteDirection(input)).toThrow(InputError);
  });
});
