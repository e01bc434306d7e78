import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../domain/paper';
import type { PaperPatch } from './import-record';
import { mergePaper, paperContentHash } from './merge-paper';

const patch = (p: Partial<PaperPatch>): PaperPatch => ({ arxivId: '2401.01234', set: {}, fill: {}, grow: {}, published: null, ...p });
const arxiv = patch({
  set: { title: 'Ours', abstract: 'Our abstract', authors: ['A'], categories: ['cs.CL'] },
  published: { at: '2024-01-02T00:00:00.000Z', isApprox: true, isAuthoritative: false },
});
const hf = patch({
  fill: { title: 'Theirs', abstract: 'Their abstract', projectPage: 'https://p.example.org', aiSummary: 'S' },
  grow: { githubStars: 10, aiKeywords: ['a', 'b'] },
  published: { at: '2024-01-02T17:00:00.000Z', isApprox: false, isAuthoritative: false },
});
const hfLater = patch({ grow: { githubStars: 4, aiKeywords: ['a'] }, fill: { aiSummary: 'Other' } });

function apply(...patches: PaperPatch[]): PaperInput {
  let paper: PaperInput | null = null;
  for (const p of patches) paper = mergePaper(paper, p);
  return paper!;
}

describe('mergePaper', () => {
  it('creates a paper from a record that has a title and a date, and no other', () => {
    expect(mergePaper(null, arxiv)).toMatchObject({ title: 'Ours', abstract: 'Our abstract', githubRepo: null, aiKeywords: null });
    expect(mergePaper(null, patch({ set: { title: 'No date' } }))).toBeNull();
  });

  it('lets our metadata win over HF text, HF fill what we lack, and an exact date replace a guess', () => {
    const merged = apply(arxiv, hf);
    expect(merged).toMatchObject({
      title: 'Ours',
      abstract: 'Our abstract',
      projectPage: 'https://p.example.org',
      aiSummary: 'S',
      githubStars: 10,
      publishedAt: '2024-01-02T17:00:00.000Z',
      isPublishedApprox: false,
    });
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
      expect(paperContentHash(apply(...order, ...order))).toBe(paperContentHash(merged));
    }
  });

  it('never erases a known value with an empty one', () => {
    const merged = apply(arxiv, patch({ set: { abstract: null, authors: [] } as never }));
    expect(merged.abstract).toBe('Our abstract');
    expect(merged.authors).toEqual(['A']);
  });

  it('keeps an exact date against an approximate one, but takes an authoritative exact one', () => {
    const exact = apply(hf, arxiv);
    expect(exact.publishedAt).toBe('2024-01-02T17:00:00.000Z');
    const authoritative = patch({ set: { title: 'Ours' }, published: { at: '2024-01-03T00:00:00.000Z', isApprox: false, isAuthoritative: true } });
    expect(apply(hf, authoritative).publishedAt).toBe('2024-01-03T00:00:00.000Z');
  });

  it('hashes content, not object identity', () => {
    expect(paperContentHash(apply(arxiv))).toBe(paperContentHash(apply(arxiv)));
    expect(paperContentHash(apply(arxiv))).not.toBe(paperContentHash(apply(arxiv, hf)));
  });
});
