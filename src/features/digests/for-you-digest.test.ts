import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toViewer } from '../../domain/account';
import { findAccountById } from '../../storage/repos/accounts-repo';
import { createAccount } from '../../../test/accounts';
import { DIALECTS } from '../../../test/databases';
import { insertSubscription, listPapers } from '../../../test/digests';
import { createForYouFixture, type ForYouFixture } from '../../../test/for-you-fixture';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../../test/smtp-sink';
import { castVote } from '../cast-vote';
import { composeDigest, DIGEST_FOR_YOU } from './compose-digest';
import { deliverOutbox } from './deliver-outbox';

/** Week 33 of 2026: the fixture's recent papers were published on its days (10-16 August). */
const WEEK = { key: 'weekly:2026-W33', label: 'Week 33, 2026 (10–16 August)', from: '2026-08-10', to: '2026-08-16' };

/**
 * The digest's "For you" section end to end: a member's upvotes, a weekly digest composed for
 * the member's subscription and delivered through a real SMTP server, read back as a mail client
 * would (mailparser).
 */
describe.each(DIALECTS)('"For you" in the digest (%s)', (dialect) => {
  let f: ForYouFixture;
  let sink: SmtpSink;
  let trendingTitles: string[];

  async function digestFor(sub: Awaited<ReturnType<typeof insertSubscription>>): Promise<ReceivedMail> {
    expect(await composeDigest(f.deps, { subscription: sub, period: WEEK })).toBe('composed');
    const before = sink.mails.length;
    expect((await deliverOutbox(f.deps, { runnerId: 'test' })).sent).toBe(1);
    return (await sink.waitFor(before + 1))[before]!;
  }
  const titleOf = async (arxivId: string) => (await f.deps.db.kysely.selectFrom('papers').select('title').where('arxiv_id', '=', arxivId).executeTakeFirstOrThrow()).title;

  beforeAll(async () => {
    sink = await startSmtpSink();
    f = await createForYouFixture(dialect, { SMTP_URL: sink.url, MAIL_FROM: 'Paperboy <papers@paperboy.test>', DIGEST_TOP_N: '3' });
    // The community's list of the week: three papers listed on its Friday.
    const listed = await listPapers(f.deps.db, '2026-08-14', 3);
    trendingTitles = (await f.deps.db.kysely.selectFrom('papers').select('title').where('id', 'in', listed).execute()).map((r) => r.title);
  });
  afterAll(async () => {
    await sink.close();
    await f.drop();
  });

  it('fills the section with papers of the period like the ones the member upvoted, each saying which one', async () => {
    const account = await createAccount(f.deps);
    const viewer = toViewer((await findAccountById(f.deps.db, account.id))!);
    const liked = f.old('proteins').slice(0, 2);
    for (const id of liked) await castVote(f.deps, viewer, { arxivId: id, direction: 'up' });
    const mail = await digestFor(await insertSubscription(f.deps.db, { email: account.email, userId: account.id, cadence: 'weekly' }));
    const text = mail.parsed.text!;
    const html = mail.parsed.html as string;

    const section = text.slice(text.indexOf('For you\n-------'));
    expect(text.indexOf('For you\n-------')).toBeGreaterThan(text.indexOf('Trending on Paperboy'));
    const picks = [...section.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]!);
    expect(picks).toHaveLength(DIGEST_FOR_YOU);
    // Recent proteins papers published in the week: the liked topic, never a trending paper.
    const weekProteins = await Promise.all(f.recent('proteins').map(titleOf));
    for (const title of picks) expect(weekProteins).toContain(title);
    for (const title of trendingTitles) expect(section).not.toContain(title);
    // Each pick names a liked paper, with its page, in both parts.
    const likedTitles = await Promise.all(liked.map(titleOf));
    const reasons = [...section.matchAll(/^ {3}Because you liked: (.+) \((http:\/\/paperboy\.test\/papers\/[^)]+)\)$/gm)];
    expect(reasons).toHaveLength(DIGEST_FOR_YOU);
    for (const [, title, url] of reasons) {
      expect(likedTitles).toContain(title);
      expect(liked.map((id) => `http://paperboy.test/papers/${id}`)).toContain(url);
    }
    expect(html).toContain('>For you</h2>');
    expect((html.match(/Because you liked <a class="pb-link" href="http:\/\/paperboy\.test\/papers\/2604\.\d+"/g) ?? []).length).toBe(DIGEST_FOR_YOU);
  });

  it('has no section for a subscriber without an account or a member who liked nothing', async () => {
    const anonymous = await digestFor(await insertSubscription(f.deps.db, { userId: null, cadence: 'weekly' }));
    expect(anonymous.parsed.text).not.toContain('For you');
    expect(anonymous.parsed.html).not.toContain('For you');
    const account = await createAccount(f.deps);
    const member = await digestFor(await insertSubscription(f.deps.db, { email: account.email, userId: account.id, cadence: 'weekly' }));
    expect(member.parsed.text).toContain('Trending on Paperboy');
    expect(member.parsed.text).not.toContain('For you');
  });
});
