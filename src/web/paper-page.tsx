import type { Context } from 'hono';
import type { Deps } from '../deps';
import { parseArxivId } from '../domain/arxiv-id';
import { arxivAbsUrl, arxivPdfUrl } from '../domain/paper';
import { listPaperComments } from '../features/comments/list-comments';
import { getPaper, type PaperDetails } from '../features/get-paper';
import { listViewerVotes } from '../features/list-viewer-votes';
import { listMyCollections } from '../features/collections/list-collections';
import type { CollectionWithPaper } from '../storage/repos/collections-repo';
import { viewerOf } from './auth/viewer';
import { Discussion } from './discussion';
import { renderErrorPage } from './error-page';
import { categoryPath } from './browse-paths';
import { AuthorLinks } from './paper-card';
import { formatDay, paperPath, periodPath, repoLabel, safeUrl } from './format';
import { Layout } from './layout';
import { ListingRemovalForms } from './moderation-forms';
import { PaperCollections } from './paper-collections';
import { renderLatex } from './render-latex';
import { sendPage } from './send-page';
import { SimilarPapers } from './similar-papers';
import { findSimilarPapers } from '../features/find-similar-papers';
import { VoteButton, voteScripts } from './vote-button';

/**
 * One paper: title, all authors, abstract with its LaTeX rendered server-side, dates, submitter,
 * upvotes and outbound links. `id` may be old style (`hep-th/9901001`) or carry a version.
 */
export async function renderPaperPage(c: Context, deps: Deps, id: string): Promise<Response> {
  const details = await getPaper(deps, id); // a malformed id throws InputError → 400 page
  if (!details) {
    const parsed = parseArxivId(id);
    const arxivUrl = arxivAbsUrl(parsed.ok ? parsed.id : id);
    return renderErrorPage(
      c,
      404,
      `There is no paper ${id} on this site.`,
      <p>
        It may still exist on arXiv: <a href={arxivUrl}>{arxivUrl}</a>
      </p>,
    );
  }
  // One URL per paper: `2401.01234v2` and `arXiv:2401.01234` point at the plain id.
  if (details.paper.arxivId !== id) return c.redirect(paperPath(details.paper.arxivId), 301);
  const title = renderLatex(details.paper.title);
  const viewer = viewerOf(c);
  const hasVoted = (await listViewerVotes(deps, viewer, [details.paper.id])).has(details.paper.id);
  const collections = await listMyCollections(deps, viewer, { paperId: details.paper.id });
  const paragraphs = (details.paper.abstract ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map(renderLatex);
  return sendPage(
    c,
    <Layout
      title={details.paper.title}
      canonical={`${deps.config.siteUrl}${paperPath(details.paper.arxivId)}`}
      section={null}
      hasMath={title.hasMath || paragraphs.some((p) => p.hasMath)}
      description={describe(details.paper.abstract)}
      scripts={voteScripts(viewer)}
    >
      <PaperView details={details} hasVoted={hasVoted} collections={collections} titleHtml={title.html} abstractHtml={paragraphs.map((p) => p.html)} />
      <SimilarPapers papers={(await findSimilarPapers(deps, details.paper.arxivId))?.similar ?? []} />
      <Discussion paper={details.paper} comments={await listPaperComments(deps, details.paper.id)} />
    </Layout>,
  );
}

function PaperView(props: { details: PaperDetails; hasVoted: boolean; collections: CollectionWithPaper[]; titleHtml: string; abstractHtml: string[] }) {
  const { paper, listings } = props.details;
  const code = safeUrl(paper.githubRepo);
  const project = safeUrl(paper.projectPage);
  const submitters = [...new Map(listings.filter((l) => l.submitter).map((l) => [l.submitter!.id, l.submitter!])).values()];
  return (
    <article class="paper">
      {paper.withdrawnAt ? <p class="notice">This paper was withdrawn on {formatDay(paper.withdrawnAt)}.</p> : null}
      <h1 dangerouslySetInnerHTML={{ __html: props.titleHtml }} />
      <p class="authors">
        <AuthorLinks authors={paper.authors} />
      </p>
      <ul class="links">
        <li>
          <a href={arxivAbsUrl(paper.arxivId)}>arXiv page</a>
        </li>
        <li>
          <a href={arxivPdfUrl(paper.arxivId)}>PDF</a>
        </li>
        <li>
          <a href={`${paperPath(paper.arxivId)}.bib`}>BibTeX</a>
        </li>
        {code ? (
          <li>
            <a href={code}>Code: {repoLabel(code)}</a>
          </li>
        ) : null}
        {project ? (
          <li>
            <a href={project}>Project page</a>
          </li>
        ) : null}
      </ul>
      <dl class="facts">
        <dt>Upvotes</dt>
        <dd>
          <VoteButton paper={paper} hasVoted={props.hasVoted} inline />
        </dd>
        <dt>Published</dt>
        <dd>
          {formatDay(paper.publishedAt)}
          {paper.isPublishedApprox ? ' (approximately)' : ''}
        </dd>
        {listings.length > 0 ? (
          <>
            <dt>Listed</dt>
            <dd>
              {listings.map((l, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={periodPath({ kind: 'day', key: l.listedOn })}>{formatDay(l.listedOn)}</a>
                </>
              ))}
            </dd>
          </>
        ) : null}
        {submitters.length > 0 ? (
          <>
            <dt>Submitted by</dt>
            <dd>{submitters.map((s) => (s.fullname && s.fullname !== s.username ? `${s.fullname} (${s.username})` : s.username)).join(', ')}</dd>
          </>
        ) : null}
        {paper.categories.length > 0 ? (
          <>
            <dt>Categories</dt>
            <dd>
              {paper.categories.map((cat) => (
                <a class="tag" href={categoryPath(cat)}>
                  {cat}
                </a>
              ))}
            </dd>
          </>
        ) : null}
        <dt>arXiv id</dt>
        <dd>{paper.arxivId}</dd>
      </dl>
      <PaperCollections arxivId={paper.arxivId} collections={props.collections} />
      <ListingRemovalForms arxivId={paper.arxivId} listings={listings} />
      <section class="abstract">
        <h2>Abstract</h2>
        {props.abstractHtml.length > 0 ? props.abstractHtml.map((html) => <p dangerouslySetInnerHTML={{ __html: html }} />) : <p>No abstract available.</p>}
      </section>
    </article>
  );
}

function describe(abstract: string | null): string | undefined {
  if (!abstract) return undefined;
  const flat = abstract.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}…` : flat;
}
