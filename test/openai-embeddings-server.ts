import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the next request gets instead of vectors; consumed one per request, in order. */
export type EmbeddingFault =
  | { status: number; retryAfter?: string; body?: string }
  | 'malformed-json'
  | 'wrong-count'
  | 'wrong-dim'
  | 'hang-up';

export type EmbeddingsServer = {
  /** Base URL to give the provider, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  /** Every request's parsed body and Authorization header, in order. */
  requests: Array<{ body: { model?: unknown; input?: unknown; dimensions?: unknown }; authorization: string | undefined }>;
  faults: EmbeddingFault[];
  /** While true every request is refused with 503 (an endpoint that is down). */
  isDown: boolean;
  close(): Promise<void>;
};

/** Dimensions of the test vectors. */
export const TEST_EMBEDDING_DIM = 64;

/**
 * The vector the test endpoint gives a text: its words (3+ letters) hashed into 64 counts, scaled
 * by 3 so callers must normalise. Texts sharing words are nearer than texts sharing none.
 */
export function hashedBagOfWords(text: string, dim = TEST_EMBEDDING_DIM): number[] {
  const v = new Array<number>(dim).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    let h = 2166136261;
    for (const c of word) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    v[(h >>> 0) % dim]! += 3;
  }
  return v;
}

/**
 * A local OpenAI-compatible embeddings endpoint (POST {url}/embeddings with {model, input}),
 * answering `{object: 'list', data: [{object, index, embedding}], model, usage}` with
 * hashedBagOfWords vectors, in reverse order (clients must sort by index), or a queued fault.
 */
export async function startEmbeddingsServer(opts: { apiKey?: string } = {}): Promise<EmbeddingsServer> {
  const state: EmbeddingsServer = { url: '', requests: [], faults: [], isDown: false, close: async () => {} };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') return send(404, { error: { message: `no route ${req.method} ${req.url}` } });
      const body = JSON.parse(raw) as EmbeddingsServer['requests'][number]['body'];
      state.requests.push({ body, authorization: req.headers.authorization });
      if (state.isDown) return send(503, { error: { message: 'model is loading' } });
      const fault = state.faults.shift();
      if (fault === 'hang-up') return req.socket.destroy();
      if (fault === 'malformed-json') return send(200, '{"data": [');
      if (typeof fault === 'object') return send(fault.status, fault.body ?? { error: { message: `fault ${fault.status}` } }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
        return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
      }
      if (body.model !== 'test-embed') return send(404, { error: { message: `The model '${String(body.model)}' does not exist` } });
      const input = body.input as string[];
      if (!Array.isArray(input) || input.some((t) => typeof t !== 'string' || t === '')) return send(400, { error: { message: 'input must be non-empty strings' } });
      const dim = typeof body.dimensions === 'number' ? body.dimensions : TEST_EMBEDDING_DIM;
      let data = input.map((t, index) => ({ object: 'embedding', index, embedding: hashedBagOfWords(t, dim) }));
      if (fault === 'wrong-count') data = data.slice(1);
      if (fault === 'wrong-dim') data[0]!.embedding = data[0]!.embedding.slice(1);
      send(200, { object: 'list', data: data.reverse(), model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}
