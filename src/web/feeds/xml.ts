/**
 * A tiny XML writer for the feeds: text and attribute values are escaped, and characters XML 1.0
 * forbids are dropped (imported titles and abstracts do contain control characters, and one of
 * them makes the whole feed unparseable).
 */

// Allowed: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and paired surrogates (U+10000 and up).
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/U+FFFF). */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(FORBIDDEN, '');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or a quoted attribute value. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** Attribute values; `undefined` leaves the attribute out. */
export type XmlAttributes = Record<string, string | undefined>;

/** A piece of already-escaped XML (the result of `el`), as opposed to text to escape. */
export type XmlNode = { xml: string };

/**
 * An element: `children` are escaped when they are strings and inserted as they are when they
 * are nodes; null children are skipped; an empty element is written self-closing.
 */
export function el(name: string, attributes: XmlAttributes = {}, ...children: Array<string | XmlNode | null | XmlNode[]>): XmlNode {
  const attrs = Object.entries(attributes)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const inner = children
    .flat()
    .map((c) => (c === null ? '' : typeof c === 'string' ? escapeXml(c) : c.xml))
    .join('');
  return { xml: inner === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>` };
}

/** The document: XML declaration and the root element. */
export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root.xml}\n`;
}
