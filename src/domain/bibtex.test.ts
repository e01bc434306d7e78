import { describe, expect, it } from 'vitest';
import { readBibtex, untex } from '../../test/bibtex-reader';
import { bibtexKeyBase, bibtexName, escapeBibtex, isBalanced, splitName, toBibtex, type BibPaper } from './bibtex';

const paper = (over: Partial<BibPaper>): BibPaper => ({
  arxivId: '1706.03762',
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer'],
  publishedAt: '2017-06-12T00:00:00.000Z',
  categories: ['cs.CL', 'cs.LG'],
  abstract: 'The dominant sequence transduction models…',
  ...over,
});

describe('bibtex keys', () => {
  it('is first author, year and first significant title word, in ASCII', () => {
    expect(bibtexKeyBase(paper({}))).toBe('vaswani2017attention');
    expect(bibtexKeyBase(paper({ title: 'The Unreasonable Effectiveness of Data', authors: ['Alon Halevy'] }))).toBe('halevy2017unreasonable');
    expect(bibtexKeyBase(paper({ title: '$\\alpha$-Zero: Élan vital', authors: ['Zoë Ångström'] }))).toBe('angstrom2017zero');
    expect(bibtexKeyBase(paper({ title: 'On a theorem', authors: ['Ludwig van Beethoven'] }))).toBe('beethoven2017theorem');
    expect(bibtexKeyBase(paper({ title: '数学', authors: [] }))).toBe('anon2017');
  });
  it('are unique within a file: b, c, … for repeats', () => {
    const entries = readBibtex(toBibtex([paper({}), paper({ arxivId: '1706.03763' }), paper({ arxivId: '1706.03764' })]));
    expect(entries.map((e) => e.key)).toEqual(['vaswani2017attention', 'vaswani2017attentionb', 'vaswani2017attentionc']);
  });
});

describe('bibtex names', () => {
  it('writes Last, First with particles and suffixes', () => {
    expect(bibtexName('Ashish Vaswani')).toBe('Vaswani, Ashish');
    expect(bibtexName('Ludwig van Beethoven')).toBe('van Beethoven, Ludwig');
    expect(bibtexName('Martin Luther King Jr.')).toBe('King, Jr., Martin Luther');
    expect(bibtexName('Plato')).toBe('Plato');
    expect(bibtexName('The ATLAS Collaboration')).toBe('{The ATLAS Collaboration}');
    expect(bibtexName('Smith and Wesson')).toBe('{Smith and Wesson}');
    expect(splitName('Jean-Baptiste de la Fontaine')).toEqual({ firstNames: 'Jean-Baptiste', lastName: 'de la Fontaine', suffix: '' });
  });
});

describe('bibtex escaping', () => {
  it('keeps well-formed math and the author’s LaTeX, escapes bare specials', () => {
    expect(escapeBibtex('$\\mathcal{O}(n^2)$ attention & 50% of _all_ #1')).toBe('$\\mathcal{O}(n^2)$ attention \\& 50\\% of \\_all\\_ \\#1');
    expect(escapeBibtex('A 50\\% cut')).toBe('A 50\\% cut');
    expect(escapeBibtex('{BERT}: Pre-training')).toBe('{BERT}: Pre-training');
    expect(escapeBibtex('costs $5')).toBe('costs \\$5');
  });
  it('escapes everything when braces are not balanced, so the field cannot end early', () => {
    for (const text of ['a } b {', 'x}', '{{', '$\\frac{1$ and } more', 'tail \\']) {
      const out = escapeBibtex(text);
      expect(isBalanced(out), out).toBe(true);
      expect(untex(out)).toBe(text);
    }
  });
  it('round-trips tricky titles through a strict reader', () => {
    const titles = [
      'Scaling $\\mathcal{O}(n \\log n)$ Transformers: {GPT}-4 & Beyond',
      '100% Accuracy? Not #1 in C_{n} or Q&A',
      'Ünïcödé: 日本語のタイトル — “quotes” and emoji 🦄',
      'Unbalanced } brace { here',
      'Dollar $ sign and ~tilde ^caret \\ backslash',
      'Math $x^2 + y_1$ and prose_with_underscores',
      '  Spaces\n  and\tnewlines  ',
    ];
    const papers = titles.map((title, i) => paper({ title, arxivId: `2401.0000${i}`, abstract: `Abstract of ${title} with 5% & {braces}` }));
    const entries = readBibtex(toBibtex(papers, { withAbstract: true }));
    expect(entries).toHaveLength(titles.length);
    expect(new Set(entries.map((e) => e.key)).size).toBe(titles.length);
    entries.forEach((entry, i) => {
      const title = entry.fields.title!;
      expect(title.startsWith('{') && title.endsWith('}')).toBe(true);
      expect(untex(title.slice(1, -1))).toBe(titles[i]!.replace(/\s+/g, ' ').trim());
      expect(entry.type).toBe('misc');
      expect(entry.fields.eprint).toBe(`2401.0000${i}`);
      expect(entry.fields.archiveprefix).toBe('arXiv');
      expect(entry.fields.primaryclass).toBe('cs.CL');
      expect(entry.fields.year).toBe('2017');
      expect(entry.fields.url).toBe(`https://arxiv.org/abs/2401.0000${i}`);
      expect(entry.fields.author).toBe('Vaswani, Ashish and Shazeer, Noam');
      expect(untex(entry.fields.abstract!)).toBe(`Abstract of ${titles[i]!.replace(/\s+/g, ' ').trim()} with 5% & {braces}`);
    });
  });
  it('writes old-style ids and papers with no authors or categories', () => {
    const [entry] = readBibtex(toBibtex([paper({ arxivId: 'hep-th/9901001', authors: [], categories: [], title: 'Strings', publishedAt: '1999-01-04T00:00:00.000Z' })]));
    expect(entry!.key).toBe('anon1999strings');
    expect(entry!.fields.eprint).toBe('hep-th/9901001');
    expect(entry!.fields.author).toBeUndefined();
    expect(entry!.fields.primaryclass).toBeUndefined();
  });
});
