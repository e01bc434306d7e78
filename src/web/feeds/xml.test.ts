import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderAtom, renderRss, rfc822, textToHtml, type Feed } from './feed';
import { el, escapeXml, stripInvalidXmlChars, xmlDocument } from './xml';

const HOSTILE = 'A <script>alert("x")</script> & \'B\' \u0000\u0001\u0008\u000b\u000c\u001f\uFFFE\uFFFF\uD800 ok 😀 \t end';
const CLEAN = 'A <script>alert("x")</script> & \'B\'  ok 😀 \t end';

describe('xml writer', () => {
  it('drops the characters XML 1.0 forbids and keeps the rest, astral characters included', () => {
    expect(stripInvalidXmlChars(HOSTILE)).toBe(CLEAN);
    expect(stripInvalidXmlChars('\u0085\u00a0é\u2028')).toBe('\u0085\u00a0é\u2028');
  });

  it('escapes text and attributes so that they parse back to the same string', () => {
    const doc = xmlDocument(el('root', { a: HOSTILE }, el('t', {}, HOSTILE), el('empty')));
    expect(XMLValidator.validate(doc)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', trimValues: false, parseTagValue: false, parseAttributeValue: false }).parse(doc);
    expect(parsed.root.t).toBe(CLEAN);
    expect(parsed.root['@_a']).toBe(CLEAN);
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('writes RFC 822 dates and HTML descriptions', () => {
    expect(rfc822('2024-01-02T03:04:05.000Z')).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(textToHtml('x < y & z\n\nsecond  para')).toBe('<p>x &lt; y &amp; z</p><p>second para</p>');
  });

  it('renders an empty feed that is still valid', () => {
    const feed: Feed = { title: 'T', description: 'D', htmlUrl: 'http://x.test/', updated: '2024-01-02T00:00:00.000Z', entries: [] };
    expect(XMLValidator.validate(renderRss(feed, 'http://x.test/feeds/a.rss'))).toBe(true);
    expect(XMLValidator.validate(renderAtom(feed, 'http://x.test/feeds/a.atom'))).toBe(true);
  });
});
