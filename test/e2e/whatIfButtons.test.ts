
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { readLink } from '../../src/share/decode';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { openPlayground, pageErrors } from '../e2e-setup/browser';
import { browserForFile, settledUrl, traceHash, waitForEnd } from './helpers';
import { openScenario } from './openScenario';

const SHOTS = '/tmp/ui-compare-shots';
const chromium = browserForFile(SHOTS);
const SCENARIO = { seed: 1, workload: { orders: 2 } };

/**
 * Steps with → until a message of this type is listed in flight, clicks it, then steps on until
 * the inspector offers what-ifs for Payment's copy waiting in its partition.
 */
async function pickWaiting(page: Page, type: string): Promise<void> {
  const option = page.getByTestId('in-flight-option').filter({ hasText: new RegExp(`${type}: `) });
  for (let i = 0; i < 120 && (await option.count()) === 0; i++) await page.locator('body').press('ArrowRight');
  expect(await option.count()).toBeGreaterThan(0);
  await option.first().click();
  await expect.poll(async () => (await page.getByTestId('inspector').textContent()) ?? '').toContain(type);
  const group = page.getByTestId('whatif-group-partition-payment');
  for (let i = 0; i < 60 && (await group.count()) === 0; i++) await page.locator('body').press('ArrowRight');
  await group.waitFor();
}

/** Presses Tab until the element with this test id has the focus; returns how many presses it took. */
async function tabTo(page: Page, testId: string): Promise<number> {
  for (let i = 1; i <= 200; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return i;
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe('what-if buttons in the message inspector', () => {
  test('keyboard and mouse make a what-if; its link replays to the same hash; Take back removes it', async () => {
    const page = await openScenario(chromium.browser, inject('baseUrl'), SCENARIO, { width: 1280, height: 800 });
    await pickWaiting(page, 'ChargePayment');
    const whatIf = page.getByTestId('whatif');
    const group = page.getByTestId('whatif-group-partition-payment');
    // Every button explains itself, and the explanation is its accessible description.
    const dup = group.getByTestId('whatif-duplicate');
    expect(await dup.getAttribute('aria-describedby')).toBeTruthy();
    expect(await group.ariaSnapshot()).toMatch(/group "Payment's copy, waiting in its partition"/);
    await page.screenshot({ path: `${SHOTS}/whatif-1280x800-buttons.png` });

    // A bad delay is refused with a sentence, and nothing is recorded.
    await group.getByTestId('whatif-delay-ms').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('soon');
    await page.keyboard.press('Enter');
    await expect.poll(() => group.getByTestId('whatif-delay-problem').textContent()).toBe('The delay must be a number of milliseconds, not "soon".');
    expect(await group.getByTestId('whatif-delay-ms').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('whatif-made-item').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/whatif-1280x800-bad-delay.png` });

    // Keyboard only: Tab from the list of messages to "Duplicate", Enter.
    await page.getByTestId('in-flight-list').focus();
    const presses = await tabTo(page, 'whatif-duplicate');
    expect(presses).toBeGreaterThan(0);
    const at = Number(await page.getByTestId('playhead').textContent());
    await page.keyboard.press('Enter');
    await expect.poll(() => whatIf.getByTestId('whatif-said').textContent()).toMatch(/^Duplicate recorded for ChargePayment m\d+ \(Payment's copy\)/);
    await expect.poll(() => page.getByTestId('whatif-made-item').count()).toBe(1);
    expect(await page.getByTestId('whatif-made-item').textContent()).toContain("Duplicate (Payment's copy)");
    await page.screenshot({ path: `${SHOTS}/whatif-1280x800-recorded.png` });

    await page.getByTestId('run-to-end').click();
    await waitForEnd(page);
    const hash = await traceHash(page);
    const url = await settledUrl(page);
    const read = readLink(url);
    expect(read.problems).toEqual([]);
    const changes = read.state.scenario.changes;
    expect(changes).toHaveLength(1);
    expect(changes[0].whatIf).toMatchObject({ to: 'payment', action: 'duplicate' });
    expect(changes[0].atMs).toBeCloseTo(at, 1);

    // Node replays the page's link to the same run, and it differs from the run without the what-if.
    const node = new Simulation(read.state.scenario);
    node.runToEnd();
    expect(node.skippedWhatIfs).toEqual([]);
    expect(node.traceHash()).toBe(hash);
    const plain = new Simulation(parseScenario(SCENARIO));
    plain.runToEnd();
    expect(plain.traceHash()).not.toBe(hash);

    // A fresh page on the link gets the same run.
    const fresh = await openPlayground(chromium.browser, url, { width: 1280, height: 800 });
    await fresh.waitForFunction(() => document.documentElement.dataset.link === 'ready');
    await fresh.getByTestId('run-to-end').click();
    await waitForEnd(fresh);
    expect(await traceHash(fresh)).toBe(hash);
    expect(pageErrors(fresh)).toEqual([]);
    await fresh.context().close();

    // Take back: back to where it was made, and the run without it.
    await page.getByTestId('whatif-take-back').click();
    await expect.poll(() => page.getByTestId('whatif-made-item').count()).toBe(0);
    await expect.poll(async () => Number(await page.getByTestId('playhead').textContent())).toBeCloseTo(at, 1);
    await page.getByTestId('whatif-group-partition-payment').waitFor();
    await page.getByTestId('run-to-end').click();
    await waitForEnd(page);
    expect(await traceHash(page)).toBe(plain.traceHash());
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('while playing the inspector asks for a pause; on a phone the buttons fit', async () => {
    const page = await openScenario(chromium.browser, inject('baseUrl'), SCENARIO, { width: 390, height: 844 });
    // On a phone the list of messages is in the Run tab below the graph; the → key still steps.
    await pickWaiting(page, 'ChargePayment');
    const group = page.getByTestId('whatif-group-partition-payment');
    await group.scrollIntoViewIfNeeded();
    const box = await group.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.screenshot({ path: `${SHOTS}/whatif-390x844.png` });
    await page.getByTestId('play').click();
    await expect.poll(async () => (await page.getByTestId('whatif').textContent()) ?? '').toContain('Pause to change what happens to this message.');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
