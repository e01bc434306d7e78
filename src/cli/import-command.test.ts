import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createArxivClient } from '../arxiv/arxiv-client';
import { loadConfig } from '../config';
import type { Deps } from '../deps';
import { createMailer } from '../email/mailer';
import { silentLogger } from '../log';
import { createKeywordSearch } from '../storage/search/create-keyword-search';
import { createTestDb, DIALECTS, type TestDb } from '../../test/databases';
import { registerImportCommand } from './import-command';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/import/', import.meta.url));

describe.each(DIALECTS)('paperboy import on %s', (dialect) => {
  let db: TestDb;
  let out: string;
  let err: string;
  beforeEach(async () => {
    db = await createTestDb(dialect);
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.drop();
  });

  async function paperboy(...args: string[]) {
    const program = new Command().exitOverride();
    // The command closes the database it is given; the test keeps its own handle open.
    const getDeps = async (): Promise<Deps> => ({
      config: loadConfig({ DATABASE_URL: db.url }),
      db: { ...db, close: async () => {} },
      search: createKeywordSearch(db),
      log: silentLogger,
      mailer: createMailer({ smtpUrl: null, from: 'p@paperboy.test', log: silentLogger }),
      // Never called by the importer; the default endpoint is not contacted.
      arxiv: createArxivClient({ baseUrl: 'http://127.0.0.1:9/api/query' }),
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    registerImportCommand(program, getDeps);
    await program.parseAsync(['node', 'paperboy', 'import', ...args]);
  }

  it('prints the counts and, last, the summary line', async () => {
    await paperboy(path.join(FIXTURES, 'papers.jsonl'), path.join(FIXTURES, 'daily.jsonl'));
    expect(out).toBe(
      'papers: inserted 4, updated 0, unchanged 0\nlistings: inserted 4, updated 0, unchanged 0\ninserted 8, updated 0, unchanged 0, skipped 3\n',
    );
    expect(err).toContain('daily.jsonl:5: unknown paper 2402.99999');
    await paperboy(path.join(FIXTURES, 'papers.jsonl'));
    expect(out.trimEnd().split('\n').at(-1)).toBe('inserted 0, updated 0, unchanged 4, skipped 0');
    expect(out).toContain('nothing changed: the database already holds every record');
  });

  it('fails with one line naming each file that could not be imported, after importing the rest', async () => {
    const missing = path.join(FIXTURES, 'missing.jsonl');
    await expect(paperboy(missing, path.join(FIXTURES, 'all-bad.jsonl'), path.join(FIXTURES, 'papers.jsonl'))).rejects.toThrow(
      `2 files failed: ${missing}: cannot read (no such file); ${path.join(FIXTURES, 'all-bad.jsonl')}: nothing could be imported (3 bad records)`,
    );
    expect(out).toContain('inserted 4, updated 0, unchanged 0, skipped 3');
  });

  it('refuses a bad --batch-size before touching the database', async () => {
    await expect(paperboy('--batch-size', '0', 'x.jsonl')).rejects.toThrow('--batch-size must be an integer from 1 to 100000, got "0"');
  });
});
