import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArxivId } from '../src/domain/arxiv-id';

/** How the next requests fail: an HTTP status, an answer that never comes, or a TCP reset. */
export type ArxivFailMode = '503' | '429' | 'hang' | 'reset';

/** One request as the server saw it. `at` is `performance.now()` when it arrived. */
export type ArxivReplayRequest = {
  at: number;
  url: string;
  idList: string | null;
  answer: 'paper' | 'not-found' | 'error-entry' | 'no-such-path' | ArxivFailMode;
};

/** A running replay server; pass `url` to `createArxivClient({ baseUrl })`. */
export type ArxivReplayServer = {
  /** The query endpoint, `http://127.0.0.1:<port>/api/query`. */
  url: string;
  requests: ArxivReplayRequest[];
  /** The next `n` requests fail in `mode`; `retryAfter` is sent as Retry-After with 503 and 429. */
  failNext(n: number, mode: ArxivFailMode, options?: { retryAfter?: string }): void;
  close(): Promise<void>;
};

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/arxiv');
// The ids the recorded error answers were made for; replaced by the id asked for.
const NOT_FOUND_ID = '2401.99999';
const BAD_FORMAT_ID = '1234.12345';

/**
 * Serves arXiv's `/api/query?id_list=<id>` from test/fixtures/arxiv on a free local port: a
 * recorded paper by id, arXiv's empty feed for any other well-formed id, and arXiv's error entry
 * for an id arXiv would not accept. Failures are real: a 503 or 429 status, a request left
 * unanswered, or a connection reset.
 */
export async function startArxivReplayServer(): Promise<ArxivReplayServer> {
  const papers = new Map<string, string>();
  for (const file of fs.readdirSync(FIXTURES)) {
    if (file.endsWith('.xml') && !file.startsWith('_')) papers.set(file.slice(0, -4).replace('_', '/'), read(file));
  }
  const notFound = read('_not-found.xml');
  const badFormat = read('_error-incorrect-id-format.xml');
  const requests: ArxivReplayRequest[] = [];
  const failures: { mode: ArxivFailMode; retryAfter?: string }[] = [];

  const server = http.createServer((req, res) => {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const idList = url.searchParams.get('id_list');
    const record = (answer: ArxivReplayRequest['answer']) => requests.push({ at, url: req.url ?? '', idList, answer });

    const failure = failures.shift();
    if (failure) {
      record(failure.mode);
      if (failure.mode === 'hang') return; // never answered; close() or the client's abort ends it
      if (failure.mode === 'reset') return req.socket.resetAndDestroy();
      const headers: http.OutgoingHttpHeaders = failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {};
      if (failure.mode === '429') return res.writeHead(429, { ...headers, 'Content-Type': 'text/plain' }).end('Rate exceeded.');
      return res.writeHead(503, { ...headers, 'Content-Type': 'text/html' }).end('<html><body><h1>503 Service Unavailable</h1></body></html>');
    }

    if (url.pathname !== '/api/query' || idList === null) {
      record('no-such-path');
      return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
    }
    const id = idList.replace(/v\d+$/, '');
    const paper = papers.get(id);
    const answer = paper ? 'paper' : parseArxivId(id).ok ? 'not-found' : 'error-entry';
    record(answer);
    const body = paper ?? (answer === 'not-found' ? notFound.replaceAll(NOT_FOUND_ID, id) : badFormat.replaceAll(BAD_FORMAT_ID, escapeXml(idList)));
    res.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' }).end(body);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/query`,
    requests,
    failNext(n, mode, options = {}) {
      for (let i = 0; i < n; i++) failures.push({ mode, ...options });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // hung requests and keep-alive sockets would hold close() open
      }),
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function read(file: string): string {
  return fs.readFileSync(path.join(FIXTURES, file), 'utf8');
}
