import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalId, parseArxivFeed } from './parse-arxiv-feed';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/arxiv');
const fixture = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');

describe('parseArxivFeed', () => {
  it("reads arXiv's error entry (id …/api/errors#…, title Error) as not found, with arXiv's reason", () => {
    expect(parseArxivFeed(fixture('_error-incorrect-id-format.xml'), '1234.12345')).toEqual({
      kind: 'not-found',
      reason: 'incorrect id format for 1234.12345',
    });
  });

  it('reads a feed with zero entries as not found', () => {
    expect(parseArxivFeed(fixture('_not-found.xml'), '2401.99999')).toEqual({ kind: 'not-found' });
  });

  it('reads the empty entry older API versions sent for an unknown id as not found', () => {
    const xml = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id></id><title></title><summary></summary></entry></feed>';
    expect(parseArxivFeed(xml, '2208.05394')).toEqual({ kind: 'not-found' });
  });

  it('does not take another paper for the one asked for', () => {
    expect(parseArxivFeed(fixture('2403.09977.xml'), '2403.09978')).toEqual({ kind: 'not-found' });
  });

  it('reads doi, comment and journal ref, and ignores affiliations (legacy fixture with those elements added)', () => {
    const ns = 'xmlns:arxiv="http://arxiv.org/schemas/atom"';
    // Synthetic additions, in the legacy API's shape, to the recorded legacy entry.
    const xml = fixture('hep-th_9711200.xml')
      .replace(
        '<name>Juan M. Maldacena</name>',
        `<name>Juan M. Maldacena</name>\n      <arxiv:affiliation ${ns}>Example University</arxiv:affiliation>`,
      )
      .replace(
        '<link href="http://arxiv.org/abs/hep-th/9711200v3"',
        `<arxiv:doi ${ns}>10.1000/example.doi</arxiv:doi>\n    <arxiv:comment ${ns}>20 pages,\n  harvmac</arxiv:comment>\n    <link href="http://arxiv.org/abs/hep-th/9711200v3"`,
      );
    const result = parseArxivFeed(xml, 'hep-th/9711200');
    expect(result.kind).toBe('paper');
    if (result.kind !== 'paper') return;
    expect(result.paper).toMatchObject({
      authors: ['Juan M. Maldacena'],
      doi: '10.1000/example.doi',
      comment: '20 pages, harvmac',
      journalRef: 'Adv.Theor.Math.Phys.2:231-252,1998',
    });
  });

  it('refuses a DOCTYPE, broken XML and HTML error pages as unreadable', () => {
    const doctype = '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x "boom">]><feed xmlns="http://www.w3.org/2005/Atom">&x;</feed>';
    expect(parseArxivFeed(doctype, '2401.17377').kind).toBe('unreadable');
    expect(parseArxivFeed('<feed><entry><title>cut off', '2401.17377').kind).toBe('unreadable');
    expect(parseArxivFeed('<html><body>Service temporarily unavailable</body></html>', '2401.17377').kind).toBe('unreadable');
    expect(parseArxivFeed('Rate exceeded.', '2401.17377').kind).toBe('unreadable');
  });
});

describe('canonicalId', () => {
  it('drops the subject class of old-style ids, which arXiv does not use in ids', () => {
    expect(canonicalId('math.GT/0309136')).toBe('math/0309136');
    expect(canonicalId('hep-th/9711200')).toBe('hep-th/9711200');
    expect(canonicalId('2401.17377')).toBe('2401.17377');
  });
});
