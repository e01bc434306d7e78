import type { Context } from 'hono';
import type { Deps } from '../deps';
import { FOR_YOU_RULES } from '../domain/for-you';
import { GRAVITY_SECONDS } from '../domain/trending';
import { Layout } from './layout';
import { sendPage } from './send-page';

/** How the lists are ranked, in words and formulas (the trending page links here). */
export function renderAboutPage(c: Context, deps: Deps): Promise<Response> {
  const gravityDays = GRAVITY_SECONDS / 86_400;
  const halfLifeHours = ((GRAVITY_SECONDS * Math.log10(2)) / 3600).toFixed(1);
  return sendPage(
    c,
    <Layout title="How Paperboy ranks papers" canonical={`${deps.config.siteUrl}/about`} section="about">
      <div class="prose">
        <h1>How Paperboy ranks papers</h1>
        <h2 id="daily">Daily, weekly and monthly lists</h2>
        <p>
          Each list holds the papers submitted to the community's daily list on those days, most upvoted first. A paper listed
          twice in one week or month appears once, on its first day. Ties go to the most recently submitted paper.
        </p>
        <h2 id="trending">Trending</h2>
        <p>Trending ranks every listed paper by a score stored with the paper:</p>
        <code class="formula">score = log10(max(upvotes, 1)) + (seconds since 1970 when first listed) / {GRAVITY_SECONDS}</code>
        <p>
          This orders papers exactly as <code>upvotes × 10^(−age / {gravityDays} days)</code> would: every {gravityDays} days of
          age cost a factor of ten in upvotes, so the weight of an upvote halves about every {halfLifeHours} hours. Because the
          age term is measured from a fixed date rather than from now, a paper's score changes only when its upvotes change, and
          the list needs no periodic recomputation.
        </p>
        <h2 id="search">Search</h2>
        <p>
          Keyword search looks at titles, abstracts and authors; a match in the title counts more than one in the abstract. Your
          words are matched as words (with stemming), never as query syntax.
        </p>
        <h2 id="for-you">For you</h2>
        <p>
          Logged-in readers get a feed of new papers (published or listed in the last {deps.config.forYouDays} days) like the
          ones they upvoted or saved to a collection. Each liked paper weighs {FOR_YOU_RULES.upvoteWeight} for an upvote and{' '}
          {FOR_YOU_RULES.collectionWeight} for a collection, halved for every {FOR_YOU_RULES.halfLifeDays} days since; similar likes are grouped into up to{' '}
          {FOR_YOU_RULES.maxInterests} interests, each gets a share of the feed by its weight, and papers too alike to one
          already shown are skipped. Each paper says which of your papers it is closest to. Private collections count for
          their owner only. “Not interested” on a paper leaves it out of your feed (and your digest) until you undo it. The
          same picks fill the “For you” part of the email digest.
        </p>
        <h2 id="api">API</h2>
        <p>
          The same data is available as JSON, compatible with Hugging Face's papers API: <a href="/api/daily_papers">/api/daily_papers</a>,{' '}
          <code>/api/papers/ID</code>, <code>/api/papers/search?q=…</code> and <code>/papers/ID.md</code>.
        </p>
      </div>
    </Layout>,
  );
}
