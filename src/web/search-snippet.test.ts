import { describe, expect, it } from 'vitest';
import type { Span } from '../domain/highlight';
import { snippetSpans } from './search-snippet';

const joined = (spans: Span[]) => spans.map((s) => s.text).join('');
const marked = (spans: Span[]) => spans.filter((s) => s.type === 'highlight').map((s) => s.text);

describe('snippetSpans', () => {
  it('keeps a short abstract whole', () => {
    const spans: Span[] = [{ type: 'text', text: 'A short ' }, { type: 'highlight', text: 'abstract' }];
    expect(snippetSpans(spans)).toEqual(spans);
  });

  it('centres a long abstract on the first match, on word boundaries', () => {
    const before = 'word '.repeat(200);
    const spans: Span[] = [{ type: 'text', text: before }, { type: 'highlight', text: 'needle' }, { type: 'text', text: ' tail'.repeat(200) }];
    const out = snippetSpans(spans, 100);
    expect(marked(out)).toEqual(['needle']);
    expect(joined(out).startsWith('…word')).toBe(true);
    expect(joined(out).endsWith('tail…')).toBe(true);
    expect(joined(out).length).toBeLessThanOrEqual(102);
  });

  it('starts at the beginning when nothing matched', () => {
    const out = snippetSpans([{ type: 'text', text: 'alpha beta '.repeat(100) }], 50);
    expect(joined(out).startsWith('alpha beta')).toBe(true);
    expect(joined(out).endsWith('…')).toBe(true);
  });

  it('shows the end of the abstract when the match is near it', () => {
    const spans: Span[] = [{ type: 'text', text: 'x '.repeat(300) }, { type: 'highlight', text: 'end' }];
    const out = snippetSpans(spans, 100);
    expect(marked(out)).toEqual(['end']);
    expect(joined(out).endsWith('end')).toBe(true);
  });
});
