import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { createApp } from '../app';
import type { Deps } from '../deps';
import { createAccount, getAs, postForm, type TestAccount } from '../../test/accounts';
import { readBibtex, untex } from '../../test/bibtex-reader';
import { readCsv } from '../../test/csv-reader';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';

const NOW = new Date('2026-08-22T12:00:00Z');

const TRICKY = [
  { arxivId: '2401.00001', title: 'Scaling $\\mathcal{O}(n \\log n)$ {GPT}-4 & Beyond', authors: ['Ashish Vaswani', 'Noam Shazeer'] },
  { arxivId: '2401.00002', title: '100% of #1, C_{n} and Q&A', authors: ['Ashish Vaswani'] },
  { arxivId: '2401.00003', title: 'Ünïcödé — 日本語, “quotes”, and "double" quotes', authors: ['Zoë Ångström', 'Ludwig van Beethoven'] },
  { arxivId: '2401.00004', title: 'Unbalanced } brace { here', authors: ['Ashish Vaswani', 'Alan Turing'] },
  { arxivId: '2401.00005', title: '=HYPERLINK("http://evil.example","click")', authors: ['-Minus Sign', '@At Sign'] },
  { arxivId: 'hep-th/9901001', title: 'Strings,\nwith a line break', authors: ['+Plus Person'] },
];

describe.each(DIALECTS)('collections on the web on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let owner: TestAccount;
  let other: TestAccount;
  let moderator: TestAccount;

  beforeAll(async () => {
    deps = await createTestDeps(dialect, NOW);
    app = createApp(deps);
    owner = await createAccount(deps);
    other = await createAccount(deps);
    moderator = await createAccount(deps, { role: 'admin' });
    for (const p of TRICKY) {
      const id = await insertPaper(deps.db, { ...p, publishedAt: p.arxivId.startsWith('hep') ? '1999-01-04T00:00:00.000Z' : '2024-01-02T00:00:00.000Z', abstract: `About ${p.title} with 5% & {x}` });
      await insertListing(deps.db, id, '2026-08-21');
    }
  });
  afterAll(async () => {
    await deps.db.drop();
  });

  const create = async (who: TestAccount, fields: Record<string, string>) => {
    const res = await postForm(app, deps, '/collections', who, fields);
    expect(res.status, await res.clone().text()).toBe(303);
    return res.headers.get('location')!;
  };
  const collect = (who: TestAccount, arxivId: string, fields: Record<string, string>) => postForm(app, deps, `/papers/${arxivId}/collect`, who, fields);
  const rows = async (slug: string) => {
    const col = await deps.db.kysely.selectFrom('collections').select('id').where('user_id', '=', owner.id).where('slug', '=', slug).executeTakeFirst();
    if (!col) return null;
    return (await deps.db.kysely.selectFrom('collection_papers').innerJoin('papers', 'papers.id', 'collection_papers.paper_id').select(['papers.arxiv_id', 'collection_papers.note']).where('collection_id', '=', col.id).orderBy('papers.arxiv_id').execute());
  };

  it('creates, edits and deletes a collection through forms', async () => {
    const location = await create(owner, { name: '  My Reading — List!  ', description: 'Papers to read', isPublic: 'on' });
    expect(location).toBe(`/users/${owner.username}/collections/my-reading-list`);
    const page = await getAs(app, deps, location, null);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('My Reading — List!');
    // Same name again: a new slug.
    expect(await create(owner, { name: 'My reading list' })).toBe(`/users/${owner.username}/collections/my-reading-list-2`);

    const edit = await postForm(app, deps, '/collections/my-reading-list-2/edit', owner, { name: 'Renamed', description: '' });
    expect(edit.status).toBe(303);
    expect(edit.headers.get('location')).toBe(`/users/${owner.username}/collections/my-reading-list-2`);
    const mine = await (await getAs(app, deps, '/collections', owner)).text();
    expect(mine).toContain('Renamed');
    expect(mine).toContain('private');

    expect((await postForm(app, deps, '/collections/my-reading-list-2/delete', owner)).headers.get('location')).toBe('/collections');
    expect(await rows('my-reading-list-2')).toBeNull();
    // Someone else cannot edit or delete it (it is not theirs: 404), and it stays.
    expect((await postForm(app, deps, '/collections/my-reading-list/delete', other)).status).toBe(404);
    expect((await postForm(app, deps, '/collections/my-reading-list/edit', other, { name: 'x' })).status).toBe(404);
    expect(await rows('my-reading-list')).toEqual([]);
  });

  it('shows the form again with the reason for a bad name, and refuses unverified accounts', async () => {
    const res = await postForm(app, deps, '/collections', owner, { name: 'x'.repeat(101) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('at most 100 characters');
    const unverified = await createAccount(deps, { verified: false });
    expect((await postForm(app, deps, '/collections', unverified, { name: 'Mine' })).status).toBe(403);
  });

  it('adds and removes papers idempotently, from a card form and the paper page', async () => {
    await create(owner, { name: 'Adds' });
    for (let i = 0; i < 2; i += 1) {
      const res = await collect(owner, '2401.00001', { collection: 'adds', next: '/papers/trending' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/papers/trending');
    }
    await collect(owner, 'hep-th/9901001', { collection: 'adds', note: 'old style' });
    expect(await rows('adds')).toEqual([
      { arxiv_id: '2401.00001', note: null },
      { arxiv_id: 'hep-th/9901001', note: 'old style' },
    ]);
    for (let i = 0; i < 2; i += 1) expect((await collect(owner, '2401.00001', { collection: 'adds', action: 'remove' })).status).toBe(303);
    expect(await rows('adds')).toEqual([{ arxiv_id: 'hep-th/9901001', note: 'old style' }]);
    // A new collection from the card's menu, with an unsafe `next`.
    const res = await collect(owner, '2401.00002', { newName: 'From a card', next: '//evil.example/' });
    expect(res.headers.get('location')).toBe('/papers/2401.00002');
    expect(await rows('from-a-card')).toEqual([{ arxiv_id: '2401.00002', note: null }]);
    // Another member cannot put papers in it: to them it does not exist.
    expect((await collect(other, '2401.00003', { collection: 'adds' })).status).toBe(404);
    expect((await collect(owner, '2401.99999', { collection: 'adds' })).status).toBe(404);
    expect((await collect(owner, 'not-an-id', { collection: 'adds' })).status).toBe(400);
  });

  it('offers every card a Save menu listing the viewer’s latest 20 collections, and nothing to anonymous readers', async () => {
    await create(owner, { name: 'Menu check' });
    const html = await (await getAs(app, deps, '/papers/date/2026-08-21', owner)).text();
    const menus = html.match(/<details class="collect">/g) ?? [];
    expect(menus.length).toBe(TRICKY.length);
    expect(html).toContain('<option value="menu-check">Menu check</option>');
    const anonymous = await (await getAs(app, deps, '/papers/date/2026-08-21', null)).text();
    expect(anonymous).not.toContain('class="collect"');
    // A member with many collections: each card lists the 20 latest and links to the paper page for all.
    const busy = await createAccount(deps);
    const at = NOW.toISOString();
    await deps.db.kysely.insertInto('collections').values(Array.from({ length: 30 }, (_, i) => ({ user_id: busy.id, slug: `b${i}`, name: `B${i}`, created_at: at, updated_at: at }))).execute();
    const busyHtml = await (await getAs(app, deps, '/papers/date/2026-08-21', busy)).text();
    expect((busyHtml.match(/<option value="b\d+">/g) ?? []).length).toBe(20 * TRICKY.length);
    expect(busyHtml).toContain('href="/papers/2401.00001#collections">All 30…</a>');
  });

  it('reads the viewer’s collections once for a page of cards', async () => {
    // Count the statements that read the collections table, through a Kysely plugin on the same database.
    let reads = 0;
    const counter: KyselyPlugin = {
      transformQuery(args) {
        const node = args.node as { kind: string; from?: { froms: Array<{ table?: { identifier?: { name?: string } } }> } };
        if (node.kind === 'SelectQueryNode' && node.from?.froms.some((f) => f.table?.identifier?.name === 'collections')) reads += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted = createApp({ ...deps, db: { ...deps.db, kysely: deps.db.kysely.withPlugin(counter) } });
    const res = await counted.request(`${deps.config.siteUrl}/papers/date/2026-08-21`, { headers: { cookie: owner.cookie } });
    expect((await res.text()).match(/<details class="collect">/g)?.length).toBe(TRICKY.length);
    expect(reads).toBe(1);
  });

  it('shows the paper page’s collections box and BibTeX link; /papers/:id.bib is one entry', async () => {
    await create(owner, { name: 'Paper page' });
    await collect(owner, '2401.00003', { collection: 'paper-page' });
    const html = await (await getAs(app, deps, '/papers/2401.00003', owner)).text();
    expect(html).toContain('href="/papers/2401.00003.bib"');
    expect(html).toMatch(/✓ Remove from<\/button>\s*<\/form> <a href="[^"]+\/collections\/paper-page">Paper page<\/a>/);
    const bib = await getAs(app, deps, '/papers/hep-th/9901001.bib', null);
    expect(bib.status).toBe(200);
    const [entry] = readBibtex(await bib.text());
    expect(entry!.fields.eprint).toBe('hep-th/9901001');
    expect(entry!.key).toBe('person1999strings');
    expect((await getAs(app, deps, '/papers/2401.99999.bib', null)).status).toBe(404);
  });

  it('keeps a private collection 404 to anyone but its owner: page, .bib, .csv and API', async () => {
    await create(owner, { name: 'Secret' });
    await collect(owner, '2401.00001', { collection: 'secret' });
    const base = `/users/${owner.username}/collections/secret`;
    for (const path of [base, `${base}.bib`, `${base}.csv`, `/api/collections/${owner.username}/secret`]) {
      for (const who of [null, other, moderator]) expect((await getAs(app, deps, path, who)).status, `${path} as ${who?.username ?? 'anonymous'}`).toBe(404);
      const mine = await getAs(app, deps, path, owner);
      expect(mine.status, path).toBe(200);
      expect(mine.headers.get('cache-control')).toContain('no-store');
    }
    // The 404 is the same as for a collection that does not exist.
    const missing = await getAs(app, deps, `/users/${owner.username}/collections/nothing-here`, other);
    expect(missing.status).toBe(404);
    // Not on the profile either.
    expect(await (await getAs(app, deps, `/users/${owner.username}`, other)).text()).not.toContain('Secret');
  });

  it('exports a public collection as BibTeX and CSV that read back intact', async () => {
    await create(owner, { name: 'Exports', isPublic: 'on' });
    for (const p of TRICKY) await collect(owner, p.arxivId, { collection: 'exports', note: p.arxivId === '2401.00002' ? '=1+2, "quoted"\nsecond line' : '' });
    const base = `/users/${owner.username}/collections/exports`;
    expect(await (await getAs(app, deps, `/users/${owner.username}`, null)).text()).toContain(`href="${base}"`);

    const bibRes = await getAs(app, deps, `${base}.bib`, null);
    expect(bibRes.headers.get('content-type')).toContain('application/x-bibtex');
    const entries = readBibtex(await bibRes.text());
    expect(entries).toHaveLength(TRICKY.length);
    expect(new Set(entries.map((e) => e.key)).size).toBe(TRICKY.length);
    for (const p of TRICKY) {
      const entry = entries.find((e) => e.fields.eprint === p.arxivId)!;
      expect(untex(entry.fields.title!.slice(1, -1))).toBe(p.title.replace(/\s+/g, ' '));
      expect(entry.fields.archiveprefix).toBe('arXiv');
      expect(entry.fields.url).toBe(`https://arxiv.org/abs/${p.arxivId}`);
    }
    expect(entries.filter((e) => e.key.startsWith('vaswani2024')).map((e) => e.key).sort()).toEqual(['vaswani2024100', 'vaswani2024scaling', 'vaswani2024unbalanced']);
    expect(entries.find((e) => e.fields.eprint === '2401.00003')!.fields.author).toBe('Ångström, Zoë and van Beethoven, Ludwig');

    const csvRes = await getAs(app, deps, `${base}.csv`, null);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    expect(csvRes.headers.get('content-disposition')).toBe(`attachment; filename="${owner.username}-exports.csv"`);
    const table = readCsv(await csvRes.text());
    expect(table[0]).toEqual(['arxiv_id', 'title', 'authors', 'published', 'url', 'added_at', 'note']);
    expect(table).toHaveLength(TRICKY.length + 1);
    const byId = new Map(table.slice(1).map((r) => [r[0], r]));
    expect(byId.get('2401.00003')![1]).toBe(TRICKY[2]!.title);
    expect(byId.get('2401.00003')![2]).toBe('Zoë Ångström; Ludwig van Beethoven');
    expect(byId.get('2401.00005')![1]).toBe(`'${TRICKY[4]!.title}`);
    expect(byId.get('2401.00005')![2]).toBe("'-Minus Sign; @At Sign");
    expect(byId.get('hep-th/9901001')![2]).toBe("'+Plus Person");
    expect(byId.get('hep-th/9901001')![3]).toBe('1999-01-04');
    expect(byId.get('2401.00002')![6]).toBe(`'=1+2, "quoted"\nsecond line`);
    expect(byId.get('2401.00001')![5]).toBe(NOW.toISOString());
  });
});
