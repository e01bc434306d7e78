/**
 * Reading an unsubscribe request that arrived by mail: a client that only speaks the `mailto:`
 * of `List-Unsubscribe` sends a message to `unsubscribe+<token>@<domain>`. The token is the
 * same 256-bit link token as the one-click link's, so the address alone is the authority; the
 * message's body and sender do not matter (RFC 2369 asks for nothing more).
 */

/** Headers that name the address a message was delivered to (the MTA's, then the sender's own). */
const RECIPIENT_HEADERS = ['delivered-to', 'x-original-to', 'envelope-to', 'to', 'cc'];

/** `unsubscribe+<token>@`: the local part our `List-Unsubscribe` mailto uses. */
const UNSUBSCRIBE_ADDRESS = /(?:^|[\s<,:;"'])unsubscribe\+([A-Za-z0-9_-]{43})@/gi;

/** Headers beyond this size are not read (a mail header block is a few kB). */
export const MAX_HEADER_BYTES = 256 * 1024;

/**
 * The link tokens a message is addressed to, in order, without repeats: from the envelope
 * recipients the MTA gives (`recipients`, e.g. Postfix's $ORIGINAL_RECIPIENT), then from the
 * delivery and address headers of `message` (RFC 5322 text; folded lines are unfolded, the body
 * is not read).
 */
export function unsubscribeTokensOf(message: string, recipients: readonly string[] = []): string[] {
  const headers = headerBlock(message);
  const addressed = [...recipients];
  for (const name of RECIPIENT_HEADERS) addressed.push(...(headers.get(name) ?? []));
  const tokens: string[] = [];
  for (const text of addressed) {
    for (const m of text.matchAll(UNSUBSCRIBE_ADDRESS)) {
      if (!tokens.includes(m[1]!)) tokens.push(m[1]!);
    }
  }
  return tokens;
}

/** The header fields of a message by lower-case name (all occurrences), up to the first empty line. */
function headerBlock(message: string): Map<string, string[]> {
  const end = message.search(/\r?\n\r?\n/);
  const block = (end === -1 ? message : message.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string[]>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(colon + 1)]);
  }
  return fields;
}
