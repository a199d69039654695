/** Launches Debian's Chromium through playwright-core with the flags this machine needs. */
import { type Browser, type BrowserServer, chromium, type Page } from 'playwright-core';

/** Chromium flags: no sandbox as root, and no background network calls on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Where the test workers find the one Chromium that the e2e globalSetup starts for the whole run
 * (its WebSocket address). Set in the main process before any worker starts, so they inherit it.
 */
export const SHARED_CHROMIUM_ENV = 'EVENTUALLY_CHROMIUM_WS';

const executablePath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium for a test file, a bench or the screenshot script. Under Vitest it connects to
 * the run's shared Chromium (launching one per file cost each file a browser start-up and on two
 * cores made them compete); `close()` on such a connection closes only this file's contexts.
 */
export function launchChromium(): Promise<Browser> {
  const shared = process.env[SHARED_CHROMIUM_ENV];
  if (shared) return chromium.connect(shared);
  return chromium.launch({ executablePath: executablePath(), args: CHROMIUM_ARGS });
}

/** Starts the one headless Chromium that every browser test file of a run connects to. */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: executablePath(), args: CHROMIUM_ARGS, host: '127.0.0.1' });
}

/** Opens the playground at 1280×720 and waits until the topology is drawn. */
export async function openPlayground(
  browser: Browser,
  url: string,
  opts: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference'; width?: number; height?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 720 },
    colorScheme: opts.colorScheme ?? 'light',
    reducedMotion: opts.reducedMotion ?? 'no-preference',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  const res = await page.goto(url);
  if (!res?.ok()) throw new Error(`could not load ${url}: ${res?.status()} ${await res?.text()}`);
  await page.getByTestId('node-order').waitFor();
  return page;
}

/** Uncaught page errors collected since the page opened. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}
