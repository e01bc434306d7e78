import { z } from 'zod';

/**
 * The only reader of `process.env`. Every variable is documented here and in `.env.example`.
 * Parsed once at start; a bad value stops the process with a message that says how to fix it.
 */
const schema = z.object({
  /** TCP port the web server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind; `0.0.0.0` to accept connections from other machines. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Where the data lives: `sqlite:./data/paperboy.db` (relative to the working directory),
   * `sqlite:/abs/path.db`, or `postgres://user@host:5432/db`.
   */
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/paperboy.db')
    .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
      message: 'must look like sqlite:./data/paperboy.db or postgres://user@host:5432/dbname',
    }),
  /** Public address of the site, used in feeds, e-mails and canonical links. No trailing slash. */
  SITE_URL: z
    .string()
    .url()
    .optional()
    .transform((v) => v?.replace(/\/+$/, '')),
  /** IANA time zone that decides which day a new listing belongs to, e.g. `Europe/Paris`. */
  TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as UTC or America/New_York' }),
  /** Import the bundled sample when the database has no papers at start (`false` to skip). */
  IMPORT_SAMPLE: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Seconds an anonymous list page (home, day, week, month, trending) may be served from memory
   * before it is rendered again; 0 turns the cache off. New votes show up at most this late.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** Log level: `debug`, `info`, `warn` or `error`. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  siteUrl: string;
  timeZone: string;
  importSample: boolean;
  pageCacheSeconds: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
};

/** Thrown when the environment is wrong; its message lists every problem with a fix-it hint. */
export class ConfigError extends Error {}

/** Parses an environment (default: `process.env`) into a typed, frozen `Config`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  return Object.freeze({
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    siteUrl: v.SITE_URL ?? `http://${v.HOST === '0.0.0.0' ? 'localhost' : v.HOST}:${v.PORT}`,
    timeZone: v.TIMEZONE,
    importSample: v.IMPORT_SAMPLE,
    pageCacheSeconds: v.PAGE_CACHE_SECONDS,
    logLevel: v.LOG_LEVEL,
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
