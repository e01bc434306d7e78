import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper, insertUser } from '../../test/factories';

describe.each(DIALECTS)('paper page on %s', (dialect) => {
  let app: App;
  let db: TestDb;
  beforeAll(async () => {
    ({ app, db } = await createTestApp(dialect));
    const ak = await insertUser(db, { username: 'akhaliq', fullname: 'AK' });
    const id = await insertPaper(db, {
      arxivId: '2510.24668',
      title: 'Scaling <script>alert(1)</script> laws for $\\alpha$-divergences',
      abstract: 'We show a bound of $O(n\\log n)$ and $$\\sum_{i=1}^n x_i$$ holds.\n\nA second <img src=x onerror=alert(1)> paragraph, $\\href{javascript:alert(2)}{click}$.',
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
      publishedAt: '2025-10-27T00:00:00.000Z',
      categories: ['cs.LG', 'stat.ML'],
      githubRepo: 'https://github.com/acme/scaling',
      projectPage: 'https://acme.example/scaling',
      upvotes: 1234,
    });
    await insertListing(db, id, '2025-10-28', { submitterId: ak });
    await insertPaper(db, { arxivId: 'hep-th/9901001', title: 'Old-style strings', abstract: null, projectPage: 'javascript:alert(3)' });
  });
  afterAll(() => db.drop());

  it('shows title, all authors, abstract, dates, submitter, upvotes and links', async () => {
    const res = await app.request('/papers/2510.24668');
    expect(res.status).toBe(200);
    const html = await res.text();
    // Every author, each linked to their page.
    const names = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'];
    expect(html).toContain(names.map((n) => `<a href="/authors/${encodeURIComponent(n)}">${n}</a>`).join(', '));
    expect(html).toContain('<a href="https://arxiv.org/abs/2510.24668">');
    expect(html).toContain('<a href="https://arxiv.org/pdf/2510.24668">');
    expect(html).toContain('<a href="https://github.com/acme/scaling">');
    expect(html).toContain('<a href="https://acme.example/scaling">Project page</a>');
    expect(html).toContain('1,234');
    expect(html).toContain('27 Oct 2025');
    expect(html).toContain('<a href="/papers/date/2025-10-28">28 Oct 2025</a>');
    expect(html).toContain('AK (akhaliq)');
    expect(html).toContain('<a class="tag" href="/categories/stat.ML">stat.ML</a>');
    expect(html).toContain('<link rel="canonical" href="http://paperboy.test/papers/2510.24668"/>');
  });

  it('renders the LaTeX of title and abstract and escapes everything else', async () => {
    const html = await (await app.request('/papers/2510.24668')).text();
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toMatch(/\/static\/katex\/[\d.]+\/katex\.min\.css/);
    expect(html).not.toMatch(/<script|<img|javascript:alert\(2\)"|href="javascript/i);
    expect(html).toContain('Scaling &lt;script&gt;alert(1)&lt;/script&gt; laws');
    expect(html).toContain('A second &lt;img src=x onerror=alert(1)&gt; paragraph');
    // Two paragraphs, as in the abstract.
    expect(html.match(/<section class="abstract">.*<\/section>/s)![0].match(/<p>/g)).toHaveLength(2);
  });

  it('supports old-style ids with a slash', async () => {
    const res = await app.request('/papers/hep-th/9901001');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Old-style strings');
    expect(html).toContain('No abstract available.');
    expect(html).toContain('href="https://arxiv.org/abs/hep-th/9901001"');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('katex.min.css');
  });

  it('redirects versioned ids to the plain one', async () => {
    const res = await app.request('/papers/2510.24668v3');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/papers/2510.24668');
  });

  it('drops a trailing slash from paper and list URLs', async () => {
    for (const [from, to] of [
      ['/papers/2510.24668/', '/papers/2510.24668'],
      ['/papers/trending/?p=2', '/papers/trending?p=2'],
      ['/papers/date/2025-10-28/', '/papers/date/2025-10-28'],
    ]) {
      const res = await app.request(from!);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(to);
    }
  });

  it('answers an unknown id with a 404 page', async () => {
    const res = await app.request('/papers/2510.99999');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Not found');
    expect(html).toContain('There is no paper 2510.99999 on this site.');
    expect(html).toContain('href="https://arxiv.org/abs/2510.99999"');
  });

  it.each(['/papers/not-an-id', '/papers/2510.2466', '/papers/2513.24668', '/papers/%3Cscript%3E', '/papers/hep-th/99010'])(
    'answers the malformed %s with a 400 page',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Bad request');
      expect(html).not.toContain('<script>');
    },
  );
});
