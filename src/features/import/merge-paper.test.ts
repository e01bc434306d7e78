import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../domain/paper';
import type { PaperPatch, PaperSource } from './import-record';
import { mergePaper, samePaperInput } from './merge-paper';

const EMPTY_PAPER: PaperInput = {
  arxivId: '2401.01234',
  title: '',
  abstract: null,
  authors: [],
  publishedAt: '2024-01-02T00:00:00.000Z',
  isPublishedApprox: false,
  categories: [],
  githubRepo: null,
  githubStars: null,
  projectPage: null,
  withdrawnAt: null,
  aiSummary: null,
  aiKeywords: null,
};
const patch = (source: PaperSource, fields: Partial<PaperInput>): PaperPatch => ({ source, fields: { ...EMPTY_PAPER, ...fields } });
const arxiv = patch('arxiv', { title: 'Ours', abstract: 'Our abstract', authors: ['A'], categories: ['cs.CL'], isPublishedApprox: true });
const hf = patch('hf', {
  title: 'Theirs',
  abstract: 'Their abstract',
  projectPage: 'https://p.example.org',
  aiSummary: 'S',
  githubStars: 10,
  aiKeywords: ['a', 'b'],
  publishedAt: '2024-01-02T17:00:00.000Z',
});
const hfLater = patch('hf', { title: 'Theirs', githubStars: 4, aiKeywords: ['a'], aiSummary: 'Other', publishedAt: '2024-01-02T17:00:00.000Z' });

function apply(...patches: PaperPatch[]): PaperInput {
  let paper: PaperInput | null = null;
  for (const p of patches) paper = mergePaper(paper, p);
  return paper!;
}

describe('mergePaper', () => {
  it('stores a new paper as its record describes it', () => {
    expect(mergePaper(null, arxiv)).toEqual(arxiv.fields);
    expect(mergePaper(null, hf)).toEqual(hf.fields);
  });

  it('lets our metadata win over HF text, HF fill what we lack, and an exact date replace a guess', () => {
    for (const merged of [apply(arxiv, hf), apply(hf, arxiv)]) {
      expect(merged).toMatchObject({
        title: 'Ours',
        abstract: 'Our abstract',
        projectPage: 'https://p.example.org',
        aiSummary: 'S',
        githubStars: 10,
        publishedAt: '2024-01-02T17:00:00.000Z',
        isPublishedApprox: false,
      });
    }
  });

  it('gives the same paper whatever the order, and is stable on re-application', () => {
    const orders = [
      [arxiv, hf, hfLater],
      [hf, arxiv, hfLater],
      [hfLater, hf, arxiv],
    ];
    const first = apply(...orders[0]!);
    // fill fields keep the first value seen; everything else converges.
    for (const order of orders) {
      const merged = apply(...order);
      expect({ ...merged, aiSummary: null }).toEqual({ ...first, aiSummary: null });
      expect(samePaperInput(apply(...order, ...order), merged)).toBe(true);
    }
    expect(first.githubStars).toBe(10);
    expect(first.aiKeywords).toEqual(['a', 'b']);
  });

  it('never erases a known value with an empty one', () => {
    const merged = apply(arxiv, patch('arxiv', { title: 'Ours', abstract: null, authors: [] }));
    expect(merged.abstract).toBe('Our abstract');
    expect(merged.authors).toEqual(['A']);
    expect(apply(hf, patch('hf', { title: 'Theirs' })).githubStars).toBe(10);
  });

  it('keeps an exact date against an approximate one, but takes an authoritative exact one', () => {
    const exact = apply(hf, arxiv);
    expect(exact.publishedAt).toBe('2024-01-02T17:00:00.000Z');
    const authoritative = patch('arxiv', { title: 'Ours', publishedAt: '2024-01-03T00:00:00.000Z' });
    expect(apply(hf, authoritative).publishedAt).toBe('2024-01-03T00:00:00.000Z');
    expect(apply(authoritative, hf).publishedAt).toBe('2024-01-03T00:00:00.000Z');
  });
});

describe('samePaperInput', () => {
  it('compares content, not identity, and tells every field apart', () => {
    const merged = apply(arxiv, hf);
    expect(samePaperInput(merged, structuredClone(merged))).toBe(true);
    const changes: Partial<PaperInput>[] = [
      { title: 'Other' },
      { abstract: null },
      { authors: ['A', 'B'] },
      { authors: ['B'] },
      { categories: [] },
      { publishedAt: '2024-01-05T00:00:00.000Z' },
      { isPublishedApprox: true },
      { githubRepo: 'https://github.com/a/b' },
      { githubStars: 11 },
      { projectPage: null },
      { withdrawnAt: '2024-02-01T00:00:00.000Z' },
      { aiSummary: 'T' },
      { aiKeywords: null },
      { aiKeywords: ['a', 'c'] },
    ];
    for (const change of changes) expect(samePaperInput(merged, { ...merged, ...change }), JSON.stringify(change)).toBe(false);
  });
});
