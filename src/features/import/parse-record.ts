import { z } from 'zod';
import type { ImportFormat, ImportRecord, SubmitterInput } from './import-record';
import {
  abstractField,
  arxivIdField,
  countField,
  dayField,
  instantField,
  namesField,
  collapseWhitespace,
  titleField,
  toUrl,
  urlField,
  usernameField,
} from './record-fields';

/** A line of `papers*.jsonl`: arXiv metadata, the source that owns those fields. */
const papersRecord = z.object({
  id: arxivIdField,
  title: titleField,
  abstract: abstractField,
  authors: namesField,
  published: instantField,
  categories: namesField,
  github: urlField,
  published_approx: z.boolean().nullish(),
});

/** A line of `daily.jsonl`: one paper on one day's list. */
const dailyRow = z.object({
  date: dayField,
  id: arxivIdField,
  upvotes: countField,
  comments: countField,
  submittedBy: usernameField.nullish(),
});

const hfUser = z.object({
  user: usernameField.optional(),
  name: usernameField.optional(),
  fullname: z.string().max(200).nullish().transform((v) => (v == null ? null : collapseWhitespace(v) || null)),
  // HF answers a site-relative path for default avatars; stored absolute.
  avatarUrl: z
    .string()
    .nullish()
    .transform((v) => toUrl(v?.startsWith('/') ? `https://huggingface.co${v}` : (v ?? null))),
});

/** An item of a raw `/api/daily_papers` or `/api/papers/search` response. */
const hfItem = z.object({
  paper: z.object({
    id: arxivIdField,
    title: titleField,
    summary: abstractField,
    authors: z
      .array(z.object({ name: z.string(), hidden: z.boolean().nullish() }))
      .nullish()
      .transform((list) => (list ?? []).filter((a) => a.hidden !== true).map((a) => a.name)),
    publishedAt: instantField,
    submittedOnDailyAt: instantField.nullish(),
    submittedOnDailyBy: hfUser.nullish(),
    upvotes: countField,
    projectPage: urlField,
    githubRepo: urlField,
    githubStars: countField,
    withdrawnAt: instantField.nullish(),
    ai_summary: abstractField,
    ai_keywords: namesField,
  }),
  numComments: countField,
  submittedBy: hfUser.nullish(),
  highlightedTitle: z.unknown().optional(),
});

/**
 * Which format a parsed JSON value looks like, from its fields alone: an HF item has a `paper`
 * object, a daily row a `date` and an `id` but no title, a papers record an `id` and a `title`.
 */
export function detectFormat(value: unknown): ImportFormat | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.paper === 'object' && v.paper !== null) return 'hf-items';
  if ('date' in v && 'id' in v && !('title' in v)) return 'daily';
  if ('id' in v && 'title' in v) return 'papers';
  return null;
}

/** Context a record needs beyond itself. */
export type ParseContext = {
  /** The list day an HF daily response is for, when its items do not say (old API answers). */
  fileDay: string | null;
};

export type ParseResult = { ok: true; record: ImportRecord } | { ok: false; reason: string };

/** Validates one JSON value as a record of `format` and converts it; `ref` is its location. */
export function parseRecord(format: ImportFormat, value: unknown, ref: string, context: ParseContext): ParseResult {
  if (format === 'papers') return validate(papersRecord, value, (p) => fromPapersRecord(p, ref));
  if (format === 'daily') return validate(dailyRow, value, (d) => fromDailyRow(d, ref));
  return validate(hfItem, value, (item) => fromHfItem(item, ref, context));
}

function validate<S extends z.ZodType>(schema: S, value: unknown, convert: (data: z.output<S>) => ImportRecord): ParseResult {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, record: convert(r.data) } : { ok: false, reason: describe(r.error) };
}

function fromPapersRecord(p: z.output<typeof papersRecord>, ref: string): ImportRecord {
  return {
    ref,
    paper: {
      source: 'arxiv',
      fields: {
        arxivId: p.id,
        title: p.title,
        abstract: p.abstract,
        authors: p.authors,
        publishedAt: p.published,
        isPublishedApprox: p.published_approx === true,
        categories: dedupe(p.categories),
        githubRepo: p.github,
        // Only HF items give these.
        githubStars: null,
        projectPage: null,
        withdrawnAt: null,
        aiSummary: null,
        aiKeywords: null,
      },
    },
    paperCounts: null,
    listing: null,
  };
}

function fromDailyRow(d: z.output<typeof dailyRow>, ref: string): ImportRecord {
  return {
    ref,
    paper: null,
    paperCounts: null,
    listing: {
      arxivId: d.id,
      listedOn: d.date,
      submittedAt: null,
      submitter: d.submittedBy ? { username: d.submittedBy, fullname: null, avatarUrl: null } : null,
      upvotes: d.upvotes,
      comments: d.comments,
    },
  };
}

function fromHfItem(item: z.output<typeof hfItem>, ref: string, context: ParseContext): ImportRecord {
  const p = item.paper;
  // A search result is a paper, not a listing; a daily item is on the list of the UTC day HF
  // filed it under (`submittedOnDailyAt`), or of the day the response was fetched for.
  const isSearchResult = item.highlightedTitle !== undefined;
  const listedOn = isSearchResult ? null : (p.submittedOnDailyAt?.slice(0, 10) ?? context.fileDay);
  return {
    ref,
    paper: {
      source: 'hf',
      fields: {
        arxivId: p.id,
        title: p.title,
        abstract: p.summary,
        authors: p.authors,
        publishedAt: p.publishedAt,
        isPublishedApprox: false,
        categories: [],
        githubRepo: p.githubRepo,
        githubStars: p.githubStars,
        projectPage: p.projectPage,
        withdrawnAt: p.withdrawnAt ?? null,
        aiSummary: p.ai_summary,
        aiKeywords: p.ai_keywords.length > 0 ? p.ai_keywords : null,
      },
    },
    paperCounts: { upvotes: p.upvotes, comments: item.numComments },
    hasUndatedListing: listedOn === null && !isSearchResult,
    listing:
      listedOn === null
        ? null
        : {
            arxivId: p.id,
            listedOn,
            submittedAt: p.submittedOnDailyAt ?? null,
            submitter: toSubmitter(p.submittedOnDailyBy ?? item.submittedBy ?? null),
            upvotes: p.upvotes,
            comments: item.numComments,
          },
  };
}

function toSubmitter(user: z.infer<typeof hfUser> | null): SubmitterInput | null {
  const username = user?.user ?? user?.name;
  if (!user || !username) return null;
  return { username, fullname: user.fullname, avatarUrl: user.avatarUrl };
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

/** One short reason from a zod error: the first problem, with the field it is about. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const field = issue.path.join('.');
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `missing ${field}`;
  if (issue.code === 'invalid_type' && issue.path.length === 0) return 'not a JSON object';
  const message = issue.message.replace(/^Invalid input: /, '');
  return field ? `${field}: ${message}` : message;
}
