/**
 * A small BibTeX reader for tests, strict where BibTeX is: a braced value ends at the brace that
 * balances its opening one, and every brace counts (`\{` included). Reads `@type{key, name =
 * {value} | "value" | digits, …}`; throws on anything else, so a malformed export fails loudly.
 */
export type BibEntry = { type: string; key: string; fields: Record<string, string> };

export function readBibtex(text: string): BibEntry[] {
  const entries: BibEntry[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`BibTeX: ${what} at ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
  };
  const name = () => {
    const m = /^[A-Za-z0-9_:.\-+/]+/.exec(text.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const braced = () => {
    let depth = 0;
    const start = i;
    do {
      if (i >= text.length) fail('unclosed brace');
      if (text[i] === '{') depth += 1;
      else if (text[i] === '}') depth -= 1;
      i += 1;
    } while (depth > 0);
    return text.slice(start + 1, i - 1);
  };
  for (;;) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    if (text.slice(i, at).trim()) fail('text between entries');
    i = at + 1;
    const type = name().toLowerCase();
    skipSpace();
    if (text[i] !== '{') fail('expected {');
    i += 1;
    skipSpace();
    const key = name();
    const fields: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (text[i] === ',') {
        i += 1;
        skipSpace();
      }
      if (text[i] === '}') {
        i += 1;
        break;
      }
      const field = name().toLowerCase();
      skipSpace();
      if (text[i] !== '=') fail('expected =');
      i += 1;
      skipSpace();
      let value: string;
      if (text[i] === '{') value = braced();
      else if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) fail('unclosed quote');
        value = text.slice(i + 1, end);
        i = end + 1;
      } else value = name();
      if (field in fields) fail(`field ${field} twice`);
      fields[field] = value;
      skipSpace();
      if (text[i] !== ',' && text[i] !== '}') fail('expected , or }');
    }
    entries.push({ type, key, fields });
  }
  return entries;
}

/** What the escapes of src/domain/bibtex.ts stand for, undone (for comparing with the source text). */
export function untex(value: string): string {
  return value
    .replace(/\\textbackslash\{\}/g, '\u0000')
    .replace(/\\textbraceleft\{\}/g, '{')
    .replace(/\\textbraceright\{\}/g, '}')
    .replace(/\\textasciicircum\{\}/g, '^')
    .replace(/\\textasciitilde\{\}/g, '~')
    .replace(/\\([%&#_$])/g, '$1')
    .replace(/\u0000/g, '\\');
}
