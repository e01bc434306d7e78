/**
 * arXiv identifiers: new style `2401.01234` (4+5 digits since 2015, 4+4 before) and old style
 * `hep-th/9901001` (archive[.subject-class]/YYMMNNN). Versions (`v2`) are stripped: a paper is
 * one row whatever its version.
 */
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v\d+)?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*)(?:\.[A-Z]{2})?\/(\d{2})(\d{2})(\d{3})(?:v\d+)?$/;

/** Result of parsing a user-supplied id: the normalised id or the reason it was refused. */
export type ArxivIdResult = { ok: true; id: string } | { ok: false; reason: string };

/** Validates and normalises an arXiv id (no URL handling; see `parseArxivReference`). */
export function parseArxivId(input: string): ArxivIdResult {
  const raw = input.trim().replace(/^arxiv:/i, '');
  const m = NEW_STYLE.exec(raw);
  if (m) {
    const [, , mm, num] = m as unknown as [string, string, string, string];
    const month = Number(mm);
    if (month < 1 || month > 12) return { ok: false, reason: `"${input}" has month ${mm}; months are 01 to 12` };
    const yy = Number(m[1]);
    // Five-digit sequence numbers started in January 2015 (1501.xxxxx).
    if (yy >= 15 && num.length !== 5) return { ok: false, reason: `"${input}": ids from 2015 on have 5 digits after the dot` };
    if (yy < 15 && num.length !== 4) return { ok: false, reason: `"${input}": ids before 2015 have 4 digits after the dot` };
    return { ok: true, id: raw.replace(/v\d+$/, '') };
  }
  const o = OLD_STYLE.exec(raw);
  if (o) {
    const month = Number(o[3]);
    if (month < 1 || month > 12) return { ok: false, reason: `"${input}" has month ${o[3]}; months are 01 to 12` };
    return { ok: true, id: raw.replace(/v\d+$/, '') };
  }
  return { ok: false, reason: `"${truncate(input)}" is not an arXiv id (expected e.g. 2401.01234 or hep-th/9901001)` };
}

/** Accepts an id or an arxiv.org `abs/` or `pdf/` URL (with or without version and `.pdf`). */
export function parseArxivReference(input: string): ArxivIdResult {
  const trimmed = input.trim();
  const url = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(trimmed);
  return parseArxivId(url ? url[1]! : trimmed);
}

/** True when the string is a valid, already-normalised arXiv id. */
export function isArxivId(input: string): boolean {
  const r = parseArxivId(input);
  return r.ok && r.id === input;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
