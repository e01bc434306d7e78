import type { Context } from 'hono';
import type { z } from 'zod';

/** The 401 answer's message of API routes that need an account. */
export const LOG_IN_FIRST = 'log in first: send Authorization: Bearer <token> (create one on your settings page)';

/**
 * The request's JSON body checked against `schema`, or the 400 answer saying what is wrong with
 * it (`notJson` when it is not JSON at all).
 */
export async function readBody<T extends z.ZodType>(c: Context, schema: T, notJson = 'the body must be JSON'): Promise<z.infer<T> | Response> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return c.json({ error: notJson }, 400);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return c.json({ error: parsed.error.issues[0]!.message }, 400);
  return parsed.data;
}
