import type { Paper } from '../domain/paper';
import { paperPath } from './format';

/** "Similar papers" under a paper: its nearest neighbours by meaning (or by title words), as links. Nothing when there are none. */
export function SimilarPapers(props: { papers: Paper[] }) {
  if (props.papers.length === 0) return null;
  return (
    <section class="similar-papers" aria-labelledby="similar-papers-heading">
      <h2 id="similar-papers-heading">Similar papers</h2>
      <ol>
        {props.papers.map((p) => (
          <li>
            <a href={paperPath(p.arxivId)}>{p.title}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}
