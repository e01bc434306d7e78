import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { LineTooLongError, readLines } from './read-lines';

/** A JSON value read from a file, or the reason a line could not be read as JSON. */
export type RawRecord = { ref: string; value: unknown } | { ref: string; reason: string };

/** An opened import file: its records, streamed, and how far reading has got (for progress). */
export type RecordSource = {
  /** Size of the file on disk (compressed size for .gz). */
  totalBytes: number;
  /** Bytes of the file read so far (compressed bytes for .gz). */
  bytesRead(): number;
  /** The records in file order; can be iterated once. Throws `ImportFileError` on a read error. */
  records(): AsyncGenerator<RawRecord>;
};

/** A whole file cannot be imported; the message is the one-line reason. */
export class ImportFileError extends Error {}

/** Whole-JSON files (raw API answers) are parsed in memory; anything this big is not one. */
const MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * Opens a file of records: JSON Lines, or one JSON document (an array of items or one item),
 * each optionally gzip-compressed. Compression is recognised by its magic bytes and the layout
 * by the first non-blank line (`[` or a lone `{` starts a document), never by the file name.
 * JSON Lines are streamed line by line, so memory stays constant whatever the file size.
 */
export async function openRecordSource(file: string): Promise<RecordSource> {
  const name = path.basename(file);
  let handle: fs.promises.FileHandle;
  let totalBytes: number;
  let isGzip: boolean;
  try {
    const stat = await fs.promises.stat(file);
    if (stat.isDirectory()) throw new ImportFileError(`${file}: is a directory, not a file`);
    totalBytes = stat.size;
    handle = await fs.promises.open(file, 'r');
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    isGzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`${file}: cannot read (${describeFsError(error)})`);
  }
  const raw = handle.createReadStream({ start: 0, highWaterMark: 256 * 1024, autoClose: true });
  return {
    totalBytes,
    bytesRead: () => raw.bytesRead,
    records: () => readRecords(raw, isGzip, name, file),
  };
}

async function* readRecords(raw: fs.ReadStream, isGzip: boolean, name: string, file: string): AsyncGenerator<RawRecord> {
  let input: NodeJS.ReadableStream = raw;
  let gunzip: zlib.Gunzip | undefined;
  if (isGzip) {
    // Large output chunks: fewer callbacks and fewer lines pieced together across chunks.
    gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
    raw.on('error', (e) => gunzip!.destroy(e));
    // The line reader raises a zlib error (corrupt or cut-short data); once it has stopped
    // listening (an early return), this keeps a late one from going unhandled.
    gunzip.on('error', () => {});
    input = raw.pipe(gunzip);
  }
  let lineNo = 0;
  let documentLines: string[] | null = null;
  let documentBytes = 0;
  try {
    for await (const rawLine of readLines(input as AsyncIterable<Buffer>)) {
      lineNo++;
      const line = lineNo === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      if (documentLines) {
        documentBytes += line.length + 1;
        if (documentBytes > MAX_JSON_DOCUMENT_BYTES) {
          throw new ImportFileError(`${file}: a JSON document larger than 256 MB; convert it to JSON Lines`);
        }
        documentLines.push(line);
        continue;
      }
      const trimmed = line.trim();
      if (trimmed === '') continue;
      if (trimmed.startsWith('[') || trimmed === '{') {
        // The first content line opens a JSON document (an API answer): collect the rest.
        documentLines = [line];
        documentBytes = line.length;
        continue;
      }
      try {
        yield { ref: `${name}:${lineNo}`, value: JSON.parse(trimmed) };
      } catch {
        yield { ref: `${name}:${lineNo}`, reason: `not JSON (${clip(trimmed)})` };
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if (error instanceof LineTooLongError) throw new ImportFileError(`${file}: ${error.message}`);
    throw new ImportFileError(`${file}: cannot read (${describeFsError(error)})`);
  } finally {
    // Also when the reader stops early: a stream left open could fail later with nobody listening.
    gunzip?.destroy();
    raw.destroy();
  }
  if (!documentLines) return;
  let document: unknown;
  try {
    document = JSON.parse(documentLines.join('\n'));
  } catch (error) {
    throw new ImportFileError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const items = Array.isArray(document) ? document : [document];
  for (let i = 0; i < items.length; i++) yield { ref: `${name}:#${i}`, value: items[i] };
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR') return `corrupt gzip data: ${e.message}`;
  return e.message ?? String(error);
}

/** The start of a line, safe to print: binary junk must not reach the terminal as control codes. */
function clip(s: string): string {
  const shown = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return shown.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
}
