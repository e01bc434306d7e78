import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Deps } from '../../deps';
import { toViewer, type Viewer } from '../../domain/account';
import { findAccountById } from '../../storage/repos/accounts-repo';
import { createAccount } from '../../../test/accounts';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestApp } from '../../../test/deps';
import { dailyPeriod, insertSubscription, listPapers } from '../../../test/digests';
import { insertListing, insertPaper } from '../../../test/factories';
import { holdPaperInsert } from '../../../test/held-paper-insert';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../../test/smtp-sink';
import { composeDigest } from '../digests/compose-digest';
import { deliverOutbox } from '../digests/deliver-outbox';
import { ALERT_PAPERS_SHOWN } from './saved-search-alerts';
import { saveSearch } from './save-search';

const SECTION = 'New for your saved searches';

/**
 * Saved-search alerts end to end: searches saved by a member, papers arriving, digests composed
 * for the member's subscription and delivered through a real SMTP server, read back as a mail
 * client would (mailparser).
 */
describe.each(DIALECTS)('saved-search alerts in the digest (%s)', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let sink: SmtpSink;
  let me: Viewer;
  let subscription: Awaited<ReturnType<typeof insertSubscription>>;

  /** Composes and delivers one period's digest for `sub`; the mail as received. */
  async function digestOf(day: string, sub = subscription): Promise<ReceivedMail> {
    expect(await composeDigest(deps, { subscription: sub, period: dailyPeriod(day) })).toBe('composed');
    const before = sink.mails.length;
    expect((await deliverOutbox(deps, { runnerId: 'test' })).sent).toBe(1);
    return (await sink.waitFor(before + 1))[before]!;
  }

  const marks = async () =>
    (await deps.db.kysely.selectFrom('saved_searches').select(['id', 'alerted_through_id', 'alerted_at']).where('user_id', '=', me.id).orderBy('id').execute()).map((r) => ({ ...r, alerted_through_id: Number(r.alerted_through_id) }));

  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ app, deps } = await createTestApp(dialect, { SMTP_URL: sink.url, MAIL_FROM: 'Paperboy <papers@paperboy.test>' }));
    const account = await createAccount(deps);
    me = toViewer((await findAccountById(deps.db, account.id))!);
    subscription = await insertSubscription(deps.db, { email: account.email, userId: account.id });
    // Matches from before the searches were saved: never "new".
    await insertPaper(deps.db, { title: 'Graph transformers, known for years', categories: ['cs.LG'] });
    await saveSearch(deps, me, { q: 'graph transformers', name: 'Graphs <b>& co</b>' });
    await saveSearch(deps, me, { category: 'cs.CV', hasCode: '1' });
    await saveSearch(deps, me, { q: 'xylophone acoustics' });
  });
  afterAll(async () => {
    await sink.close();
    await deps.db.drop();
  });

  it('shows each saved search’s new papers once, in both parts, with a working link to the search', async () => {
    const graphs: string[] = [];
    for (let i = 1; i <= ALERT_PAPERS_SHOWN + 2; i += 1) {
      await insertPaper(deps.db, { title: `Graph transformers number ${i}`, categories: ['cs.LG'], publishedAt: `2026-08-${String(10 + i).padStart(2, '0')}T00:00:00.000Z` });
      graphs.unshift(`Graph transformers number ${i}`);
    }
    await insertPaper(deps.db, { title: 'Video diffusion with code', categories: ['cs.CV'], githubRepo: 'https://github.com/v/d' });
    await insertPaper(deps.db, { title: 'Video diffusion without code', categories: ['cs.CV'] });
    // The community's list of the day (the digest's main part).
    await listPapers(deps.db, '2026-08-21', 2);

    const mail = await digestOf('2026-08-21');
    const text = mail.parsed.text!;
    const html = mail.parsed.html as string;
    expect(text).toContain(`${SECTION}\n${'-'.repeat(SECTION.length)}`);
    expect(html).toContain(`>${SECTION}</h2>`);
    // The newest five of seven, newest first, and the count with a link to all of them.
    expect(text).toContain('Graphs <b>& co</b> (7 new papers)');
    const shown = graphs.slice(0, ALERT_PAPERS_SHOWN);
    for (const title of shown) expect(text).toContain(title);
    expect(text.indexOf(shown[0]!)).toBeLessThan(text.indexOf(shown[1]!));
    for (const title of graphs.slice(ALERT_PAPERS_SHOWN)) expect(text).not.toContain(title);
    expect(text).not.toContain('known for years');
    expect(text).toContain('… and 2 more: http://paperboy.test/search?q=graph+transformers&sort=newest');
    expect(html).toContain('Graphs &lt;b&gt;&amp; co&lt;/b&gt;</a></strong> · 7 new papers');
    expect(html).toContain('href="http://paperboy.test/search?q=graph+transformers&amp;sort=newest"');
    expect(html).toContain('See all 7 new papers');
    // The filter-only search, by its filters; the search without new papers is not shown at all.
    expect(text).toContain('in cs.CV, with code (1 new paper)');
    expect(text).toContain('Video diffusion with code');
    expect(text).not.toContain('Video diffusion without code');
    expect(text).not.toContain('xylophone');
    // Both parts carry the same links.
    const htmlLinks = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const textLinks = [...text.matchAll(/https?:\/\/[^\s>]+/g)].map((m) => m[0]);
    expect(new Set(htmlLinks)).toEqual(new Set(textLinks));
    // The section comes after the community's list.
    expect(text.indexOf(SECTION)).toBeGreaterThan(text.indexOf('Trending on Paperboy'));
    // The link to the search answers, newest first, with the new papers on top.
    const res = await app.request('/search?q=graph+transformers&sort=newest');
    expect(res.status).toBe(200);
    // (Matched words are marked on the page: look for the rest of the titles.)
    const page = await res.text();
    expect(page.indexOf(`number ${ALERT_PAPERS_SHOWN + 2}<`)).toBeGreaterThan(0);
    expect(page.indexOf(`number ${ALERT_PAPERS_SHOWN + 2}<`)).toBeLessThan(page.indexOf('known for years'));
  });

  it('composing the same period again changes nothing; the next digest shows only what arrived since', async () => {
    const afterFirst = await marks();
    expect(afterFirst.every((m) => m.alerted_at !== null)).toBe(true);
    await insertPaper(deps.db, { title: 'Graph transformers arriving late' });
    // The day's digest exists: composing it again is a no-op, and the marks stay where they were.
    expect(await composeDigest(deps, { subscription, period: dailyPeriod('2026-08-21') })).toBe('exists');
    expect(await marks()).toEqual(afterFirst);

    await listPapers(deps.db, '2026-08-22', 1);
    const next = (await digestOf('2026-08-22')).parsed.text!;
    expect(next).toContain('Graphs <b>& co</b> (1 new paper)');
    expect(next).toContain('Graph transformers arriving late');
    expect(next).not.toContain('Graph transformers number');
    expect(next).not.toContain('Video diffusion');

    // Nothing new since: no section at all.
    await listPapers(deps.db, '2026-08-23', 1);
    const quiet = (await digestOf('2026-08-23')).parsed;
    expect(quiet.text).not.toContain(SECTION);
    expect(quiet.html).not.toContain(SECTION);
  });

  it('gives a subscriber without an account, or without saved searches, no section', async () => {
    await insertPaper(deps.db, { title: 'Graph transformers for everyone' });
    await insertListing(deps.db, await insertPaper(deps.db, { title: 'Listed for the anonymous', upvotes: 3 }), '2026-08-24');
    const anonymous = await insertSubscription(deps.db, { email: 'reader@example.org' });
    expect((await digestOf('2026-08-24', anonymous)).parsed.text).not.toContain(SECTION);
    const plain = await createAccount(deps);
    const theirs = await insertSubscription(deps.db, { email: plain.email, userId: plain.id });
    expect((await digestOf('2026-08-24', theirs)).parsed.text).not.toContain(SECTION);
    // The member's own digest of that day still has it.
    expect((await digestOf('2026-08-24')).parsed.text).toContain('Graph transformers for everyone');
  });

  // PostgreSQL hands out ids at insert time, so imports can commit out of order (paper-arrivals.ts).
  it.runIf(dialect === 'postgres')('alerts a paper whose import commits after a later paper’s, instead of skipping it', async () => {
    const slow = await holdPaperInsert(deps.db, '2508.90001', 'Graph transformers from a slow import', 'Held open while the digest is composed.');
    try {
      await insertPaper(deps.db, { title: 'Graph transformers from a quick import' });
      await listPapers(deps.db, '2026-08-25', 1);
      const composing = digestOf('2026-08-25');
      await new Promise((r) => setTimeout(r, 300));
      await slow.commit();
      const text = (await composing).parsed.text!;
      expect(text).toContain('Graphs <b>& co</b> (2 new papers)');
      expect(text).toContain('Graph transformers from a quick import');
      expect(text).toContain('Graph transformers from a slow import');
    } finally {
      await slow.commit();
    }
  });
});
