import type { Context } from 'hono';
import type { z } from 'zod';

/** The request's JSON body checked against `schema`, or the 400 answer saying what is wrong with it. */
export async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T> | Response> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return c.json({ error: 'the body must be JSON' }, 400);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return c.json({ error: parsed.error.issues[0]!.message }, 400);
  return parsed.data;
}
