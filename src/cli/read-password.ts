import readline from 'node:readline';

/** The streams a password is read from and prompted on (process.stdin/stderr; fakes in tests). */
export type PasswordStreams = { input: NodeJS.ReadStream; output: NodeJS.WritableStream };

/**
 * A new password for a CLI command. From a terminal: asked twice without echo, and both must
 * match. Otherwise (a pipe or file, as scripts and tests use): the first line of stdin, without
 * its line ending, so `printf '%s\n' "$PW" | paperboy user create …` works and the password
 * never appears in the process list or shell history.
 */
export async function readNewPassword(streams: PasswordStreams = { input: process.stdin, output: process.stderr }): Promise<string> {
  if (!streams.input.isTTY) return readFirstLine(streams.input);
  const first = await promptHidden('Password: ', streams);
  const second = await promptHidden('Password (again): ', streams);
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = readline.createInterface({ input, terminal: false, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
  } finally {
    lines.close();
  }
  throw new Error('no password on stdin (pipe it in as one line, or run on a terminal to be asked)');
}

/** Reads one line in raw mode, echoing nothing; Ctrl-C or Ctrl-D on an empty line cancels. */
function promptHidden(prompt: string, { input, output }: PasswordStreams): Promise<string> {
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) return finish(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}
