import { describe, expect, it } from 'vitest';
import { remembered } from './remembered';

describe('remembered', () => {
  it('computes each argument once while it is kept, null answers included, and starts over when full', () => {
    const calls: string[] = [];
    const f = remembered((k: string) => {
      calls.push(k);
      return k === 'none' ? null : k.toUpperCase();
    }, 2);
    expect([f('a'), f('a'), f('none'), f('none')]).toEqual(['A', 'A', null, null]);
    expect(calls).toEqual(['a', 'none']);
    f('b'); // full: forgets a and none, keeps b
    f('a');
    expect(calls).toEqual(['a', 'none', 'b', 'a']);
  });

  it('never keeps an argument longer than the limit', () => {
    let count = 0;
    const f = remembered((k: string) => (count++, k.length), 10, 3);
    f('long key');
    f('long key');
    f('abc');
    f('abc');
    expect(count).toBe(3);
  });
});
