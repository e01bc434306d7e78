import { ArxivNotFoundError, ArxivUnavailableError } from '../arxiv/arxiv-errors';
import { canonicalId } from '../arxiv/parse-arxiv-feed';
import type { ArxivPaper } from '../arxiv/arxiv-client';
import type { Deps } from '../deps';
import type { Viewer } from '../domain/account';
import { parseArxivReference } from '../domain/arxiv-id';
import { ForbiddenError } from '../domain/forbidden-error';
import { InputError } from '../domain/input-error';
import { NotFoundError } from '../domain/not-found-error';
import { dateInTimeZone } from '../domain/period';
import { paperAgeDays, secondsUntilNextDay } from '../domain/submission-rules';
import type { Db } from '../storage/database';
import { listListingsOfPaper } from '../storage/repos/listings-repo';
import { findPaperByArxivId } from '../storage/repos/papers-repo';
import { countSubmissionsOn, insertSubmittedListing, lockSubmitter } from '../storage/repos/submissions-repo';
import type { ImportRecord } from './import/import-record';
import { parseRecord } from './import/parse-record';
import { refreshPaperCounters } from './import/refresh-paper-counters';
import { writePapers } from './import/write-papers';
import { RATE_RULES, takeRateLimit } from './rate-limit';
import { AlreadyListedError, ArxivDownError, DailyCapError } from './submit-paper-errors';

/** What a member sends: an arXiv id or an arxiv.org abs/pdf URL, any version, old or new style. */
export type SubmitPaperInput = { arxivId: unknown };

/** The listing the submission made. */
export type SubmittedPaper = {
  /** Normalised, without version. */
  arxivId: string;
  /** The day whose list the paper is now on (YYYY-MM-DD in TIMEZONE): today. */
  listedOn: string;
  /** Absolute URL of the paper's page. */
  paperUrl: string;
};

/**
 * Puts a paper on today's list as the viewer's submission. Refused, with a message for the
 * submitter: accounts not verified or banned (403), a malformed id (400), a paper already listed
 * on any day (409), older than SUBMIT_MAX_AGE_DAYS by its arXiv publication date (400), past
 * SUBMIT_DAILY_CAP today (429 until midnight) or the hourly submission rate (429), unknown to
 * arXiv (404), arXiv unreachable (503).
 *
 * A paper already stored (imported or submitted before) is taken as stored; arXiv is asked only
 * for new ones, before the transaction, so a slow arXiv never holds a database lock. The paper goes
 * in through the importer's own path (an arXiv papers record, written by writePapers), so its
 * content hash is the importer's and a later import of the same metadata finds it unchanged. The
 * paper, the listing and the counters are written in one transaction.
 */
export async function submitPaper(deps: Deps, viewer: Viewer, input: SubmitPaperInput): Promise<SubmittedPaper> {
  if (viewer.isBanned) throw new ForbiddenError('Your account is banned, so it cannot submit papers.');
  if (!viewer.isVerified) {
    throw new ForbiddenError('Confirm your email address before submitting papers: follow the link in the mail we sent you when you signed up.');
  }
  const arxivId = parseSubmittedId(input.arxivId);
  await takeRateLimit(deps, RATE_RULES.submissionsPerAccount, { key: String(viewer.id), accountCreatedAt: viewer.createdAt });

  const now = deps.now();
  const today = dateInTimeZone(now, deps.config.timeZone);
  const stored = await findPaperByArxivId(deps.db, arxivId);
  if (stored) {
    await refuseIfListed(deps.db, stored.id, arxivId);
    refuseIfOld(deps, arxivId, stored.publishedAt, today);
  }
  await refuseIfOverCap(deps, viewer, today, now);
  let record: ImportRecord | null = null;
  if (!stored) {
    const paper = await fetchFromArxiv(deps, arxivId);
    refuseIfOld(deps, arxivId, paper.publishedAt, today);
    record = toPapersRecord(paper);
  }

  const submittedAt = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...deps.db, kysely: trx };
    // Checked again under the lock: another submission may have landed while arXiv answered.
    await lockSubmitter(tx, viewer.id);
    await refuseIfOverCap({ ...deps, db: tx }, viewer, today, now);
    const paperId = stored ? stored.id : await writeArxivPaper(tx, record!, submittedAt);
    await refuseIfListed(tx, paperId, arxivId);
    if (!(await insertSubmittedListing(tx, { paperId, listedOn: today, submittedAt, submitterId: viewer.id }))) {
      throw new AlreadyListedError(arxivId, today);
    }
    await refreshPaperCounters(tx, [paperId], new Map());
  });
  return { arxivId, listedOn: today, paperUrl: `${deps.config.siteUrl}/papers/${arxivId}` };
}

function parseSubmittedId(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError('Give an arXiv id (e.g. 2401.01234 or hep-th/9901001) or an arxiv.org abs or pdf link.');
  }
  const parsed = parseArxivReference(value);
  if (!parsed.ok) throw new InputError(parsed.reason);
  // arXiv knows `math.GT/0309136` as `math/0309136`; store and look up the name it answers with.
  return canonicalId(parsed.id);
}

async function refuseIfListed(db: Db, paperId: number, arxivId: string): Promise<void> {
  const [first] = await listListingsOfPaper(db, paperId);
  if (first) throw new AlreadyListedError(arxivId, first.listedOn);
}

function refuseIfOld(deps: Deps, arxivId: string, publishedAt: string, today: string): void {
  const max = deps.config.submitMaxAgeDays;
  if (paperAgeDays(publishedAt, today) > max) {
    throw new InputError(`${arxivId} was published on ${publishedAt.slice(0, 10)}, more than ${max} days ago; only papers from the last ${max} days can be submitted.`);
  }
}

async function refuseIfOverCap(deps: Deps, viewer: Viewer, today: string, now: Date): Promise<void> {
  const cap = deps.config.submitDailyCap;
  if ((await countSubmissionsOn(deps.db, viewer.id, today)) >= cap) {
    throw new DailyCapError(cap, secondsUntilNextDay(now, deps.config.timeZone));
  }
}

async function fetchFromArxiv(deps: Deps, arxivId: string): Promise<ArxivPaper> {
  try {
    return await deps.arxiv.fetchPaper(arxivId);
  } catch (error) {
    if (error instanceof ArxivNotFoundError) throw new NotFoundError(error.message);
    if (error instanceof ArxivUnavailableError) {
      deps.log.warn(`submission of ${arxivId}: ${error.message} (${(error.cause as Error | undefined)?.message ?? 'no detail'})`);
      throw new ArxivDownError(error.message);
    }
    throw error;
  }
}

/** arXiv's metadata as a line of a papers file, validated and normalised by the importer's schema. */
function toPapersRecord(paper: ArxivPaper): ImportRecord {
  const line = {
    id: paper.arxivId,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    published: paper.publishedAt,
    categories: paper.categories,
  };
  const parsed = parseRecord('papers', line, `arXiv ${paper.arxivId}`, { fileDay: null });
  if (!parsed.ok) throw new InputError(`arXiv's record of ${paper.arxivId} cannot be stored: ${parsed.reason}`);
  return parsed.record;
}

async function writeArxivPaper(db: Db, record: ImportRecord, now: string): Promise<number> {
  const written = await writePapers(db, [record], now);
  const id = written.ids.get(record.paper!.fields.arxivId);
  if (id === undefined) throw new Error(`paper ${record.paper!.fields.arxivId} was not written`);
  return id;
}
