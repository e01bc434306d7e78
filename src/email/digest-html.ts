import { digestEntry, digestHeading, digestReason, newPapersCount, SAVED_SEARCHES_TITLE, type DigestEntry, type DigestModel } from './digest-model';

/**
 * The HTML part of a digest. Mail clients are not browsers, so the layout is the conservative one:
 * one column of nested tables at most 600px wide (an MSO conditional table for Outlook, which
 * ignores max-width), inline styles (Gmail drops most of <style>), system fonts, no images at all
 * (nothing to block, nothing that tracks a reader). Dark mode: every text and background colour
 * is explicit, `color-scheme: light dark` lets clients that support it switch, and the
 * prefers-color-scheme block repaints for those that honour <style>; clients that invert colours
 * themselves get explicit pairs that survive inversion. Every piece of paper or user text goes
 * through `escapeHtml`, every link is an http(s) URL built by digest-model and escaped the same way.
 */
export function renderDigestHtml(model: DigestModel): string {
  const heading = digestHeading(model.periodLabel);
  const trending =
    model.trending.length === 0
      ? `<tr><td class="pb-muted" style="padding:16px 20px 0 20px;font-size:14px;color:#57606a;${FONT}">No papers were listed in this period.</td></tr>\n`
      : model.trending.map((p) => entryHtml(digestEntry(model.siteUrl, p))).join('');
  const forYou =
    model.forYou.length === 0
      ? ''
      : sectionTitle('For you') + model.forYou.map((p) => entryHtml(digestEntry(model.siteUrl, p.paper, p.because))).join('');
  return `<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(heading)}</title>
<style>
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  body { margin: 0; padding: 0; }
  a { text-decoration: underline; }
  @media (prefers-color-scheme: dark) {
    .pb-bg { background-color: #111418 !important; }
    .pb-card { background-color: #1c2128 !important; border-color: #30363d !important; }
    .pb-text { color: #e6edf3 !important; }
    .pb-muted { color: #9aa4ae !important; }
    .pb-link { color: #7cb7ff !important; }
  }
  [data-ogsc] .pb-text { color: #e6edf3 !important; }
  [data-ogsc] .pb-muted { color: #9aa4ae !important; }
  [data-ogsc] .pb-link { color: #7cb7ff !important; }
</style>
</head>
<body class="pb-bg" style="margin:0;padding:0;background-color:#f4f5f7;color:#1f2328;">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(`${model.trending.length} trending papers for ${model.periodLabel}`)}</div>
<table role="presentation" class="pb-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:16px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" class="pb-card" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background-color:#ffffff;border:1px solid #d8dee4;border-radius:6px;">
<tr><td style="padding:20px 20px 4px 20px;${FONT}">
<h1 class="pb-text" style="margin:0;font-size:20px;line-height:1.3;font-weight:700;color:#1f2328;">${escapeHtml(heading)}</h1>
</td></tr>
${trending}${forYou}${savedSearchesHtml(model)}
<tr><td style="padding:16px 20px 20px 20px;border-top:1px solid #d8dee4;${FONT}">
<p class="pb-muted" style="margin:0 0 8px 0;font-size:13px;line-height:1.5;color:#57606a;">${escapeHtml(digestReason(model))}</p>
<p class="pb-muted" style="margin:0;font-size:13px;line-height:1.5;color:#57606a;">${link(model.manageUrl, 'Manage preferences')} · ${link(model.unsubscribeUrl, 'Unsubscribe')} · ${link(model.siteUrl + '/', 'Paperboy')}</p>
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

function sectionTitle(title: string): string {
  return `<tr><td style="padding:16px 20px 0 20px;${FONT}"><h2 class="pb-text" style="margin:0;font-size:16px;line-height:1.3;color:#1f2328;">${escapeHtml(title)}</h2></td></tr>\n`;
}

/** Each saved search with new papers: its name linked to the search, the count, a few papers, and a link to the rest. */
function savedSearchesHtml(model: DigestModel): string {
  const blocks = model.savedSearches ?? [];
  if (blocks.length === 0) return '';
  const row = (html: string) => `<tr><td style="padding:16px 20px 0 20px;${FONT}"><p class="pb-muted" style="margin:0;font-size:14px;line-height:1.4;color:#57606a;">${html}</p></td></tr>\n`;
  return (
    sectionTitle(SAVED_SEARCHES_TITLE) +
    blocks
      .map((b) => {
        const more = b.total > b.papers.length ? row(link(b.url, `See all ${newPapersCount(b.total)}`)) : '';
        return row(`<strong>${link(b.url, b.label)}</strong> · ${escapeHtml(newPapersCount(b.total))}`) + b.papers.map((p) => entryHtml(digestEntry(model.siteUrl, p))).join('') + more;
      })
      .join('')
  );
}

function entryHtml(e: DigestEntry): string {
  const stats = `▲ ${e.upvotes} upvote${e.upvotes === 1 ? '' : 's'} · ${e.comments} comment${e.comments === 1 ? '' : 's'}`;
  const links = [link(e.pageUrl, 'Paper page'), link(e.arxivUrl, 'arXiv'), ...(e.codeUrl ? [link(e.codeUrl, 'Code')] : [])].join(' · ');
  return `<tr><td style="padding:16px 20px 0 20px;${FONT}">
<h3 style="margin:0 0 4px 0;font-size:16px;line-height:1.35;font-weight:600;"><a class="pb-link" href="${escapeHtml(e.pageUrl)}" style="color:#0a58ca;text-decoration:none;">${escapeHtml(e.title)}</a></h3>
${e.authors ? `<p class="pb-muted" style="margin:0 0 4px 0;font-size:13px;line-height:1.4;color:#57606a;">${escapeHtml(e.authors)}</p>\n` : ''}<p class="pb-muted" style="margin:0 0 6px 0;font-size:13px;line-height:1.4;color:#57606a;">${escapeHtml(stats)}</p>
${e.because ? `<p class="pb-muted" style="margin:0 0 6px 0;font-size:13px;line-height:1.4;color:#57606a;">Because you liked ${link(e.because.pageUrl, e.because.title)}</p>\n` : ''}${e.excerpt ? `<p class="pb-text" style="margin:0 0 6px 0;font-size:14px;line-height:1.5;color:#1f2328;">${escapeHtml(e.excerpt)}</p>\n` : ''}<p style="margin:0;font-size:13px;line-height:1.5;">${links}</p>
</td></tr>
`;
}

function link(href: string, label: string): string {
  return `<a class="pb-link" href="${escapeHtml(href)}" style="color:#0a58ca;">${escapeHtml(label)}</a>`;
}

/** Escapes text for an element's content or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
