import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of `process.env`. Every variable is documented here and in `.env.example`.
 * Parsed once at start; a bad value stops the process with a message that says how to fix it.
 */
/** A whole number from `min` to `max`, with a message that says so (zod's own speaks of NaN). */
function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message });
}

const schema = z.object({
  /** TCP port the web server listens on. */
  PORT: wholeNumber(0, 65535).default(3000),
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
  PAGE_CACHE_SECONDS: wholeNumber(0, 3600).default(5),
  /**
   * arXiv's API query endpoint, asked for the metadata of papers submitted by id. Point it at a
   * mirror or a local replay server in tests; arXiv allows one request every 3 seconds.
   */
  ARXIV_API_URL: z.string().url({ message: 'must be a URL such as http://export.arxiv.org/api/query' }).default('http://export.arxiv.org/api/query'),
  /** Log level: `debug`, `info`, `warn` or `error`. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * Outgoing mail server, e.g. `smtp://user:pass@mail.example.org:587` or `smtps://…:465`. Unset:
   * mails (verification, password reset) are written to the log instead, so a site without a
   * mail server still works for its operator.
   */
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^smtps?:\/\/.+/.test(v), { message: 'must look like smtp://user:pass@host:587 or smtps://host:465' }),
  /** Sender of every mail, e.g. `Paperboy <papers@example.org>`. Defaults to paperboy@ the SITE_URL host. */
  MAIL_FROM: z.string().min(3).optional(),
  /**
   * Whether the session cookie is `Secure` (and `__Host-` prefixed). `auto` (default): yes, unless
   * SITE_URL is plain-HTTP localhost. `false` is refused for any other SITE_URL.
   */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** A session not used for this many minutes ends (idle timeout). */
  SESSION_IDLE_MINUTES: wholeNumber(5, 60 * 24 * 30).default(60 * 24),
  /** A session ends this many days after log-in, however active (absolute timeout). */
  SESSION_MAX_DAYS: wholeNumber(1, 365).default(30),
  /** Take the client address from the last `X-Forwarded-For` hop (only behind a reverse proxy you run). */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** A submitted paper may be at most this many days old (by its arXiv publication date). */
  SUBMIT_MAX_AGE_DAYS: wholeNumber(1, 3650).default(14),
  /** Local hour (0-23, in each subscriber's time zone) at which the daily digest goes out. */
  DIGEST_HOUR: wholeNumber(0, 23).default(7),
  /** Day of the weekly digest: 1 = Monday … 7 = Sunday (ISO), at DIGEST_HOUR. */
  DIGEST_WEEKDAY: wholeNumber(1, 7).default(1),
  /** Trending papers in a digest. */
  DIGEST_TOP_N: wholeNumber(1, 50).default(10),
  /** A digest missed while the server was down is still sent if at most this many hours late. */
  DIGEST_MAX_LATE_HOURS: wholeNumber(0, 24 * 7).default(12),
  /** Delivery attempts per message before it is marked failed. */
  DIGEST_MAX_ATTEMPTS: wholeNumber(1, 50).default(5),
  /** Run the scheduled jobs (digests, delivery, cleanup) inside `paperboy serve`. */
  RUN_JOBS: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Shared secret of the mail-event webhook (`POST /api/webhooks/mail`); unset turns the webhook off. */
  MAIL_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** Papers one account may submit per day. */
  SUBMIT_DAILY_CAP: wholeNumber(0, 1000).default(3),
  /**
   * Directory of the embedding model and the vector index (`paperboy embed train` / `embed index`).
   * Default: `embed/` next to the SQLite file, or `./data/embed` with PostgreSQL.
   */
  EMBED_DIR: z.string().min(1).optional(),
  /**
   * Where vectors come from: `builtin` (the model trained on this database's papers), `openai`
   * (an OpenAI-compatible embeddings endpoint, EMBED_OPENAI_*) or `off` (keyword search only).
   * There is no `onnx`: onnxruntime-node fetches CUDA libraries from nuget.org at install on
   * Linux x64 and a sentence-transformer needs a model file we cannot ship (decision 12).
   */
  EMBED_PROVIDER: z
    .enum(['builtin', 'openai', 'off'], { message: 'must be builtin, openai or off (there is no onnx provider: see docs/decisions/0012)' })
    .default('builtin'),
  /**
   * Base URL of the OpenAI-compatible API when EMBED_PROVIDER=openai, e.g.
   * `http://127.0.0.1:8080/v1` or `https://api.openai.com/v1`; vectors are asked of `{base}/embeddings`.
   */
  EMBED_OPENAI_URL: z
    .string()
    .url({ message: 'must be a URL such as http://127.0.0.1:8080/v1 (the embeddings are POSTed to {url}/embeddings)' })
    .refine((v) => /^https?:\/\//.test(v), { message: 'must be an http:// or https:// URL such as http://127.0.0.1:8080/v1' })
    .optional(),
  /** The model the endpoint should use (`model` in each request), e.g. `text-embedding-3-small`. Required with openai. */
  EMBED_OPENAI_MODEL: z.string().trim().min(1).max(200).optional(),
  /** Sent as `Authorization: Bearer …` when set (local servers usually need none). */
  EMBED_OPENAI_API_KEY: z.string().min(1).optional(),
  /**
   * Vector dimensions to ask for (`dimensions` in each request; models such as text-embedding-3
   * can shorten their vectors). Unset: none is asked for and the size is learned from the first answer.
   */
  EMBED_OPENAI_DIMENSIONS: wholeNumber(1, 8192).optional(),
  /**
   * The "For you" feed ranks papers published or listed in this many days, ending at the newest
   * paper on the site (so a site whose imports paused still has a feed).
   */
  FOR_YOU_DAYS: wholeNumber(1, 365).default(30),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  siteUrl: string;
  timeZone: string;
  importSample: boolean;
  pageCacheSeconds: number;
  /** arXiv API query endpoint (`ARXIV_API_URL`). */
  arxivApiUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Null: mail goes to the log. */
  smtpUrl: string | null;
  mailFrom: string;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionMaxDays: number;
  trustProxy: boolean;
  submitMaxAgeDays: number;
  submitDailyCap: number;
  digestHour: number;
  digestWeekday: number;
  digestTopN: number;
  digestMaxLateHours: number;
  digestMaxAttempts: number;
  runJobs: boolean;
  /** Null: the webhook answers 404. */
  mailWebhookSecret: string | null;
  /** Embedding model and vector index directory (`EMBED_DIR`). */
  embedDir: string;
  /** `EMBED_PROVIDER`. */
  embedProvider: 'builtin' | 'openai' | 'off';
  /** The OpenAI-compatible endpoint (`EMBED_OPENAI_*`); null unless embedProvider is `openai`. */
  embedOpenAi: { url: string; model: string; apiKey: string | null; dimensions: number | null } | null;
  /** Days of recent papers the personal feed ranks (`FOR_YOU_DAYS`). */
  forYouDays: number;
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
  const siteUrl = v.SITE_URL ?? `http://${v.HOST === '0.0.0.0' ? 'localhost' : v.HOST}:${v.PORT}`;
  const site = new URL(siteUrl);
  const isPlainLocalhost = site.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(site.hostname);
  if (v.COOKIE_SECURE === 'false' && !isPlainLocalhost) {
    throw new ConfigError(`Invalid configuration (see .env.example):\n  COOKIE_SECURE: false is only allowed when SITE_URL is http://localhost (it is ${siteUrl})`);
  }
  if (v.EMBED_PROVIDER === 'openai' && (!v.EMBED_OPENAI_URL || !v.EMBED_OPENAI_MODEL)) {
    const missing = [!v.EMBED_OPENAI_URL && 'EMBED_OPENAI_URL', !v.EMBED_OPENAI_MODEL && 'EMBED_OPENAI_MODEL'].filter(Boolean).join(' and ');
    throw new ConfigError(`Invalid configuration (see .env.example):\n  EMBED_PROVIDER: openai needs ${missing} (e.g. EMBED_OPENAI_URL=http://127.0.0.1:8080/v1 EMBED_OPENAI_MODEL=nomic-embed-text)`);
  }
  return Object.freeze({
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    siteUrl,
    timeZone: v.TIMEZONE,
    importSample: v.IMPORT_SAMPLE,
    pageCacheSeconds: v.PAGE_CACHE_SECONDS,
    arxivApiUrl: v.ARXIV_API_URL,
    logLevel: v.LOG_LEVEL,
    smtpUrl: v.SMTP_URL ?? null,
    mailFrom: v.MAIL_FROM ?? `Paperboy <paperboy@${site.hostname.replace(/^\[|\]$/g, '')}>`,
    cookieSecure: v.COOKIE_SECURE === 'true' || (v.COOKIE_SECURE === 'auto' && !isPlainLocalhost),
    sessionIdleMinutes: v.SESSION_IDLE_MINUTES,
    sessionMaxDays: v.SESSION_MAX_DAYS,
    trustProxy: v.TRUST_PROXY,
    submitMaxAgeDays: v.SUBMIT_MAX_AGE_DAYS,
    submitDailyCap: v.SUBMIT_DAILY_CAP,
    digestHour: v.DIGEST_HOUR,
    digestWeekday: v.DIGEST_WEEKDAY,
    digestTopN: v.DIGEST_TOP_N,
    digestMaxLateHours: v.DIGEST_MAX_LATE_HOURS,
    digestMaxAttempts: v.DIGEST_MAX_ATTEMPTS,
    runJobs: v.RUN_JOBS,
    mailWebhookSecret: v.MAIL_WEBHOOK_SECRET ?? null,
    embedDir: v.EMBED_DIR ?? (v.DATABASE_URL.startsWith('sqlite:') ? path.join(path.dirname(v.DATABASE_URL.slice('sqlite:'.length)), 'embed') : './data/embed'),
    embedProvider: v.EMBED_PROVIDER,
    embedOpenAi:
      v.EMBED_PROVIDER === 'openai'
        ? { url: v.EMBED_OPENAI_URL!.replace(/\/+$/, ''), model: v.EMBED_OPENAI_MODEL!, apiKey: v.EMBED_OPENAI_API_KEY ?? null, dimensions: v.EMBED_OPENAI_DIMENSIONS ?? null }
        : null,
    forYouDays: v.FOR_YOU_DAYS,
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
