import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createArxivClient } from '../arxiv/arxiv-client';
import { loadConfig } from '../config';
import type { Deps } from '../deps';
import { createMailer } from '../email/mailer';
import { hasModel, loadModel } from '../embed/model-file';
import { VectorIndex } from '../embed/vector-index';
import { silentLogger } from '../log';
import { createKeywordSearch } from '../storage/search/create-keyword-search';
import { createTestDb, type TestDb } from '../../test/databases';
import { insertPaper } from '../../test/factories';
import { startEmbeddingsServer } from '../../test/openai-embeddings-server';
import { tinyCorpus } from '../../test/tiny-corpus';
import { registerEmbedCommand } from './embed-command';

describe('paperboy embed', () => {
  let db: TestDb;
  let dir: string;
  let out: string;
  beforeEach(async () => {
    db = await createTestDb('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-embed-cli-'));
    for (const [i, p] of tinyCorpus(10).entries()) await insertPaper(db, { arxivId: `2501.${30000 + i}`, title: p.title, abstract: p.abstract });
    out = '';
    env = {};
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let env: Record<string, string> = {};
  async function paperboy(...args: string[]) {
    const program = new Command().exitOverride();
    const getDeps = async (): Promise<Deps> => {
      const config = loadConfig({ DATABASE_URL: db.url, EMBED_DIR: dir, ...env });
      return {
        config, db: { ...db, close: async () => {} }, search: createKeywordSearch(db), log: silentLogger,
        mailer: createMailer({ smtpUrl: null, from: 'p@paperboy.test', log: silentLogger }),
        arxiv: createArxivClient({ baseUrl: config.arxivApiUrl }), now: () => new Date('2026-08-22T12:00:00Z'),
      };
    };
    registerEmbedCommand(program, getDeps);
    await program.parseAsync(['node', 'paperboy', ...args]);
  }

  it('trains a model into EMBED_DIR, then indexes every paper', async () => {
    await paperboy('embed', 'train', '--epochs', '2', '--dim', '32', '--seed', '3');
    expect(out).toMatch(/trained on 40 papers \(vocabulary \d+, losses [\d.]+ [\d.]+\)/);
    expect(hasModel(dir)).toBe(true);
    expect(loadModel(dir).info).toMatchObject({ dim: 32, seed: 3, epochs: 2, papers: 40 });
    expect(fs.existsSync(path.join(dir, 'checkpoint.bin'))).toBe(false);
    await paperboy('embed', 'index');
    expect(out).toMatch(/indexed 40 papers/);
    expect(VectorIndex.load(path.join(dir, 'papers.usearch'))!.size).toBe(40);
  });

  it('refuses bad options and indexing without a model', async () => {
    await expect(paperboy('embed', 'train', '--dim', '7')).rejects.toThrow(/--dim must be a whole number from 32 to 512/);
    await expect(paperboy('embed', 'index')).rejects.toThrow(/no embedding model/);
  });

  it('indexes with an OpenAI-compatible endpoint, and refuses to train for it', async () => {
    const server = await startEmbeddingsServer();
    try {
      env = { EMBED_PROVIDER: 'openai', EMBED_OPENAI_URL: server.url, EMBED_OPENAI_MODEL: 'test-embed' };
      await paperboy('embed', 'index');
      expect(out).toMatch(/indexed 40 papers/);
      expect(VectorIndex.load(path.join(dir, 'papers.usearch'))!.info).toMatchObject({ dim: 64, model: `openai:test-embed@${new URL(server.url).host}` });
      await expect(paperboy('embed', 'train')).rejects.toThrow(/^embed train trains the built-in model, but EMBED_PROVIDER is openai: set EMBED_PROVIDER=builtin to use it, or run paperboy embed index/);
      expect(hasModel(dir)).toBe(false);
    } finally {
      await server.close();
    }
  });
});
