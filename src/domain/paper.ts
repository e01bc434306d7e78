/** A paper as the rest of the code sees it (storage rows are converted at the edge). */
export type Paper = PaperInput & {
  /** Internal surrogate key; never shown. */
  id: number;
  upvotes: number;
  numComments: number;
  trendingScore: number | null;
  firstListedAt: string | null;
  createdAt: string;
};

/** A community member. For now: the people who submitted papers to a daily list. */
export type User = {
  id: number;
  username: string;
  fullname: string;
  avatarUrl: string | null;
};

/** A paper's appearance on a day's list. */
export type Listing = {
  paper: Paper;
  /** YYYY-MM-DD, in the site's time zone. */
  listedOn: string;
  /** ISO instant the paper was put on the list. */
  submittedAt: string;
  submitter: User | null;
};

/** Sort orders of a list of listings. */
export type ListingSort = 'upvotes' | 'trending' | 'publishedAt';

/** The fields an import provides for a paper (everything except counters and bookkeeping). */
export type PaperInput = {
  arxivId: string;
  title: string;
  abstract: string | null;
  /** Author names, in the paper's order. */
  authors: string[];
  /** ISO instant; midnight UTC when only the day is known. */
  publishedAt: string;
  isPublishedApprox: boolean;
  /** arXiv categories, primary first. */
  categories: string[];
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  withdrawnAt: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
};

/** The paper's abstract page on arxiv.org. */
export function arxivAbsUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}

/** The paper's PDF on arxiv.org (latest version). */
export function arxivPdfUrl(arxivId: string): string {
  return `https://arxiv.org/pdf/${arxivId}`;
}
