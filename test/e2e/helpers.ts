/** Shared steps of the browser tests, phrased as what a learner does. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

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
