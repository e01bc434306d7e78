/**
 * Real Chromium for tests and scripts, through playwright-core (never a downloaded browser):
 * Debian's /usr/bin/chromium (`apt-get install -y chromium`; .ci/run does it), or CHROMIUM_PATH.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Chromium binary the tests drive. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium; the caller closes it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      // Chromium refuses to start its sandbox as root, which is how CI runs.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Runs `fn` with a fresh browser and closes it afterwards, also when `fn` throws. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

const MARK = '__xss fired:';

/**
 * Arms `page` (call it before the first navigation) to notice script that should never run:
 * defines `window.__xss(name)` in every frame the page loads, which logs a marked console line,
 * and listens for those lines and for dialogs. Returns a live list that fills as the page runs:
 * the canary names passed to __xss, in order, from any frame, and `dialog: <message>` for each
 * alert/confirm/prompt (dismissed at once).
 */
export async function detectScripts(page: Page): Promise<string[]> {
  const fired: string[] = [];
  // A string, not a function, because the tests are type-checked without the DOM library.
  // Tagged-template calls (__xss`name`) pass an array; String() gives the name either way.
  await page.addInitScript(`window.__xss = (name) => console.log(${JSON.stringify(MARK)} + String(name));`);
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith(MARK)) fired.push(text.slice(MARK.length));
  });
  page.on('dialog', (dialog) => {
    fired.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  return fired;
}
