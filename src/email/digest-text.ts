import { digestEntry, digestHeading, digestReason, type DigestEntry, type DigestModel } from './digest-model';

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
    model.forYou.forEach((p, i) => lines.push(...entryText(i + 1, digestEntry(model.siteUrl, p))));
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
  if (e.excerpt) out.push(`   ${e.excerpt}`);
  out.push(`   Paper: ${e.pageUrl}`, `   arXiv: ${e.arxivUrl}`);
  if (e.codeUrl) out.push(`   Code:  ${e.codeUrl}`);
  out.push('');
  return out;
}
