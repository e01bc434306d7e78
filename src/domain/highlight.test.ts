import { describe, expect, it } from 'vitest';
import { highlight, type Span } from './highlight';
import { parseSearchQuery } from './search-query';
import { porterStem } from './porter-stem';

const marked = (spans: Span[]) => spans.filter((s) => s.type === 'highlight').map((s) => s.text);
const joined = (spans: Span[]) => spans.map((s) => s.text).join('');

describe('highlight', () => {
  it('marks case-insensitive matches and keeps the text intact', () => {
    const text = 'KazQAD: Kazakh Open-Domain Question Answering Dataset';
    const spans = highlight(parseSearchQuery('kazakh'), text);
    expect(spans).toEqual([
      { type: 'text', text: 'KazQAD: ' },
      { type: 'highlight', text: 'Kazakh' },
      { type: 'text', text: ' Open-Domain Question Answering Dataset' },
    ]);
  });

  it('is stem-aware', () => {
    const text = 'A model for modeling, modelling and Models of language.';
    expect(marked(highlight(parseSearchQuery('models'), text))).toEqual(['model', 'modeling', 'modelling', 'Models']);
  });

  it('marks the words of phrases but not excluded words', () => {
    const spans = highlight(parseSearchQuery('"state space" -video'), 'State space models for video.');
    expect(marked(spans)).toEqual(['State', 'space']);
  });

  it('ignores accents and stop words', () => {
    expect(marked(highlight(parseSearchQuery('godel'), 'On Gödel machines'))).toEqual(['Gödel']);
    expect(marked(highlight(parseSearchQuery('the transformer'), 'the transformer'))).toEqual(['transformer']);
  });

  it('does not mark parts of longer words', () => {
    expect(marked(highlight(parseSearchQuery('art'), 'state-of-the-art artistic'))).toEqual(['art']);
  });

  it('returns one text span for an empty query and nothing for an empty text', () => {
    expect(highlight(parseSearchQuery(''), 'abc')).toEqual([{ type: 'text', text: 'abc' }]);
    expect(highlight(parseSearchQuery('abc'), '')).toEqual([]);
  });

  it('round-trips awkward text', () => {
    const text = 'Zero\u200bwidth, RTL \u202eأهلا\u202c, NUL\u0000, $O(n\\log n)$ <script>';
    const spans = highlight(parseSearchQuery('width log script أهلا'), text);
    expect(joined(spans)).toBe(text);
    expect(marked(spans)).toEqual(['width', 'أهلا', 'log', 'script']);
  });
});

describe('highlight in ASCII text', () => {
  it('marks exactly the words whose stem matches, wherever they stand (the fast scan skips only what cannot match)', () => {
    const text = 'Transformers transform x2transformer _transformer TRANSFORMED, graphs; (Graph)-based: sub-graphs 3d-graph g gr Graphing 12graph graph12.';
    const query = parseSearchQuery('transformer graph');
    const words = [...text.matchAll(/[A-Za-z0-9]+/g)].map((m) => m[0]);
    const stems = new Set(['transform', 'graph']);
    const expected = words.filter((w) => stems.has(porterStem(w.toLowerCase())));
    const marked = highlight(query, text).filter((s) => s.type === 'highlight').map((s) => s.text);
    expect(marked).toEqual(expected);
    expect(marked.length).toBeGreaterThan(8);
  });
});
