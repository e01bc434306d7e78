import { describe, expect, it } from 'vitest';
import { unsubscribeTokensOf } from './unsubscribe-mail';

const T1 = 'A'.repeat(42) + 'b';
const T2 = 'x_-'.repeat(14) + 'z';

describe('unsubscribeTokensOf', () => {
  it('finds the token in To, with a display name and angle brackets', () => {
    expect(unsubscribeTokensOf(`From: reader@example.org\r\nTo: "Paperboy" <unsubscribe+${T1}@papers.example.org>\r\nSubject: unsubscribe\r\n\r\nbody`)).toEqual([T1]);
  });

  it('reads the MTA recipients first, then Delivered-To and the other address headers, each token once', () => {
    const message = `Delivered-To: unsubscribe+${T2}@papers.example.org\nTo: unsubscribe+${T1}@papers.example.org,\n  unsubscribe+${T2}@papers.example.org\n\n`;
    expect(unsubscribeTokensOf(message, [`unsubscribe+${T1}@papers.example.org`])).toEqual([T1, T2]);
  });

  it('unfolds folded header lines and matches the local part case-insensitively', () => {
    expect(unsubscribeTokensOf(`To: Paperboy\n <UNSUBSCRIBE+${T1}@papers.example.org>\n\n`)).toEqual([T1]);
  });

  it('ignores the body, other headers, other local parts and wrong-sized tokens', () => {
    const message = [
      `Subject: unsubscribe+${T1}@papers.example.org`,
      `To: nounsubscribe+${T1}@papers.example.org, unsubscribe+short@papers.example.org, unsubscribe+${T1}x@papers.example.org`,
      '',
      `To: unsubscribe+${T1}@papers.example.org`,
    ].join('\n');
    expect(unsubscribeTokensOf(message)).toEqual([]);
  });

  it('copes with no header end, empty input and binary garbage', () => {
    expect(unsubscribeTokensOf(`To: unsubscribe+${T1}@a.example`)).toEqual([T1]);
    expect(unsubscribeTokensOf('')).toEqual([]);
    expect(unsubscribeTokensOf('\u0000\uffff:::\n\n')).toEqual([]);
  });
});
