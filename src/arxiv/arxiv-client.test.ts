import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startArxivReplayServer, type ArxivReplayServer } from '../../test/arxiv-replay-server';
import { InputError } from '../domain/input-error';
import { createArxivClient, type ArxivClientOptions } from './arxiv-client';
import { ArxivNotFoundError, ArxivUnavailableError } from './arxiv-errors';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/arxiv');

let server: ArxivReplayServer;
beforeEach(async () => {
  server = await startArxivReplayServer();
});
afterEach(async () => {
  await server.close();
});

/** Records the delays the client asks for and waits only briefly, so backoff is checked, not endured. */
function recordingSleep() {
  const delays: number[] = [];
  const sleep = (ms: number) => {
    delays.push(ms);
    return new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 10)));
  };
  return { delays, sleep };
}

/** A client without the request spacing, for tests about one call. */
function client(options: Partial<ArxivClientOptions> = {}) {
  return createArxivClient({ baseUrl: server.url, minIntervalMs: 0, ...options });
}

describe('fetchPaper parses the recorded answers', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xml') && !f.startsWith('_'));

  it.each(files)('%s', async (file) => {
    const xml = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const id = file.slice(0, -4).replace('_', '/');
    const paper = await client().fetchPaper(id);
    expect(paper.arxivId).toBe(id);
    expect(paper.version).toBe(Number(/<id>http:\/\/arxiv\.org\/abs\/.+v(\d+)<\/id>/.exec(xml)![1]));
    expect(paper.title).not.toMatch(/\s{2}|\n|^\s|\s$/);
    expect(paper.abstract).not.toMatch(/\s{2}|\n|^\s|\s$/);
    expect(paper.authors).toHaveLength(xml.match(/<author>/g)!.length);
    expect(paper.categories[0]).toBe(/<arxiv:primary_category[^>]*term="([^"]+)"/.exec(xml)![1]);
    expect(new Set(paper.categories).size).toBe(paper.categories.length);
    expect(paper.publishedAt <= paper.updatedAt).toBe(true);
    expect(paper.pdfUrl).toBe(`${/https?:\/\/arxiv\.org\/pdf\//.exec(xml)![0]}${id}v${paper.version}`);
  });

  it('reads a current-format entry field by field (LaTeX in the abstract)', async () => {
    const paper = await client().fetchPaper('2403.09977');
    expect(paper).toEqual({
      arxivId: '2403.09977',
      version: 1,
      title: 'EfficientVMamba: Atrous Selective Scan for Light Weight Visual Mamba',
      abstract: expect.stringMatching(/^Prior efforts in light-weight model development mainly centered on CNN and Transformer-based designs yet/),
      authors: ['Xiaohuan Pei', 'Tao Huang', 'Chang Xu'],
      publishedAt: '2024-03-15T00:00:00.000Z',
      updatedAt: '2024-03-15T00:00:00.000Z',
      categories: ['cs.CV', 'cs.AI'],
      comment: null,
      journalRef: null,
      doi: null,
      pdfUrl: 'https://arxiv.org/pdf/2403.09977v1',
      absUrl: 'https://arxiv.org/abs/2403.09977v1',
    });
    expect(paper.abstract).toContain('escalate computational demands $\\mathcal{O}(N^2)$. This ongoing trade-off');
    expect(paper.abstract).toMatch(/by a large margin of \$5\.6\\%\$ accuracy on ImageNet\. Code is available at: \\url\{https:\/\/github\.com\/TerryPei\/EfficientVMamba\}\.$/);
  });

  it('reads a legacy-format entry with an old-style id field by field', async () => {
    const paper = await client().fetchPaper('hep-th/9711200');
    expect(paper).toEqual({
      arxivId: 'hep-th/9711200',
      version: 3,
      title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
      abstract: expect.stringMatching(/^We show that the large \$N\$ limit of certain conformal field theories in various dimensions include/),
      authors: ['Juan M. Maldacena'],
      publishedAt: '1997-11-27T00:00:00.000Z',
      updatedAt: '1998-01-22T00:00:00.000Z',
      categories: ['hep-th'],
      comment: null,
      journalRef: 'Adv.Theor.Math.Phys.2:231-252,1998',
      doi: null,
      pdfUrl: 'http://arxiv.org/pdf/hep-th/9711200v3',
      absUrl: 'http://arxiv.org/abs/hep-th/9711200v3',
    });
    expect(paper.abstract).toContain("The 't Hooft limit of 4-d ${\\cal N} =4$ super-Yang-Mills");
    expect(paper.abstract.endsWith('to include five non-compact dimensions.')).toBe(true);
  });

  it('keeps LaTeX and non-ASCII letters in a wrapped title, and every author in order', async () => {
    expect((await client().fetchPaper('2402.02791')).title).toBe('PanGu-$π$ Pro:Rethinking Optimization and Architecture for Tiny Language Models');
    const r1 = await client().fetchPaper('arXiv:2501.12948v3');
    expect(r1.title).toBe('DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning');
    expect(r1.authors).toHaveLength(198);
    expect(r1.authors.slice(0, 3)).toEqual(['DeepSeek-AI', 'Daya Guo', 'Dejian Yang']);
    expect((await client().fetchPaper('https://arxiv.org/abs/2606.04525')).categories).toEqual(['cs.CL', 'cs.LG', 'q-bio.GN']);
  });
});

describe('fetchPaper answers', () => {
  it('ArxivNotFoundError for an id arXiv does not have, after one request', async () => {
    const error = await client().fetchPaper('2401.99999').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivNotFoundError);
    expect((error as Error).message).toBe('arXiv has no paper 2401.99999');
    expect(server.requests.map((r) => [r.idList, r.answer])).toEqual([['2401.99999', 'not-found']]);
  });

  it("ArxivNotFoundError with arXiv's reason when it answers with its error entry", async () => {
    // Our id check is stricter than arXiv's, so rewrite the id on the wire to get its error entry.
    const fetchOther: typeof fetch = (url, init) => fetch(String(url).replace('2401.17377', '1234.12345'), init);
    const error = await client({ fetch: fetchOther }).fetchPaper('2401.17377').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivNotFoundError);
    expect((error as Error).message).toBe('arXiv has no paper 2401.17377 (arXiv says: incorrect id format for 1234.12345)');
  });

  it('InputError for a malformed id, before any request', async () => {
    for (const bad of ['2401.1234', '2413.12345', 'not an id', '']) {
      await expect(client().fetchPaper(bad)).rejects.toBeInstanceOf(InputError);
    }
    await expect(client().fetchPaper('2401.1234')).rejects.toThrow('ids from 2015 on have 5 digits after the dot');
    expect(server.requests).toHaveLength(0);
  });

  it('ArxivUnavailableError without retrying for a 4xx other than 429', async () => {
    const error = await client({ baseUrl: server.url.replace('/api/query', '/api/nothing') }).fetchPaper('2401.17377').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivUnavailableError);
    expect((error as Error).message).toBe('arXiv refused the request for 2401.17377 (HTTP 404); try again later');
    expect(server.requests).toHaveLength(1);
  });

  it('ArxivUnavailableError for an answer that is not an Atom feed', async () => {
    const htmlPage: typeof fetch = async () => new Response('<html><body>Service temporarily unavailable</body></html>', { status: 200 });
    const error = await client({ fetch: htmlPage }).fetchPaper('2401.17377').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivUnavailableError);
    expect((error as Error).message).toBe('arXiv sent an answer for 2401.17377 that could not be read; try again in a few minutes');
  });
});

describe('fetchPaper retries', () => {
  it('after a 503, with a jittered first backoff of 0.5 to 1 s', async () => {
    const { delays, sleep } = recordingSleep();
    server.failNext(1, '503');
    const paper = await client({ sleep }).fetchPaper('2401.17377');
    expect(paper.title).toBe('Infini-gram: Scaling Unbounded n-gram Language Models to a Trillion Tokens');
    expect(server.requests.map((r) => r.answer)).toEqual(['503', 'paper']);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(delays[0]).toBeLessThanOrEqual(1000);
  });

  it("after a 429, waiting at least the server's Retry-After", async () => {
    const { delays, sleep } = recordingSleep();
    server.failNext(1, '429', { retryAfter: '2' });
    await client({ sleep }).fetchPaper('2401.17377');
    expect(server.requests.map((r) => r.answer)).toEqual(['429', 'paper']);
    expect(delays).toEqual([2000]);
  });

  it('gives up at once when Retry-After asks for more than 30 s', async () => {
    server.failNext(1, '503', { retryAfter: '120' });
    await expect(client().fetchPaper('2401.17377')).rejects.toThrow('arXiv is busy and asked for a pause of 120 s; try again in a few minutes');
    expect(server.requests).toHaveLength(1);
  });

  it('after a request that hangs past the timeout', async () => {
    const { sleep } = recordingSleep();
    server.failNext(1, 'hang');
    const started = performance.now();
    const paper = await client({ sleep, timeoutMs: 200 }).fetchPaper('2401.17377');
    expect(paper.arxivId).toBe('2401.17377');
    expect(server.requests.map((r) => r.answer)).toEqual(['hang', 'paper']);
    // Not a strict 200: libuv starts timers from the loop's cached time, which may be a little earlier.
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('after a connection reset', async () => {
    const { sleep } = recordingSleep();
    server.failNext(1, 'reset');
    await client({ sleep }).fetchPaper('2401.17377');
    expect(server.requests.map((r) => r.answer)).toEqual(['reset', 'paper']);
  });

  it('then throws ArxivUnavailableError when every try fails, backing off exponentially', async () => {
    const { delays, sleep } = recordingSleep();
    server.failNext(2, '503');
    server.failNext(1, 'reset');
    server.failNext(1, 'hang');
    const error = await client({ sleep, timeoutMs: 200 }).fetchPaper('2401.17377').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivUnavailableError);
    expect((error as ArxivUnavailableError).message).toBe('arXiv did not answer after 4 tries; try again in a few minutes');
    expect((error as ArxivUnavailableError).attempts).toBe(4);
    expect(((error as Error).cause as Error).message).toBe('try 4: no answer within 200 ms');
    expect(server.requests.map((r) => r.answer)).toEqual(['503', '503', 'reset', 'hang']);
    expect(delays).toHaveLength(3);
    [
      [500, 1000],
      [1000, 2000],
      [2000, 4000],
    ].forEach(([low, high], i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(low!);
      expect(delays[i]).toBeLessThanOrEqual(high!);
    });
  });
});

describe('request spacing', () => {
  it('sends concurrent fetches one at a time, at least minIntervalMs apart at the server', async () => {
    const arxiv = createArxivClient({ baseUrl: server.url, minIntervalMs: 300 });
    const ids = ['2401.17377', '2403.09977', '2606.04525'];
    const papers = await Promise.all(ids.map((id) => arxiv.fetchPaper(id)));
    expect(papers.map((p) => p.arxivId)).toEqual(ids);
    const times = server.requests.map((r) => r.at);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(300);
  });

  it('counts a failed request for the spacing, and a failed call does not hold up the next caller', async () => {
    const arxiv = createArxivClient({ baseUrl: server.url, minIntervalMs: 150, retries: 0 });
    server.failNext(1, '503');
    const [first, second] = await Promise.allSettled([arxiv.fetchPaper('2401.17377'), arxiv.fetchPaper('2403.09977')]);
    expect(first.status).toBe('rejected');
    expect((first as PromiseRejectedResult).reason).toBeInstanceOf(ArxivUnavailableError);
    expect(((first as PromiseRejectedResult).reason as Error).message).toBe('arXiv did not answer after 1 try; try again in a few minutes');
    expect(second.status).toBe('fulfilled');
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(150);
  });
});
