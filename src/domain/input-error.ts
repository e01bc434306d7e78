/**
 * A request the user can fix: bad id, bad date, out-of-range page. The web and API layers turn it
 * into a 400 with this message; the CLI into exit code 2 with this line.
 */
export class InputError extends Error {
  override name = 'InputError';
}
