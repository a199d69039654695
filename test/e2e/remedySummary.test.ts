/**
 * "What the remedies did" in real Chromium: at the end of a run every remedy that was on says
 * what it absorbed, a click jumps to a message it acted on, and the dead-letter case reads as
 * visible, not healed — amber, never a green "No anomalies" beside orders waiting for a human.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, pageErrors } from '../e2e-setup/browser';
import { playhead, runToEnd } from './helpers';
import { openScenario } from './openScenario';

const SHOTS = '/tmp/shots-workshop-b';
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the end-of-run remedies summary', () => {
  test('poison messages with a dead-letter queue: amber, visible, not healed, and a click finds the parked message', async () => {
    const page = await openScenario(
      browser,
      inject('baseUrl'),
      { seed: 1, faults: { poison: 0.1 }, remedies: { retries: true, deadLetterQueue: true }, durationMs: 20_000 },
      { width: 1280, height: 800 },
    );
    expect(await page.getByTestId('remedy-summary').count()).toBe(0);
    await runToEnd(page);
    const summary = page.getByTestId('remedy-summary');
    await summary.waitFor();

    // Never a green "No anomalies": the manual-review count is shown, marked visible, not healed.
    expect(await page.getByTestId('no-anomalies').count()).toBe(0);
    const chip = page.getByTestId('anomaly-count-manualReview');
    expect(await chip.getAttribute('data-visible-not-healed')).not.toBeNull();
    expect(await chip.textContent()).toMatch(/^\d+ manual review \(visible, not healed\)$/);
    // Amber, not green: the chip is drawn in the warning colour.
    const colours = await chip.evaluate((el) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--warn)';
      document.body.append(probe);
      const warn = getComputedStyle(probe).color;
      probe.remove();
      return { chip: getComputedStyle(el).color, warn };
    });
    expect(colours.chip).toBe(colours.warn);

    const dlq = page.getByTestId('remedy-line-deadLetterQueue');
    expect(await dlq.getAttribute('data-tone')).toBe('visible');
    const review = Number(await page.getByTestId('outcome-review').locator('strong').textContent());
    expect(await dlq.getByTestId('remedy-caveat').textContent()).toContain(`Visible, not healed: ${review} order`);
    expect(await page.getByTestId('remedy-line-retries').getAttribute('data-tone')).toBe('visible');
    await page.screenshot({ path: `${SHOTS}/1280x800-remedies-dlq.png` });

    // The first parked message: the playhead goes back to it and the message is selected.
    const end = await playhead(page);
    const item = dlq.getByTestId('remedy-item').first();
    const label = (await item.textContent()) ?? '';
    await item.click();
    await expect.poll(() => playhead(page)).toBeLessThan(end);
    await expect.poll(() => item.getAttribute('aria-pressed')).toBe('true');
    const order = label.split(' · ')[0];
    await expect.poll(async () => (await page.getByTestId('inspector').textContent()) ?? '').toContain(order);
    // The summary belongs to the run, not to the playhead: it stays while the learner looks around.
    expect(await summary.isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/1280x800-remedies-dlq-clicked.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('duplicates healed, a remedy with nothing to do says so, and switching a remedy on re-runs and updates it', async () => {
    const page = await openScenario(browser, inject('baseUrl'), { seed: 3, faults: { duplicate: 0.3 }, remedies: { idempotentConsumer: true, outbox: true } }, { width: 1280, height: 800 });
    await runToEnd(page);
    const dedup = page.getByTestId('remedy-line-idempotentConsumer');
    await dedup.waitFor();
    expect(await dedup.getAttribute('data-tone')).toBe('healed');
    expect(await dedup.textContent()).toMatch(/Consumers skipped \d+ repeated messages? they had already processed/);
    const outbox = page.getByTestId('remedy-line-outbox');
    expect(await outbox.getAttribute('data-tone')).toBe('idle');
    expect(await outbox.textContent()).toContain('On, with nothing to do');
    expect(await page.getByTestId('no-anomalies').textContent()).toBe('No anomalies');

    // A click on the Reconciliation switch: the finished run re-runs, and the new remedy is listed.
    await page.locator('label[for="ctl-remedies-reconciliation"]').click();
    await page.getByTestId('remedy-line-reconciliation').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('remedy-line-idempotentConsumer').getAttribute('data-tone')).toBe('healed');
    await page.screenshot({ path: `${SHOTS}/1280x800-remedies-healed.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('no remedy on: the summary says so', async () => {
    const page = await openScenario(browser, inject('baseUrl'), { seed: 2, faults: { drop: 0.1 } }, { width: 1280, height: 800 });
    await runToEnd(page);
    await page.getByTestId('remedy-none').waitFor();
    expect(await page.getByTestId('remedy-none').textContent()).toContain('No remedy was on');
    await page.context().close();
  });
});
