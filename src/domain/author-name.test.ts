import { describe, expect, it } from 'vitest';
import { authorEntries, authorNameKey } from './author-name';

/** The rule written plainly: what the fast path for tidy ASCII names must always agree with. */
const reference = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

const NAMES = [
  'Ada Lovelace', 'ada lovelace', 'Ada  Lovelace', ' Ada Lovelace', 'Ada Lovelace ', 'Ada\tLovelace', 'Ada\nLovelace',
  'Ada\u00a0Lovelace', 'José García', 'Jose\u0301 Garci\u0301a', 'A. Smith', 'O\'Neil-Smith, Jr.', 'ÅNGSTRÖM', '李 小龙',
  '', ' ', '~', 'X', 'x y', 'a\u200bb', 'Ümit', 'DE LA CRUZ',
];

describe('authorNameKey', () => {
  it('folds Unicode form, case and spacing, and nothing else', () => {
    for (const name of NAMES) expect(authorNameKey(name), JSON.stringify(name)).toBe(reference(name));
    expect(authorNameKey('José')).not.toBe(authorNameKey('Jose'));
    expect(authorNameKey('Jose\u0301')).toBe(authorNameKey('José'));
  });
});

describe('authorEntries', () => {
  it('keeps each author once, at the first position, with the name tidied and blanks skipped', () => {
    expect(authorEntries(['Ada  Lovelace', ' ', 'Alan Turing', 'ada lovelace', 'Jose\u0301'])).toEqual([
      { position: 0, name: 'Ada Lovelace', nameKey: 'ada lovelace' },
      { position: 2, name: 'Alan Turing', nameKey: 'alan turing' },
      { position: 4, name: 'Jose\u0301', nameKey: 'josé' },
    ]);
    for (const name of NAMES) {
      const [entry] = authorEntries([name]);
      const tidy = name.replace(/\s+/g, ' ').trim();
      expect(entry ?? null, JSON.stringify(name)).toEqual(reference(tidy) === '' ? null : { position: 0, name: tidy, nameKey: reference(tidy) });
    }
  });
});
