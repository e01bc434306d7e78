import { describe, expect, it } from 'vitest';
import { detectFormat, parseRecord } from './parse-record';

const paper = {
  id: '2401.01234v2',
  title: ' A  Title\n  Wrapped ',
  abstract: 'Line one\nline two.',
  authors: ['A', ' ', 'B  C'],
  published: '2024-01-02',
  categories: ['cs.CL', 'cs.CL', 'cs.LG'],
  github: 'https://github.com/\nx/y',
  published_approx: false,
};
const parse = (format: Parameters<typeof parseRecord>[0], value: unknown, fileDay: string | null = null) =>
  parseRecord(format, value, 'f.jsonl:7', { fileDay });
const reason = (format: Parameters<typeof parseRecord>[0], value: unknown) => {
  const r = parse(format, value);
  return r.ok ? 'ok' : r.reason;
};

describe('detectFormat', () => {
  it('tells the three shapes apart from their fields', () => {
    expect(detectFormat(paper)).toBe('papers');
    expect(detectFormat({ date: '2024-01-01', id: '2401.01234', upvotes: 1 })).toBe('daily');
    expect(detectFormat({ paper: { id: '2401.01234' }, numComments: 0 })).toBe('hf-items');
    for (const other of [null, 1, 'x', [], { foo: 1 }, { id: '2401.01234' }]) expect(detectFormat(other)).toBeNull();
  });
});

describe('parseRecord', () => {
  it('normalises a papers record: id version, whitespace, duplicates, wrapped URL, day to instant', () => {
    const r = parse('papers', paper);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.paper).toEqual({
      source: 'arxiv',
      fields: {
        arxivId: '2401.01234',
        title: 'A Title Wrapped',
        abstract: 'Line one line two.',
        authors: ['A', 'B C'],
        publishedAt: '2024-01-02T00:00:00.000Z',
        isPublishedApprox: false,
        categories: ['cs.CL', 'cs.LG'],
        githubRepo: 'https://github.com/x/y',
        githubStars: null,
        projectPage: null,
        withdrawnAt: null,
        aiSummary: null,
        aiKeywords: null,
      },
    });
    expect(r.record.listing).toBeNull();
  });

  it('accepts old-style ids', () => {
    const r = parse('papers', { ...paper, id: 'hep-th/9901001v3' });
    expect(r.ok && r.record.paper?.fields.arxivId).toBe('hep-th/9901001');
  });

  it('refuses bad records with a reason naming the field', () => {
    expect(reason('papers', { ...paper, id: '2413.01234' })).toMatch(/^id: .*month 13/);
    expect(reason('papers', { ...paper, id: 42 })).toMatch(/^id: expected string/);
    expect(reason('papers', { ...paper, title: undefined })).toBe('missing title');
    expect(reason('papers', { ...paper, title: ' \n ' })).toBe('title: is empty');
    expect(reason('papers', { ...paper, published: '2024-02-30' })).toMatch(/^published: .*not a date/);
    expect(reason('papers', { ...paper, authors: 'A, B' })).toMatch(/^authors: expected array/);
    expect(reason('daily', { date: '2024-13-01', id: '2401.01234' })).toMatch(/^date: /);
    expect(reason('daily', { date: '2024-01-01', id: '2401.01234', upvotes: -1 })).toMatch(/^upvotes: /);
    expect(reason('daily', { date: '2024-01-01', id: '2401.01234', submittedBy: 'a b' })).toMatch(/^submittedBy: is not a user name/);
    expect(reason('hf-items', { paper: { id: '2401.01234', publishedAt: '2024-01-01T00:00:00Z' } })).toBe('missing paper.title');
    expect(reason('papers', 'a string')).toBe('not a JSON object');
  });

  it('strips control characters PostgreSQL would refuse', () => {
    const r = parse('papers', { ...paper, title: 'Nul\u0000byte', authors: ['A\u0001B'] });
    expect(r.ok && r.record.paper?.fields).toMatchObject({ title: 'Nul byte', authors: ['A B'] });
  });

  it('turns a daily row into a listing of the normalised id', () => {
    const r = parse('daily', { date: '2024-01-03', id: '2401.01234v1', upvotes: 12, comments: null, submittedBy: 'akhaliq', sources: [] });
    expect(r.ok && r.record.listing).toEqual({
      arxivId: '2401.01234',
      listedOn: '2024-01-03',
      submittedAt: null,
      submitter: { username: 'akhaliq', fullname: null, avatarUrl: null },
      upvotes: 12,
      comments: null,
    });
  });

  it('reads an HF daily item as a paper plus a listing on the UTC day it was submitted', () => {
    const item = {
      paper: {
        id: '2510.24668',
        title: 'T',
        summary: 'S',
        authors: [{ name: 'A', hidden: false }, { name: 'H', hidden: true }],
        publishedAt: '2025-10-28T17:35:54.000Z',
        submittedOnDailyAt: '2025-10-29T01:58:28.190Z',
        submittedOnDailyBy: { user: 'didi', fullname: 'Jiayi', avatarUrl: '/avatars/x.svg' },
        upvotes: 53,
        githubStars: 8,
      },
      numComments: 1,
    };
    const r = parse('hf-items', item);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.paper).toEqual({
      source: 'hf',
      fields: {
        arxivId: '2510.24668',
        title: 'T',
        abstract: 'S',
        authors: ['A'],
        publishedAt: '2025-10-28T17:35:54.000Z',
        isPublishedApprox: false,
        categories: [],
        githubRepo: null,
        githubStars: 8,
        projectPage: null,
        withdrawnAt: null,
        aiSummary: null,
        aiKeywords: null,
      },
    });
    expect(r.record.paperCounts).toEqual({ upvotes: 53, comments: 1 });
    expect(r.record.listing).toEqual({
      arxivId: '2510.24668',
      listedOn: '2025-10-29',
      submittedAt: '2025-10-29T01:58:28.190Z',
      submitter: { username: 'didi', fullname: 'Jiayi', avatarUrl: 'https://huggingface.co/avatars/x.svg' },
      upvotes: 53,
      comments: 1,
    });
  });

  it('dates an old HF item by the file name, and lists no search result', () => {
    const item = { paper: { id: '2405.15738', title: 'T', publishedAt: '2024-05-24T17:34:15.000Z', upvotes: 32 }, numComments: 3 };
    const dated = parse('hf-items', item, '2024-05-27');
    expect(dated.ok && dated.record.listing?.listedOn).toBe('2024-05-27');
    const undated = parse('hf-items', item);
    expect(undated.ok && undated.record.hasUndatedListing).toBe(true);
    const search = parse('hf-items', { ...item, highlightedTitle: [] }, '2024-05-27');
    expect(search.ok && search.record.listing).toBeNull();
    expect(search.ok && search.record.hasUndatedListing).toBe(false);
  });
});
