import type { Listing, Paper, User } from '../domain/paper';
import type { ApiDailyItem, ApiDailyUser, ApiPaper, ApiPaperDetails, ApiSearchItem, ApiSpan, ApiSubmitter } from './api-types';
import { hubId } from './hub-id';

/** What the mapping needs from the server: where it lives, for thumbnails and avatars. */
export type SerializeContext = { siteUrl: string };

/** The listing a paper is shown with: when it went on a daily list and who put it there. */
export type ListingContext = { submittedAt: string; submitter: User | null };

/**
 * An instant as the Hub writes it: ISO-8601 with milliseconds and `Z`. Stored days (`YYYY-MM-DD`)
 * become midnight UTC. A value that is not a date at all is passed through rather than turned
 * into a crash: it stays a string, and the contract tests catch it.
 */
export function isoTime(value: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
  const t = Date.parse(text);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

/**
 * Avatar of a user. The importer keeps the Hub's own avatar URLs; the Hub writes some as paths
 * relative to huggingface.co, which only resolve there. Users without one get a stable URL on
 * this site (`/avatars/NAME.svg`), which the web side may serve later.
 */
export function avatarUrl(user: User, ctx: SerializeContext): string {
  if (user.avatarUrl && /^https?:\/\//.test(user.avatarUrl)) return user.avatarUrl;
  if (user.avatarUrl && user.avatarUrl.startsWith('/')) return `https://huggingface.co${user.avatarUrl}`;
  return `${ctx.siteUrl}/avatars/${encodeURIComponent(user.username)}.svg`;
}

/** The user shape of `submittedOnDailyBy` and `authors[].user`. */
export function toDailyUser(user: User, ctx: SerializeContext): ApiDailyUser {
  return {
    _id: hubId('user', user.username),
    avatarUrl: avatarUrl(user, ctx),
    isPro: false,
    fullname: user.fullname || user.username,
    user: user.username,
    type: 'user',
    name: user.username,
  };
}

/** The user shape of a daily item's `submittedBy`: no Hub roles, no followers here. */
export function toSubmitter(user: User, ctx: SerializeContext): ApiSubmitter {
  return {
    _id: hubId('user', user.username),
    avatarUrl: avatarUrl(user, ctx),
    fullname: user.fullname || user.username,
    name: user.username,
    user: user.username,
    type: 'user',
    isPro: false,
    isHf: false,
    isHfAdmin: false,
    isMod: false,
    followerCount: 0,
  };
}

/** The thumbnail URL of a paper on this site (stable even before thumbnails are rendered). */
export function thumbnailUrl(arxivId: string, ctx: SerializeContext): string {
  return `${ctx.siteUrl}/papers/${arxivId}/thumbnail.png`;
}

/**
 * The paper object. `listing`, when given, fills `submittedOnDailyAt` and `submittedOnDailyBy`;
 * without it, the first listing time alone is known (`firstListedAt`). Key order follows the
 * Hub's, so a diff against a real response reads naturally.
 */
export function toApiPaper(paper: Paper, ctx: SerializeContext, listing?: ListingContext | null): ApiPaper {
  const submittedAt = listing?.submittedAt ?? paper.firstListedAt;
  return {
    id: paper.arxivId,
    authors: paper.authors.map((name, i) => ({ _id: hubId('author', `${paper.arxivId}#${i}`), name, hidden: false })),
    publishedAt: isoTime(paper.publishedAt),
    ...(submittedAt ? { submittedOnDailyAt: isoTime(submittedAt) } : {}),
    title: paper.title,
    ...(listing?.submitter ? { submittedOnDailyBy: toDailyUser(listing.submitter, ctx) } : {}),
    summary: paper.abstract ?? '',
    upvotes: paper.upvotes,
    discussionId: hubId('discussion', paper.arxivId),
    ...(paper.projectPage ? { projectPage: paper.projectPage } : {}),
    ...(paper.githubRepo ? { githubRepo: paper.githubRepo } : {}),
    ...(paper.aiSummary ? { ai_summary: paper.aiSummary } : {}),
    ...(paper.aiKeywords && paper.aiKeywords.length > 0 ? { ai_keywords: paper.aiKeywords } : {}),
    // Stars describe the repository, so they are shown only next to one.
    ...(paper.githubStars !== null && paper.githubRepo ? { githubStars: paper.githubStars } : {}),
    ...(paper.withdrawnAt ? { withdrawnAt: isoTime(paper.withdrawnAt) } : {}),
  };
}

/**
 * A daily-list item. The item-level `publishedAt` is the paper's publication time: the Hub
 * currently sends that instant shifted by its server's UTC offset (−4 h in the samples), a bug we
 * do not copy. `title` is the paper title with arXiv's line breaks collapsed, as the Hub does.
 */
export function toDailyItem(listing: Listing, ctx: SerializeContext): ApiDailyItem {
  return toItem(listing.paper, ctx, listing);
}

function toItem(paper: Paper, ctx: SerializeContext, listing: ListingContext | null): ApiDailyItem {
  const apiPaper = toApiPaper(paper, ctx, listing);
  return {
    paper: apiPaper,
    publishedAt: apiPaper.publishedAt,
    title: collapseSpaces(paper.title),
    summary: apiPaper.summary,
    thumbnail: thumbnailUrl(paper.arxivId, ctx),
    numComments: paper.numComments,
    ...(listing?.submitter ? { submittedBy: toSubmitter(listing.submitter, ctx) } : {}),
    // Authors cannot claim papers here yet, so no author takes part in a discussion as author.
    isAuthorParticipating: false,
  };
}

/** A search result: a daily-item-shaped object plus the highlighted title and abstract. */
export function toSearchItem(
  result: { paper: Paper; titleSpans: ApiSpan[]; abstractSpans: ApiSpan[]; listing: ListingContext | null },
  ctx: SerializeContext,
): ApiSearchItem {
  const item = toItem(result.paper, ctx, result.listing);
  const { isAuthorParticipating, submittedBy, ...rest } = item;
  return {
    ...rest,
    ...(submittedBy ? { submittedBy } : {}),
    upvoted: false,
    isAuthorParticipating,
    highlightedTitle: collapseSpans(result.titleSpans),
    highlightedSummary: result.abstractSpans.map((s) => ({ type: s.type, text: s.text })),
  };
}

/**
 * `GET /api/papers/:id`: the paper (with its first listing) and the Hub-only links, empty.
 * `comments` and `submissionDeadline` are added only when the caller asks (`field=`).
 */
export function toPaperDetails(
  paper: Paper,
  firstListing: ListingContext | null,
  ctx: SerializeContext,
  extra: { comments?: ApiPaperDetails['comments']; submissionDeadline?: boolean } = {},
): ApiPaperDetails {
  return {
    ...toApiPaper(paper, ctx, firstListing),
    linkedModels: [],
    numTotalModels: 0,
    linkedDatasets: [],
    numTotalDatasets: 0,
    linkedSpaces: [],
    numTotalSpaces: 0,
    ...(extra.comments ? { comments: extra.comments } : {}),
    // The Hub's deadline for putting a paper on the daily list; this server has no such window.
    ...(extra.submissionDeadline ? { submissionDeadline: null } : {}),
  };
}

function collapseSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The title's spans with line breaks collapsed like the item's `title`, so that joining the
 * spans gives the title shown (the Hub's highlightedTitle does the same).
 */
function collapseSpans(spans: ApiSpan[]): ApiSpan[] {
  const out = spans.map((s) => ({ type: s.type, text: s.text.replace(/\s+/g, ' ') }));
  if (out[0]) out[0].text = out[0].text.trimStart();
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  return out.filter((s) => s.text !== '');
}
