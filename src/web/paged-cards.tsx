import type { Paper } from '../domain/paper';
import { plural } from './format';
import { Pager } from './pager';
import { PaperCard } from './paper-card';

export type PagedCardsProps = {
  papers: Paper[];
  /** Ids of the papers the viewer upvoted. */
  voted: Set<number>;
  page: number;
  /** The list's last page (the note past the end names it). */
  lastPage: number;
  /** The deepest page the pager links to. */
  maxPage: number;
  /** What the list is of, for "X has N papers" (a category, an author's name). */
  label: string;
  total: number;
  /** The list's first page, without `?p=`. */
  path: string;
};

/**
 * One page of paper cards with its pager, or, past the last page, a note saying how many pages
 * there are (category and author pages).
 */
export function PagedCards(props: PagedCardsProps) {
  const { papers, voted, page, lastPage, path } = props;
  return (
    <>
      {papers.length > 0 ? (
        <ol class="cards">
          {papers.map((p) => (
            <PaperCard paper={p} hasVoted={voted.has(p.id)} />
          ))}
        </ol>
      ) : (
        <div class="empty">
          <p>
            There is no page {page}: {props.label} has {plural(props.total, 'paper')} on {plural(lastPage, 'page')}.
          </p>
          <p>
            <a href={path}>Back to the first page</a>
          </p>
        </div>
      )}
      <Pager page={page} lastPage={Math.min(lastPage, props.maxPage)} hasNext={false} href={(p) => `${path}${p > 1 ? `?p=${p}` : ''}`} />
    </>
  );
}
