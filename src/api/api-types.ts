/**
 * The JSON objects of Hugging Face's papers API, as its raw responses spell them
 * (../shared/data/hf-api-samples/). Names, nesting and types are the contract: clients written
 * for huggingface.co read these fields. Optional fields are present only when we have a value.
 */

/** A user as it appears in `paper.submittedOnDailyBy` and `authors[].user` (`user` = user name). */
export type ApiDailyUser = {
  _id: string;
  avatarUrl: string;
  isPro: boolean;
  fullname: string;
  /** The user name; huggingface_hub's `User` reads the name from this field. */
  user: string;
  type: 'user';
  name: string;
};

/** A user as it appears in a daily item's `submittedBy`. */
export type ApiSubmitter = {
  _id: string;
  avatarUrl: string;
  fullname: string;
  name: string;
  /** Not in the Hub's answers, but the Python client reads the user name from `user`. */
  user: string;
  type: 'user';
  isPro: boolean;
  isHf: boolean;
  isHfAdmin: boolean;
  isMod: boolean;
  followerCount: number;
};

export type ApiAuthor = {
  _id: string;
  name: string;
  hidden: boolean;
};

export type ApiPaper = {
  id: string;
  authors: ApiAuthor[];
  publishedAt: string;
  submittedOnDailyAt?: string;
  title: string;
  submittedOnDailyBy?: ApiDailyUser;
  summary: string;
  upvotes: number;
  discussionId: string;
  projectPage?: string;
  githubRepo?: string;
  ai_summary?: string;
  ai_keywords?: string[];
  githubStars?: number;
  withdrawnAt?: string;
};

export type ApiDailyItem = {
  paper: ApiPaper;
  publishedAt: string;
  title: string;
  summary: string;
  thumbnail: string;
  numComments: number;
  submittedBy?: ApiSubmitter;
  isAuthorParticipating: boolean;
};

export type ApiSpan = { type: 'text' | 'highlight'; text: string };

export type ApiSearchItem = ApiDailyItem & {
  /** Whether the caller upvoted the paper; reads are anonymous, so always false. */
  upvoted: boolean;
  highlightedTitle: ApiSpan[];
  highlightedSummary: ApiSpan[];
};

/** A comment (`field=comments`), with its latest revision. */
export type ApiComment = {
  id: string;
  createdAt: string;
  type: 'comment';
  author: ApiDailyUser;
  data: {
    edited: boolean;
    hidden: boolean;
    hiddenReason?: string;
    latest: { raw: string; html: string; updatedAt: string; author: ApiDailyUser };
    numEdits: number;
    editors: string[];
    reactions: unknown[];
    parentCommentId?: string;
  };
};

/** `GET /api/papers/:id`: the paper plus the Hub's linked repositories (always empty here). */
export type ApiPaperDetails = ApiPaper & {
  linkedModels: unknown[];
  numTotalModels: number;
  linkedDatasets: unknown[];
  numTotalDatasets: number;
  linkedSpaces: unknown[];
  numTotalSpaces: number;
  comments?: ApiComment[];
  submissionDeadline?: null;
};
