import { normalize } from '../domain/vector-math';
import type { EmbeddingProvider } from './embedding-provider';

export type OpenAiProviderOptions = {
  /** Base URL of the API, e.g. `http://127.0.0.1:8080/v1`; requests go to `{url}/embeddings`. */
  url: string;
  model: string;
  /** Sent as a Bearer token when set. */
  apiKey?: string | null;
  /** Asked for in each request (`dimensions`) and required of each answer; otherwise learned from the first answer. */
  dimensions?: number | null;
  /** Texts per request (OpenAI accepts up to 2,048; local servers often far fewer). */
  maxBatch?: number;
  /** Characters per request: a rough stand-in for the endpoint's token budget. */
  maxChars?: number;
  /** Per request, including reading the answer. */
  timeoutMs?: number;
  /** Per request when a reader is waiting (`isInteractive`: one try, no retry; default 5 s). */
  interactiveTimeoutMs?: number;
  /** Further tries after a 408, 429, 5xx, timeout or network error. */
  retries?: number;
  /** First backoff pause; doubled each retry, capped, and replaced by Retry-After when the endpoint sends one. */
  backoffMs?: number;
  /** Longest pause between tries (a Retry-After above it is cut down to it). */
  maxBackoffMs?: number;
  /** Waits between tries (tests pass one that records and returns at once). */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
};

/** Thrown for an answer that will not improve by asking again (4xx, malformed body). */
export class EmbeddingEndpointError extends Error {}

type Batch = { indexes: number[]; texts: string[] };

/**
 * An OpenAI-compatible embeddings endpoint (OpenAI, llama.cpp server, Ollama's /v1, vLLM, TEI…)
 * as a provider. Texts go in batches bounded by count and characters; each answer is checked
 * (one vector per input, by `index`, all of one size) and every vector is scaled to unit length,
 * as the interface promises (cosine is the index's dot product). Blank texts get the zero vector
 * without a request: endpoints refuse empty input. `name` carries model and host, so pointing
 * the site at another model rebuilds the index instead of mixing incomparable vectors.
 */
export function openAiProvider(o: OpenAiProviderOptions): EmbeddingProvider {
  const base = o.url.replace(/\/+$/, '');
  const endpoint = `${base}/embeddings`;
  const maxBatch = o.maxBatch ?? 96;
  const maxChars = o.maxChars ?? 60_000;
  const retries = o.retries ?? 3;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const doFetch = o.fetch ?? fetch;
  let dim = o.dimensions ?? 0;

  const post = async (texts: string[], isInteractive = false): Promise<Float32Array[]> => {
    const timeoutMs = isInteractive ? (o.interactiveTimeoutMs ?? 5_000) : (o.timeoutMs ?? 30_000);
    const tries = isInteractive ? 1 : retries + 1;
    const body = JSON.stringify({ model: o.model, input: texts, ...(o.dimensions ? { dimensions: o.dimensions } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | null = null;
      let failure: string;
      try {
        const res = await doFetch(endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.text();
        if (res.ok) return parseAnswer(text, texts.length);
        failure = `answered ${res.status}${describeError(text)}`;
        if (res.status !== 408 && res.status !== 429 && res.status < 500) {
          throw new EmbeddingEndpointError(`embeddings endpoint ${endpoint} ${failure}${res.status === 401 || res.status === 403 ? ' (check EMBED_OPENAI_API_KEY)' : res.status === 404 ? ' (check EMBED_OPENAI_URL and EMBED_OPENAI_MODEL)' : ''}`);
        }
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      } catch (e) {
        if (e instanceof EmbeddingEndpointError) throw e;
        const err = e as Error & { cause?: { code?: string; message?: string } };
        failure = err.name === 'TimeoutError' ? `did not answer within ${timeoutMs} ms` : `could not be reached (${err.cause?.code ?? err.cause?.message ?? err.message})`;
      }
      if (attempt + 1 >= tries) throw new Error(`embeddings endpoint ${endpoint} ${failure} (${attempt + 1} tries)`);
      const backoff = Math.min(o.maxBackoffMs ?? 30_000, (o.backoffMs ?? 500) * 2 ** attempt);
      await sleep(Math.min(o.maxBackoffMs ?? 30_000, retryAfterMs ?? backoff));
    }
  };

  const parseAnswer = (text: string, count: number): Float32Array[] => {
    const bad = (why: string) => new EmbeddingEndpointError(`embeddings endpoint ${endpoint} gave a malformed answer: ${why}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw bad(`not JSON (${JSON.stringify(text.slice(0, 80))})`);
    }
    const data = (json as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw bad('no "data" array');
    if (data.length !== count) throw bad(`${data.length} vectors for ${count} texts`);
    const out: Float32Array[] = new Array(count);
    for (const [i, item] of data.entries()) {
      const { index, embedding } = (item ?? {}) as { index?: unknown; embedding?: unknown };
      // Answers are in input order with `index`; an answer without indexes is taken in order.
      const at = index === undefined ? i : index;
      if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= count || out[at]) throw bad(`bad or repeated index ${JSON.stringify(index)}`);
      if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw bad(`item ${at} has no list of numbers as "embedding" (base64 encoding is not supported)`);
      }
      if (dim === 0) dim = embedding.length;
      if (embedding.length !== dim) throw bad(`a vector of ${embedding.length} dimensions where ${dim} were ${o.dimensions ? 'asked for' : 'seen before'}`);
      out[at] = normalize(Float32Array.from(embedding));
    }
    return out;
  };

  const embed = async (texts: readonly string[], options?: { isInteractive?: boolean }): Promise<Float32Array[]> => {
    const out: Float32Array[] = new Array(texts.length);
    for (const batch of batches(texts, maxBatch, maxChars)) {
      const vectors = await post(batch.texts, options?.isInteractive);
      for (const [j, i] of batch.indexes.entries()) out[i] = vectors[j]!;
    }
    if (texts.some((t) => t.trim() === '') && dim === 0) await prepare();
    for (const [i, t] of texts.entries()) if (t.trim() === '') out[i] = new Float32Array(dim);
    return out;
  };

  // The size is learned from one small request when no dimensions are configured.
  const prepare = async (): Promise<void> => {
    if (dim === 0) await post(['dimension probe']);
  };

  return {
    name: `openai:${o.model}@${new URL(base).host}`,
    get dim() {
      if (dim === 0) throw new Error('the embeddings endpoint has not been asked yet: call prepare() first');
      return dim;
    },
    prepare,
    embed,
  };
}

/** Non-blank texts grouped in input order, at most `maxBatch` and (one long text aside) `maxChars` per group. */
function batches(texts: readonly string[], maxBatch: number, maxChars: number): Batch[] {
  const out: Batch[] = [];
  let current: Batch = { indexes: [], texts: [] };
  let chars = 0;
  for (const [i, t] of texts.entries()) {
    if (t.trim() === '') continue;
    if (current.texts.length > 0 && (current.texts.length >= maxBatch || chars + t.length > maxChars)) {
      out.push(current);
      current = { indexes: [], texts: [] };
      chars = 0;
    }
    current.indexes.push(i);
    current.texts.push(t);
    chars += t.length;
  }
  if (current.texts.length > 0) out.push(current);
  return out;
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** The endpoint's own explanation (OpenAI's `{"error": {"message"}}`, or the start of the body). */
function describeError(body: string): string {
  let message: unknown;
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    message = typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message);
  } catch {
    message = body;
  }
  const text = typeof message === 'string' ? message.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  return text ? `: ${text}` : '';
}
