import { spawn } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../bin/paperboy.js');

export type PaperboyRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs the real `paperboy` binary (as a user would) and never throws: returns its exit code and
 * output. `stdin` is piped in (so the binary sees no terminal) and closed; `env` adds to this
 * process's environment.
 */
export function runPaperboy(args: string[], options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}): Promise<PaperboyRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
