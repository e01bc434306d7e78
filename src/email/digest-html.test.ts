import { describe, expect, it } from 'vitest';
import type { Paper } from '../domain/paper';
import { renderDigestHtml } from './digest-html';
import { authorsLine, digestSubject, excerpt, type DigestModel } from './digest-model';
import { renderDigestText } from './digest-text';

function paper(over: Partial<Paper> = {}): Paper {
  return {
    id: 1,
    arxivId: '2608.01234',
    title: 'Attention is still all you need',
    abstract: 'We show that $\\mathcal{O}(n^2)$ attention is fine.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    publishedAt: '2026-08-20T00:00:00.000Z',
    isPublishedApprox: false,
    categories: ['cs.CL'],
    githubRepo: 'https://github.com/acme/attention',
    githubStars: null,
    projectPage: null,
    withdrawnAt: null,
    aiSummary: null,
    aiKeywords: null,
    upvotes: 42,
    numComments: 1,
    trendingScore: 1,
    firstListedAt: '2026-08-21T08:00:00.000Z',
    createdAt: '2026-08-21T08:00:00.000Z',
    ...over,
  };
}

function model(over: Partial<DigestModel> = {}): DigestModel {
  return {
    siteUrl: 'https://paperboy.test',
    periodLabel: 'Friday 21 August 2026',
    cadence: 'daily',
    trending: [paper()],
    forYou: [],
    recipient: 'ada@example.org',
    manageUrl: 'https://paperboy.test/subscriptions/manage/TOKEN',
    unsubscribeUrl: 'https://paperboy.test/unsubscribe/TOKEN',
    ...over,
  };
}

describe('digest templates', () => {
  it('show each paper with its links, counts, authors and opening, in both parts', () => {
    const m = model();
    const html = renderDigestHtml(m);
    const text = renderDigestText(m);
    for (const part of [html, text]) {
      expect(part).toContain('Trending on Paperboy — Friday 21 August 2026');
      expect(part).toContain('Attention is still all you need');
      expect(part).toContain('Ada Lovelace, Alan Turing');
      expect(part).toContain('42 upvotes');
      expect(part).toContain('1 comment');
      expect(part).toContain('https://paperboy.test/papers/2608.01234');
      expect(part).toContain('https://arxiv.org/abs/2608.01234');
      expect(part).toContain('https://github.com/acme/attention');
      expect(part).toContain('$\\mathcal{O}(n^2)$'); // LaTeX left as typed
      expect(part).toContain('You subscribed to the daily digest with ada@example.org.');
      expect(part).toContain('https://paperboy.test/subscriptions/manage/TOKEN');
      expect(part).toContain('https://paperboy.test/unsubscribe/TOKEN');
    }
    expect(digestSubject(m.periodLabel)).toBe('Trending papers — Friday 21 August 2026');
  });

  it('escapes every paper field and drops non-http code links', () => {
    const evil = paper({
      title: '<script>alert(1)</script> & "quotes"',
      authors: ['<img src=x onerror=alert(1)>'],
      abstract: '</p><iframe src="https://evil.test">',
      githubRepo: 'javascript:alert(1)',
    });
    const html = renderDigestHtml(model({ trending: [evil], recipient: 'a&b@example.org' }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<iframe');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('a&amp;b@example.org');
  });

  it('is a single 600px column of tables, dark-mode aware, with no image or remote resource at all', () => {
    const html = renderDigestHtml(model());
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark">');
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('max-width:600px');
    expect(html).toContain('<!--[if mso]><table role="presentation" width="600"');
    expect(html).not.toMatch(/<img|background-image|url\(|<link|<script/i);
    // Every link points at http(s); the only hosts are the site, arXiv and the code host.
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.every((h) => /^https:\/\/(paperboy\.test|arxiv\.org|github\.com)\//.test(h))).toBe(true);
  });

  it('renders the For you slot only when it has papers, each with the liked paper it follows from, escaped', () => {
    expect(renderDigestHtml(model())).not.toContain('For you');
    const because = { arxivId: 'hep-th/9901001', title: 'Strings <b>& branes</b>' };
    const withPicks = model({ forYou: [{ paper: paper({ arxivId: '2608.09999', title: 'Picked for you' }), because }] });
    const html = renderDigestHtml(withPicks);
    expect(html).toContain('For you');
    expect(html).toContain('Because you liked <a class="pb-link" href="https://paperboy.test/papers/hep-th/9901001" style="color:#0a58ca;">Strings &lt;b&gt;&amp; branes&lt;/b&gt;</a>');
    const text = renderDigestText(withPicks);
    expect(text).toContain('Picked for you');
    expect(text).toContain('   Because you liked: Strings <b>& branes</b> (https://paperboy.test/papers/hep-th/9901001)');
    // Trending entries carry no reason.
    expect(renderDigestHtml(model()).match(/Because you liked/g)).toBeNull();
  });

  it('cuts the abstract at a word near 240 characters and names three authors before et al.', () => {
    const long = 'word '.repeat(100);
    const cut = excerpt(long);
    expect(cut.length).toBeLessThanOrEqual(241);
    expect(cut.endsWith('word…')).toBe(true);
    expect(excerpt('Line one\nline\r\ntwo')).toBe('Line one line two');
    expect(authorsLine(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.');
    expect(authorsLine(['A', 'B'])).toBe('A, B');
  });
});
