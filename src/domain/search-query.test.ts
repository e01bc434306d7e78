import { describe, expect, it } from 'vitest';
import { formatSearchQuery, isEmptySearchQuery, MAX_QUERY_TERMS, parseSearchQuery } from './search-query';

const parse = parseSearchQuery;

describe('parseSearchQuery', () => {
  it('splits words, lower-cases them and drops stop words', () => {
    expect(parse('Large Language Models for the Web')).toEqual({
      terms: ['large', 'language', 'models', 'web'],
      phrases: [],
      excluded: [],
    });
  });

  it('keeps stop words when nothing else is left, and quoted single words', () => {
    expect(parse('the who').terms).toEqual(['the', 'who']);
    expect(parse('"the" beatles').terms).toEqual(['the', 'beatles']);
  });

  it('reads quoted phrases, and an unbalanced quote runs to the end', () => {
    expect(parse('"state space" models "mamba').phrases).toEqual(['state space']);
    expect(parse('"state space" models "mamba').terms).toEqual(['models', 'mamba']);
    expect(parse('x "open  vocabulary, detection').phrases).toEqual(['open vocabulary detection']);
    expect(parse('"""')).toEqual({ terms: [], phrases: [], excluded: [] });
  });

  it('keeps hyphenated and dotted compounds as typed, as phrases', () => {
    expect(parse('GPT-4 state-of-the-art e.g. TCP/IP').phrases).toEqual(['gpt-4', 'state-of-the-art', 'e.g', 'tcp/ip']);
    expect(parse('gpt--4 (llama-3)').phrases).toEqual(['llama-3']);
  });

  it('reads exclusions of words, compounds and phrases', () => {
    const q = parse('diffusion -video -"text to image" -gpt-4');
    expect(q.terms).toEqual(['diffusion']);
    expect(q.excluded).toEqual(['video', 'text to image', 'gpt-4']);
    expect(parse('a - b').excluded).toEqual([]);
  });

  it('treats operators and syntax characters as plain words or separators', () => {
    expect(parse('cats AND dogs OR NOT birds').terms).toEqual(['cats', 'dogs', 'birds']);
    expect(parse('NEAR(vision language, 3)').terms).toEqual(['near', 'vision', 'language', '3']);
    expect(parse('title:transformer* ^bert (lora)').terms).toEqual(['title', 'transformer', 'bert', 'lora']);
    expect(parse('AND OR NOT').terms).toEqual(['and', 'or', 'not']);
  });

  it('handles empty, blank and symbol-only input', () => {
    for (const text of ['', '   ', '***', '()', ':', '-', '"', '\u0000', '\u200b\u200f']) {
      const q = parse(text);
      expect(isEmptySearchQuery(q)).toBe(true);
    }
  });

  it('removes invisible characters and splits on control characters', () => {
    expect(parse('trans\u200bformer').terms).toEqual(['transformer']);
    expect(parse('\u202eattention\u202c').terms).toEqual(['attention']);
    expect(parse('graph\u0000neural').terms).toEqual(['graph', 'neural']);
  });

  it('understands non-Latin scripts, full-width letters and accents', () => {
    expect(parse('نموذج اللغة').terms).toEqual(['نموذج', 'اللغة']);
    expect(parse('ＢＥＲＴ').terms).toEqual(['bert']);
    expect(parse('Gödel').terms).toEqual(['gödel']);
  });

  it('caps the number of units and the length of words', () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    expect(parse(long).terms).toHaveLength(MAX_QUERY_TERMS);
    expect(parse('x'.repeat(10_000)).terms).toEqual([]);
    const q = parse('a b '.repeat(2_500) + ' "' + 'c d '.repeat(100));
    expect(q.terms.length + q.phrases.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
  });

  it('de-duplicates', () => {
    expect(parse('lora LoRA "lora" -x -x').terms).toEqual(['lora']);
    expect(parse('lora LoRA -x -x').excluded).toEqual(['x']);
  });

  it('formats what it understood', () => {
    expect(formatSearchQuery(parse('Mamba "state space" -video'))).toBe('mamba "state space" -video');
  });
});
