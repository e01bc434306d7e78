import { digestEntry, digestHeading, digestReason, newPapersCount, SAVED_SEARCHES_TITLE, type DigestEntry, type DigestModel } from './digest-model';

/**
 * The plain-text part of a digest: the same content as the HTML part (digest-model), one block per
 * paper, links on their own lines so every client makes them clickable. No wrapping: nodemailer
 * encodes long lines (quoted-printable) and readers' clients wrap for their own width.
 */
export function renderDigestText(model: DigestModel): string {
  const heading = digestHeading(model.periodLabel);
  const lines: string[] = [heading, '='.repeat(Math.min(heading.length, 72)), ''];
  if (model.trending.length === 0) lines.push('No papers were listed in this period.', '');
  model.trending.forEach((p, i) => lines.push(...entryText(i + 1, digestEntry(model.siteUrl, p))));
  if (model.forYou.length > 0) {
    lines.push('For you', '-------', '');
    model.forYou.forEach((p, i) => lines.push(...entryText(i + 1, digestEntry(model.siteUrl, p.paper, p.because))));
  }
  const searches = model.savedSearches ?? [];
  if (searches.length > 0) {
    lines.push(SAVED_SEARCHES_TITLE, '-'.repeat(SAVED_SEARCHES_TITLE.length), '');
    for (const s of searches) {
      lines.push(`${oneLine(s.label)} (${newPapersCount(s.total)})`, `Search: ${s.url}`, '');
      s.papers.forEach((p, i) => lines.push(...entryText(i + 1, digestEntry(model.siteUrl, p))));
      if (s.total > s.papers.length) lines.push(`   … and ${s.total - s.papers.length} more: ${s.url}`, '');
    }
  }
  lines.push(
    '--',
    digestReason(model),
    `Manage preferences: ${model.manageUrl}`,
    `Unsubscribe: ${model.unsubscribeUrl}`,
    `Paperboy: ${model.siteUrl}/`,
    '',
  );
  return lines.join('\n');
}

function entryText(n: number, e: DigestEntry): string[] {
  const out = [`${n}. ${e.title}`];
  if (e.authors) out.push(`   ${e.authors}`);
  out.push(`   ${e.upvotes} upvote${e.upvotes === 1 ? '' : 's'} · ${e.comments} comment${e.comments === 1 ? '' : 's'}`);
  if (e.because) out.push(`   Because you liked: ${e.because.title} (${e.because.pageUrl})`);
  if (e.excerpt) out.push(`   ${e.excerpt}`);
  out.push(`   Paper: ${e.pageUrl}`, `   arXiv: ${e.arxivUrl}`);
  if (e.codeUrl) out.push(`   Code:  ${e.codeUrl}`);
  out.push('');
  return out;
}

/** A name a member typed, on one line (a text part has no markup to break, only lines). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
