import type { Child } from 'hono/jsx';
import type { Paper, User } from '../domain/paper';
import { authorPath, categoryPath } from './browse-paths';
import { formatDay, paperPath, periodPath, repoLabel, safeUrl } from './format';
import { CollectMenu } from './collect-menu';
import { CommentCountLink } from './discussion';
import { renderLatex } from './render-latex';
import { VoteButton } from './vote-button';

const SHOWN_AUTHORS = 3;

/** Author names, each linked to the author's page, comma-separated. */
export function AuthorLinks(props: { authors: string[] }) {
  return (
    <>
      {props.authors.map((name, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={authorPath(name)}>{name}</a>
        </>
      ))}
    </>
  );
}

/** `A, B, C … 12 authors` (all names when there are few). */
function AuthorsLine(props: { authors: string[] }) {
  const { authors } = props;
  if (authors.length === 0) return null;
  if (authors.length <= SHOWN_AUTHORS + 1) {
    return (
      <p class="authors">
        <AuthorLinks authors={authors} />
      </p>
    );
  }
  return (
    <p class="authors">
      <AuthorLinks authors={authors.slice(0, SHOWN_AUTHORS)} /> … <span class="more">{authors.length} authors</span>
    </p>
  );
}

/** A title with its LaTeX rendered (see titlesHaveMath for the stylesheet). */
function TitleHtml(props: { title: string }) {
  const { html } = renderLatex(props.title);
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}

/** True when any of these titles contains math that KaTeX rendered. */
export function titlesHaveMath(papers: Paper[]): boolean {
  return papers.some((p) => renderLatex(p.title).hasMath);
}

/** The facts every card ends with: the code link (when there is one) and the first categories. */
function CodeAndTags(props: { paper: Paper }) {
  const code = safeUrl(props.paper.githubRepo);
  return (
    <>
      {code ? <a href={code}>Code: {repoLabel(code)}</a> : null}
      {props.paper.categories.length > 0 ? (
        <span>
          {props.paper.categories.slice(0, 3).map((c) => (
            <a class="tag" href={categoryPath(c)}>
              {c}
            </a>
          ))}
        </span>
      ) : null}
    </>
  );
}

export type PaperCardProps = {
  paper: Paper;
  /** The day the paper was listed (links to that day's page), when known. */
  listedOn?: string | null;
  submitter?: User | null;
  /** The viewer has upvoted it (the vote button shows pressed). */
  hasVoted?: boolean;
};

/** One paper in a list: upvotes, title, authors, submitter, day, code link and categories. */
export function PaperCard(props: PaperCardProps) {
  const { paper } = props;
  return (
    <CardFrame
      paper={paper}
      hasVoted={props.hasVoted}
      title={<TitleHtml title={paper.title} />}
      facts={
        <>
          {props.submitter ? <span>Submitted by {props.submitter.fullname || props.submitter.username}</span> : null}
          {props.listedOn ? (
            <a href={periodPath({ kind: 'day', key: props.listedOn })}>Listed {formatDay(props.listedOn)}</a>
          ) : (
            <span>Published {formatDay(paper.publishedAt)}</span>
          )}
        </>
      }
    />
  );
}

/**
 * The markup every paper card shares (list pages and search results): the vote button, the linked
 * title, authors, then `facts` followed by the code link and categories, then `children` (a snippet).
 */
export function CardFrame(props: { paper: Paper; hasVoted?: boolean; title: Child; facts: Child; children?: Child }) {
  const { paper } = props;
  return (
    <li class="card">
      <VoteButton paper={paper} hasVoted={props.hasVoted ?? false} />
      <div>
        <h2>
          <a href={paperPath(paper.arxivId)}>{props.title}</a>
        </h2>
        <AuthorsLine authors={paper.authors} />
        <p class="meta">
          <span class="facts-row">
            {props.facts}
            <CommentCountLink paper={paper} />
            <CodeAndTags paper={paper} />
            <CollectMenu paper={paper} />
          </span>
        </p>
        {props.children}
      </div>
    </li>
  );
}
