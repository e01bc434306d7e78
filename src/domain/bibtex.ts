import type { Paper } from './paper';
import { arxivAbsUrl } from './paper';

/**
 * BibTeX for arXiv papers: one `@misc` entry each, in the shape arXiv and Google Scholar use
 * (`eprint`, `archivePrefix = {arXiv}`, `primaryClass`), with keys like `vaswani2017attention`.
 *
 * BibTeX itself only cares about braces: a field value ends at the brace that balances its
 * opening one, and `\{` counts as a brace too. So every value written here is brace-balanced by
 * construction, and what LaTeX later does with the text is the second concern: specials are
 * escaped, well-formed math is left alone.
 */

/** What an entry needs: the paper's bibliographic fields. */
export type BibPaper = Pick<Paper, 'arxivId' | 'title' | 'authors' | 'publishedAt' | 'categories' | 'abstract'>;

/** The entries of these papers, keys unique within the file; `withAbstract` adds the abstract. */
export function toBibtex(papers: BibPaper[], options: { withAbstract?: boolean } = {}): string {
  const taken = new Set<string>();
  return papers.map((p) => bibtexEntry(p, uniqueKey(bibtexKeyBase(p), taken), options)).join('\n');
}

/** One `@misc` entry with the given key. */
export function bibtexEntry(paper: BibPaper, key: string, options: { withAbstract?: boolean } = {}): string {
  const fields: Array<[string, string]> = [['title', `{${escapeBibtex(flatten(paper.title))}}`]];
  if (paper.authors.length > 0) fields.push(['author', paper.authors.map(bibtexName).join(' and ')]);
  fields.push(['year', paper.publishedAt.slice(0, 4)]);
  fields.push(['eprint', paper.arxivId]);
  fields.push(['archivePrefix', 'arXiv']);
  if (paper.categories[0]) fields.push(['primaryClass', escapeBibtex(paper.categories[0])]);
  fields.push(['url', arxivAbsUrl(paper.arxivId)]);
  if (options.withAbstract && paper.abstract?.trim()) fields.push(['abstract', escapeBibtex(flatten(paper.abstract))]);
  return `@misc{${key},\n${fields.map(([name, value]) => `  ${name} = {${value}},\n`).join('')}}\n`;
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'is', 'are', 'do', 'does', 'at', 'by', 'from', 'towards', 'toward', 'via']);

/** `vaswani2017attention`: first author's last name, year, first significant title word (ASCII, lower case). */
export function bibtexKeyBase(paper: Pick<BibPaper, 'authors' | 'publishedAt' | 'title'>): string {
  const first = paper.authors[0];
  const name = first ? fold(splitName(first).lastName.split(/\s+/).at(-1) ?? '') : '';
  const words = paper.title
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/\\[a-zA-Z]+/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .map(fold)
    .filter(Boolean);
  const word = words.find((w) => !STOP_WORDS.has(w)) ?? words[0] ?? '';
  const year = /^\d{4}/.test(paper.publishedAt) ? paper.publishedAt.slice(0, 4) : '';
  return `${name || 'anon'}${year}${word}`;
}

/** `base`, then `base` + b, c, … z, then `base` + 27, 28, …: never one already in `taken` (which it joins). */
export function uniqueKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let n = 1; taken.has(key); n += 1) key = n < 26 ? `${base}${String.fromCharCode(97 + n)}` : `${base}${n + 1}`;
  taken.add(key);
  return key;
}

/** An author as BibTeX wants it: `von Last, Jr., First`; groups and odd names protected in braces. */
export function bibtexName(name: string): string {
  const clean = flatten(name);
  // A comma or the word "and" would split the name; a collaboration is one name, not a person.
  if (/,|\band\b/i.test(clean) || /\b(collaboration|consortium|team|group)\b/i.test(clean)) return `{${escapeBibtex(clean)}}`;
  const { firstNames, lastName, suffix } = splitName(clean);
  const parts = [escapeBibtex(lastName)];
  if (suffix) parts.push(escapeBibtex(suffix));
  if (firstNames) parts.push(escapeBibtex(firstNames));
  return parts.length === 1 ? parts[0]! : parts.join(', ');
}

const SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

/** `Ludwig van Beethoven Jr.` → first `Ludwig`, last `van Beethoven`, suffix `Jr.`. */
export function splitName(name: string): { firstNames: string; lastName: string; suffix: string } {
  const tokens = name.trim().split(/\s+/).filter(Boolean);
  let suffix = '';
  if (tokens.length > 2 && SUFFIX.test(tokens.at(-1)!)) suffix = tokens.pop()!;
  if (tokens.length <= 1) return { firstNames: '', lastName: tokens[0] ?? '', suffix };
  let start = tokens.length - 1;
  // Lower-case particles before the last name belong to it (`van`, `de la`).
  while (start > 1 && /^\p{Ll}/u.test(tokens[start - 1]!)) start -= 1;
  return { firstNames: tokens.slice(0, start).join(' '), lastName: tokens.slice(start).join(' '), suffix };
}

/**
 * Escapes text for a BibTeX field. When the text's braces are balanced it is treated as the
 * LaTeX its authors wrote: math (`$…$`, `\(…\)`) and `{…}` groups are kept, `\%`-style escapes
 * are kept, and the bare specials `% & # _ ^ $` outside math are escaped. When they are not
 * balanced (a stray `}` would end the field early), everything is escaped as plain text.
 */
export function escapeBibtex(text: string): string {
  if (!isBalanced(text)) return escapePlain(text);
  const tex = escapeTex(text);
  // Math escaped as plain text can leave a group of the text around it open: then all is plain.
  return isBalanced(tex) ? tex : escapePlain(text);
}

const PLAIN: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  $: '\\$',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/** Every special character escaped: the result shows `text` literally, whatever it holds. */
export function escapePlain(text: string): string {
  return text.replace(/[\\{}%&#_$^~]/g, (ch) => PLAIN[ch]!);
}

// Math first (so `$` pairs are found), then an escaped character or a command, then any one character.
const TOKEN = /\$\$[^$]+\$\$|\$[^$]+\$|\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]|\\[^a-zA-Z]|\\[a-zA-Z]+|[\s\S]/g;

function escapeTex(text: string): string {
  let out = '';
  for (const [token] of text.matchAll(TOKEN)) {
    if (token.length > 1 && (token.startsWith('$') || token.startsWith('\\(') || token.startsWith('\\['))) {
      // Math is kept unless it holds a character that breaks LaTeX in any mode.
      out += isBalanced(token) ? token.replace(/(?<!\\)([%#&])/g, '\\$1') : escapePlain(token);
    } else if (token.startsWith('\\')) {
      // `\%`, `\{` and commands such as `\emph` are the author's LaTeX; a lone `\ ` or trailing `\` is not.
      out += token.length === 1 || /^\\\s$/.test(token) ? '\\textbackslash{}' + token.slice(1) : token;
    } else {
      out += ['%', '&', '#', '_', '$'].includes(token) ? `\\${token}` : token === '^' ? '\\textasciicircum{}' : token;
    }
  }
  return out;
}

/** True when every `{` (escaped or not, as BibTeX counts) has its `}` and no `}` comes first. */
export function isBalanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth += 1;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function fold(word: string): string {
  return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/[øØ]/g, 'o').replace(/[łŁ]/g, 'l').toLowerCase().replace(/[^a-z0-9]/g, '');
}
