/** Launches Debian's Chromium through playwright-core with the flags this machine needs. */
import { type Browser, chromium, type Page } from 'playwright-core';

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

/** Starts headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
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
