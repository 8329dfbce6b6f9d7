import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to drive: $LAOYOU_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH. */
export function findChromium(): string {
  const fromEnv = process.env.LAOYOU_CHROMIUM;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`LAOYOU_CHROMIUM is set to ${fromEnv}, but that is not an executable file.`);
    }
    return fromEnv;
  }
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CANDIDATES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new Error(
    'No Chromium found for the browser tests (looked for $LAOYOU_CHROMIUM, then ' +
      `${CANDIDATES.join(', ')} on PATH). Install Debian's Chromium and CJK fonts with ` +
      '`apt-get install -y chromium fonts-noto-cjk` (as root), or point LAOYOU_CHROMIUM at a Chromium/Chrome ' +
      'binary. Do not let Playwright download a browser.',
  );
}

/** Launches headless Chromium via playwright-core (never a Playwright-downloaded browser). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: findChromium(),
    // CI runs as root, where Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...(options.args ?? [])],
  });
}

/**
 * Where the browser tests point: an already running instance (LAOYOU_BASE_URL) or a fresh test server with the
 * demo city. `close` stops only what was started here.
 */
export async function browserTarget(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  if (process.env.LAOYOU_BASE_URL) {
    return { baseUrl: process.env.LAOYOU_BASE_URL.replace(/\/$/, ''), close: async () => {} };
  }
  const { startTestServer } = await import('./server.ts');
  const server = await startTestServer();
  return { baseUrl: server.baseUrl.replace(/\/$/, ''), close: () => server.close() };
}
