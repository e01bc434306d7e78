import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashedBagOfWords, startEmbeddingsServer, TEST_EMBEDDING_DIM, type EmbeddingsServer } from '../../test/openai-embeddings-server';
import { dot } from '../domain/vector-math';
import { openAiProvider, type OpenAiProviderOptions } from './openai-provider';

describe('the OpenAI-compatible embedding provider', () => {
  let server: EmbeddingsServer;
  let pauses: number[];
  const provider = (o: Partial<OpenAiProviderOptions> = {}) =>
    openAiProvider({ url: server.url, model: 'test-embed', sleep: async (ms) => void pauses.push(ms), timeoutMs: 2000, ...o });
  const length = (v: Float32Array) => Math.sqrt(dot(v, v));

  beforeAll(async () => {
    server = await startEmbeddingsServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.faults.length = 0;
    server.isDown = false;
    pauses = [];
  });

  it('gives unit vectors in input order, related texts nearer, and learns the size from the first answer', async () => {
    const p = provider();
    await p.prepare!();
    expect(p.dim).toBe(TEST_EMBEDDING_DIM);
    expect(p.name).toBe(`openai:test-embed@${new URL(server.url).host}`);
    const [robot, robot2, protein] = await p.embed(['robot arm gripper torque', 'robot gripper grasp', 'protein folding enzyme']);
    for (const v of [robot!, robot2!, protein!]) expect(length(v)).toBeCloseTo(1, 5);
    expect(dot(robot!, robot2!)).toBeGreaterThan(dot(robot!, protein!) + 0.3);
    // The server answers in reverse order: the provider sorts by index.
    const expected = hashedBagOfWords('protein folding enzyme');
    const norm = Math.sqrt(expected.reduce((s, x) => s + x * x, 0));
    expect(Array.from(protein!)).toEqual(expected.map((x) => Math.fround(x / norm)));
    expect(server.requests.at(-1)!.body).toEqual({ model: 'test-embed', input: ['robot arm gripper torque', 'robot gripper grasp', 'protein folding enzyme'] });
  });

  it('batches by count and by characters, and gives blank texts the zero vector without sending them', async () => {
    const p = provider({ maxBatch: 3, maxChars: 40 });
    const texts = ['alpha beta', '', 'gamma delta', 'epsilon zeta', 'eta theta', '  ', 'x'.repeat(100), 'iota kappa'];
    const vectors = await p.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    expect(server.requests.map((r) => r.body.input)).toEqual([
      ['alpha beta', 'gamma delta', 'epsilon zeta'],
      ['eta theta'],
      ['x'.repeat(100)],
      ['iota kappa'],
    ]);
    expect(vectors[1]!.every((x) => x === 0) && vectors[5]!.every((x) => x === 0)).toBe(true);
    expect(vectors[1]).toHaveLength(TEST_EMBEDDING_DIM);
    expect(length(vectors[7]!)).toBeCloseTo(1, 5);
    expect(await p.embed([])).toEqual([]);
  });

  it('asks for the configured dimensions and sends the key as a Bearer token', async () => {
    const p = provider({ dimensions: 16, apiKey: 'sk-test' });
    expect(p.dim).toBe(16);
    const [v] = await p.embed(['robot arm']);
    expect(v).toHaveLength(16);
    expect(server.requests[0]).toMatchObject({ body: { dimensions: 16 }, authorization: 'Bearer sk-test' });
  });

  it('retries a 429 after its Retry-After, and a 500, a 503 and a hang-up with growing pauses', async () => {
    server.faults.push({ status: 429, retryAfter: '2' }, { status: 500 });
    const [v] = await provider().embed(['robot arm']);
    expect(length(v!)).toBeCloseTo(1, 5);
    expect(pauses).toEqual([2000, 1000]);
    pauses = [];
    server.faults.push({ status: 503 }, 'hang-up');
    expect(await provider({ backoffMs: 100 }).embed(['robot arm'])).toHaveLength(1);
    expect(pauses).toEqual([100, 200]);
    expect(server.requests).toHaveLength(6);
  });

  it('gives up after its retries with the last reason', async () => {
    server.isDown = true;
    await expect(provider({ retries: 2 }).embed(['robot'])).rejects.toThrow(/embeddings endpoint .*\/v1\/embeddings answered 503: model is loading \(3 tries\)/);
    expect(server.requests).toHaveLength(3);
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    await expect(provider({ url: `http://127.0.0.1:${port}/v1`, retries: 1 }).embed(['robot'])).rejects.toThrow(/could not be reached \(ECONNREFUSED\) \(2 tries\)/);
  });

  it('tries once, with a short timeout, when a reader is waiting', async () => {
    server.isDown = true;
    await expect(provider().embed(['robot'], { isInteractive: true })).rejects.toThrow(/answered 503: model is loading \(1 tries\)/);
    expect(server.requests).toHaveLength(1);
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const started = performance.now();
    await expect(provider({ url: `http://127.0.0.1:${port}/v1`, interactiveTimeoutMs: 150 }).embed(['robot'], { isInteractive: true })).rejects.toThrow(/did not answer within 150 ms \(1 tries\)/);
    expect(performance.now() - started).toBeLessThan(1500);
    silent.close();
    expect(pauses).toEqual([]);
  });

  it('does not retry a 4xx and says what to check', async () => {
    server.faults.push({ status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided' } }) });
    await expect(provider().embed(['robot'])).rejects.toThrow(/answered 401: Incorrect API key provided \(check EMBED_OPENAI_API_KEY\)$/);
    await expect(provider({ model: 'nope' }).embed(['robot'])).rejects.toThrow(/answered 404: The model 'nope' does not exist \(check EMBED_OPENAI_URL and EMBED_OPENAI_MODEL\)/);
    expect(server.requests).toHaveLength(2);
    expect(pauses).toEqual([]);
  });

  it('refuses malformed answers: not JSON, a wrong count, a changed size', async () => {
    server.faults.push('malformed-json');
    await expect(provider().embed(['a robot'])).rejects.toThrow(/malformed answer: not JSON/);
    server.faults.push('wrong-count');
    await expect(provider().embed(['a robot', 'a protein'])).rejects.toThrow(/malformed answer: 1 vectors for 2 texts/);
    const p = provider();
    await p.embed(['a robot']);
    server.faults.push('wrong-dim');
    await expect(p.embed(['a robot'])).rejects.toThrow(/a vector of 63 dimensions where 64 were seen before/);
    expect(pauses).toEqual([]);
  });

  it('gives up on a request that takes longer than its timeout', async () => {
    // A socket that accepts and never answers.
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    await expect(provider({ url: `http://127.0.0.1:${port}/v1`, timeoutMs: 100, retries: 1 }).embed(['robot'])).rejects.toThrow(/did not answer within 100 ms \(2 tries\)/);
    silent.close();
  });
});
