import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordSource } from './read-records';

describe('reading a corrupt gzip file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-read-records-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `2401.${String(i).padStart(5, '0')}`, title: `Paper ${i}` })).join('\n');
  const gz = zlib.gzipSync(lines);
  const file = path.join(dir, 'cut.jsonl.gz');
  fs.writeFileSync(file, gz.subarray(0, gz.length - 20));

  it('reports a cut-short file as a read error', async () => {
    const source = await openRecordSource(file);
    await expect(async () => {
      for await (const _ of source.records());
    }).rejects.toThrow(/cannot read \(.*(unexpected end|corrupt)/i);
  });

  it('raises nothing later when the reader stops early (the zlib error must not go unhandled)', async () => {
    const unhandled: unknown[] = [];
    const onError = (e: unknown) => unhandled.push(e);
    process.on('uncaughtException', onError);
    try {
      for (let i = 0; i < 5; i++) {
        const source = await openRecordSource(file);
        for await (const _ of source.records()) break;
      }
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(unhandled).toEqual([]);
  });
});
