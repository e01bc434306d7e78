import type { Context } from 'hono';
import { z } from 'zod';
import { InputError } from '../domain/input-error';

/**
 * Reads a request's query string through a zod schema. A parameter given twice is refused unless
 * it is listed in `repeatable` (those arrive as arrays); a value the schema refuses becomes an
 * InputError, which app.ts answers with 400 `{"error": "..."}`. Unknown parameters are ignored,
 * as the Hub does, so clients that send extras keep working.
 */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S, repeatable: readonly string[] = []): z.output<S> {
  const raw: Record<string, string | string[]> = Object.create(null);
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (repeatable.includes(key)) raw[key] = values;
    else if (values.length > 1) throw new InputError(`${clip(key)} is given ${values.length} times; give it once`);
    else raw[key] = values[0]!;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  throw new InputError(`${where}${issue.message}`);
}

/** A whole number from `min` to `max`, written in decimal digits (no sign, no exponent). */
export function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,16}$/, { message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message });
}

/** A non-empty single-line text of at most `max` characters. */
export function shortText(max: number) {
  return z
    .string()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'must not contain control characters' });
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
