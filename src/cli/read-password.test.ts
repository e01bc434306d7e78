import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readNewPassword } from './read-password';

/** A fake terminal: typed keys arrive as data; raw mode is recorded; the prompt output collected. */
function terminal(keys: string[]) {
  const input = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  Object.assign(input, { setRawMode: (on: boolean) => (input.rawModes.push(on), input) });
  let shown = '';
  const output = { write: (s: string) => ((shown += s), true) } as unknown as NodeJS.WritableStream;
  const typing = (async () => {
    for (const k of keys) {
      await new Promise((r) => setTimeout(r, 5));
      input.write(k);
    }
  })();
  return { streams: { input: input as unknown as NodeJS.ReadStream, output }, shown: () => shown, rawModes: input.rawModes, typing };
}

describe('readNewPassword', () => {
  it('reads the first line of a pipe', async () => {
    const input = new PassThrough();
    input.end('first line secret\r\nsecond\n');
    expect(await readNewPassword({ input: input as unknown as NodeJS.ReadStream, output: new PassThrough() })).toBe('first line secret');
  });

  it('asks twice on a terminal without echoing, and handles backspace', async () => {
    const t = terminal(['s3cret wordx', '\u007f\r', 's3cret word\r']);
    const password = await readNewPassword(t.streams);
    expect(password).toBe('s3cret word');
    expect(t.shown()).toBe('Password: \nPassword (again): \n');
    expect(t.rawModes).toEqual([true, false, true, false]);
  });

  it('refuses two different entries', async () => {
    const t = terminal(['one password\r', 'two password\r']);
    await expect(readNewPassword(t.streams)).rejects.toThrow('the two passwords differ');
  });
});
