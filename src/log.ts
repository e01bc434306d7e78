/** A tiny leveled logger writing one line per event to stderr. */
export type Logger = {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
};

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;

/** A logger that drops messages below `level`. */
export function createLogger(level: keyof typeof LEVELS = 'info'): Logger {
  const min = LEVELS[level];
  const at = (l: keyof typeof LEVELS) => (msg: string) => {
    if (LEVELS[l] >= min) process.stderr.write(`${new Date().toISOString()} ${l.padEnd(5)} ${msg}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that discards everything (tests). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
