/**
 * What the report now tells a learner, in real Chromium: a dead-lettered order holding money is
 * shown as "visible, not healed" (never "No anomalies"), and a lost cancellation is named with
 * its order. Screenshots go to /tmp/eventually-truth for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { buildLink } from '../../src/share/encode';
import { parseScenario } from '../../src/sim/scenario';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { runToEnd } from './helpers';

const SHOTS = '/tmp/eventually-truth';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(scenario: object): Promise<Page> {
  const url = buildLink(inject('baseUrl'), { scenario: parseScenario(scenario), playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
  return openPlayground(browser, url, { width: 1280, height: 800 });
}

test('a dead-lettered order still holding money is shown as visible, not healed', async () => {
  const page = await open({ seed: 2, workload: { orders: 3 }, faults: { poison: 0.2 }, remedies: { deadLetterQueue: true, retries: true } });
  await runToEnd(page);
  const count = page.getByTestId('anomaly-count-manualReview');
  await expect.poll(() => count.count()).toBe(1);
  expect(await count.textContent()).toContain('visible, not healed');
  expect(await page.getByTestId('no-anomalies').count()).toBe(0);
  const item = page.getByTestId('anomaly-item').first();
  await expect.poll(async () => (await item.textContent()) ?? '').toContain('Visible, not healed');
  expect(await item.textContent()).toContain('o2');
  await page.screenshot({ path: `${SHOTS}/manual-review-1280x800.png` });
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});

test('a cancellation lost on the way is named with its order and culprit message', async () => {
  const page = await open({ seed: 7, workload: { orders: 1, cancelRatio: 1, cancelAfterMs: 30 }, faults: { drop: 0.3 } });
  await runToEnd(page);
  await expect.poll(() => page.getByTestId('anomaly-count-lostCancellation').count()).toBe(1);
  const item = page.getByTestId('anomaly-item').first();
  await expect.poll(async () => (await item.textContent()) ?? '').toContain('asked to cancel o1');
  await item.click();
  await expect.poll(() => page.getByTestId('order-trace').count()).toBe(1);
  await page.screenshot({ path: `${SHOTS}/lost-cancellation-1280x800.png` });
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
