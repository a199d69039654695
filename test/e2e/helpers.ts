/** Shared steps of the browser tests, phrased as what a learner does. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchChromium, SHARED_CHROMIUM_ENV } from '../e2e-setup/browser';

/**
 * One Chromium for this test file, launched once the app is built (the first request builds it,
 * which on a busy machine outlasts a page load's timeout) and closed after the file; makes the
 * screenshot folder when given.
 */
export function browserForFile(shots?: string): { readonly browser: Browser } {
  const holder = {} as { browser: Browser };
  beforeAll(async () => {
    if (shots) mkdirSync(shots, { recursive: true });
    holder.browser = await launchChromium();
    await fetch(inject('baseUrl'));
  }, 600_000);
  afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
}

/** Waits until the run has reached its end. */
export async function waitForEnd(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid="outcome-headline"][data-done]').waitFor({ timeout });
}

/** The number of anomalies the headline counts. */
export async function anomalyTotal(page: Page): Promise<number> {
  return Number(await page.getByTestId('anomaly-total').textContent());
}

/** The trace hash shown in "About this run". */
export async function traceHash(page: Page): Promise<string> {
  await expect.poll(async () => (await page.getByTestId('trace-hash').textContent())?.trim()).toMatch(/^[0-9a-f]{16}$/);
  return ((await page.getByTestId('trace-hash').textContent()) ?? '').trim();
}

/** The playhead, in virtual ms. */
export async function playhead(page: Page): Promise<number> {
  return Number(await page.getByTestId('playhead').textContent());
}

/** Clicks "Run to end" and waits for the end. */
export async function runToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Run to end/ }).click();
  await waitForEnd(page);
}

/**
 * Runs `use` while no other test file of this run touches the clipboard: every page of the run's
 * shared Chromium shares one clipboard, and files run side by side, so a copy in one file could
 * otherwise land between another file's copy and its read. The lock is a directory (mkdir is atomic
 * across the worker processes), named after the shared Chromium so other runs never meet it.
 */
export async function withClipboard<T>(use: () => Promise<T>): Promise<T> {
  const shared = process.env[SHARED_CHROMIUM_ENV];
  if (!shared) return use();
  const lock = join(tmpdir(), `eventually-clipboard-${createHash('sha1').update(shared).digest('hex').slice(0, 12)}`);
  const giveUp = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (Date.now() > giveUp) throw new Error(`the clipboard lock ${lock} was held for two minutes; did a test file die holding it?`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await use();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Clicks "Copy link", waits for "Link copied" and returns what landed on the clipboard. */
export function copyLink(page: Page): Promise<string> {
  return withClipboard(async () => {
    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-link').textContent()).toContain('Link copied');
    return page.evaluate(() => navigator.clipboard.readText());
  });
}

/**
 * The text of a finished download. The shared Chromium is connected to, not launched, so the file
 * stays on its side (`download.path()` refuses); saveAs copies it over to a temporary folder.
 */
export async function downloadedText(download: Download): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'eventually-download-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The address once the page has written the current state into it. */
export async function settledUrl(page: Page): Promise<string> {
  let last = '';
  await expect
    .poll(async () => {
      const now = page.url();
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
  return last;
}
