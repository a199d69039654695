/** Shared steps of the browser tests, phrased as what a learner does. */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from '../e2e-setup/browser';

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
