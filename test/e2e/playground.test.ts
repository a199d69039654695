/**
 * A learner's first minutes with the playground, in real Chromium against the production build:
 * play the default scenario to the end, scrub back and forth, open an order's trace.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runScenario } from '../../src/sim/engine';
import { DEFAULT_SCENARIO } from '../../src/sim/scenario';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { anomalyTotal, playhead, runToEnd, traceHash, waitForEnd } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('playground', () => {
  test('a new user plays the default scenario to the end', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    await expect.poll(() => page.getByTestId('orders-total').textContent()).toBe('0');
    await page.getByLabel('Speed').selectOption('16');
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    // Messages are drawn on the canvas while playing.
    await expect.poll(() => page.evaluate(() => document.querySelector<HTMLCanvasElement>('[data-testid="message-overlay"]')?.width ?? 0)).toBeGreaterThan(0);
    await expect.poll(async () => Number(await page.getByTestId('orders-total').textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
    await waitForEnd(page, 40_000);
    await expect.poll(() => page.getByTestId('orders-total').textContent()).toBe('20');
    expect(await page.getByTestId('outcome-ok').textContent()).toContain('20');
    expect(await anomalyTotal(page)).toBe(0);
    await expect.poll(() => page.getByTestId('no-anomalies').textContent()).toBe('No anomalies');
    // The browser run is the same run as in Node, event for event.
    expect(await traceHash(page)).toBe(runScenario(DEFAULT_SCENARIO).traceHash);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('scrubbing back and forth replays the same run', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    await runToEnd(page);
    const end = await playhead(page);
    const endHash = await traceHash(page);
    expect(end).toBeGreaterThan(1000);

    await page.getByTestId('scrubber').fill(String(Math.round(end / 4)));
    await expect.poll(() => playhead(page)).toBeCloseTo(Math.round(end / 4), 0);
    const early = Number(await page.getByTestId('orders-total').textContent());
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(20);
    const earlyHash = await traceHash(page);
    expect(earlyHash).not.toBe(endHash);

    // Keyboard: step forward one event, then back one.
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    const before = await playhead(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => playhead(page)).toBeGreaterThan(before);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => playhead(page)).toBeLessThan(before + 0.001);

    await page.getByTestId('scrubber').fill(String(end));
    await waitForEnd(page);
    expect(await traceHash(page)).toBe(endHash);
    await page.getByTestId('scrubber').fill(String(Math.round(end / 4)));
    await expect.poll(() => traceHash(page)).toBe(earlyHash);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('selecting an order shows its trace', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    await runToEnd(page);
    await page.getByTestId('order-row').first().click();
    const trace = page.getByTestId('order-trace');
    await expect.poll(() => trace.getAttribute('data-order')).toBe('o1');
    const text = await trace.textContent();
    expect(text).toContain('Customer sends the order request');
    expect(text).toContain('Order state');
    expect(text).toContain('Payment gets ChargePayment');
    // One lane per service.
    for (const lane of ['Customer', 'Order', 'Payment', 'Inventory', 'Shipping', 'Notify', 'Analytics']) {
      await expect.poll(() => trace.locator('.lane-label', { hasText: lane }).count()).toBe(1);
    }
    // A row about a message selects it in the inspector.
    await trace.getByRole('button', { name: /ChargePayment/ }).first().click();
    await expect.poll(() => page.getByTestId('inspector').textContent()).toContain('ChargePayment');
    // The order's messages are highlighted, and the inspector shows the order via the link.
    expect(await page.getByTestId('inspector').textContent()).toContain('payment.commands');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('keyboard: Space plays, ? opens the shortcut help, controls are named', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('play').getAttribute('data-playing')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('play').getAttribute('data-playing')).toBeNull();
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('help-overlay').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('help-overlay').isVisible()).toBe(false);
    for (const name of ['Duplicate delivery', 'Dropped publish', 'Idempotent consumer', 'Transactional outbox', 'Per-key ordering']) {
      expect(await page.getByLabel(name, { exact: true }).count()).toBe(1);
    }
    await page.context().close();
  });

  test('clicking a box on the topology inspects it', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    const inspector = page.getByTestId('inspector');
    await page.getByTestId('node-payment').click();
    await expect.poll(() => inspector.textContent()).toContain('Payment service');
    await page.getByTestId('node-broker').click();
    await expect.poll(() => inspector.textContent()).toContain('Broker');
    await page.getByTestId('node-dlq').click();
    await expect.poll(() => inspector.textContent()).toContain('Dead-letter queue');
    await page.getByTestId('node-provider').click();
    await expect.poll(() => inspector.textContent()).toContain('Payment provider');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('the first paint loads no lesson, chart or sharing code; each tab loads its own when opened', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    const scripts = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop() ?? '').filter((n) => n.endsWith('.js')));
    const initial = await scripts();
    expect(initial.filter((n) => /LessonPanel|ObservabilityPanel|SharePanel/.test(n))).toEqual([]);
    await page.getByTestId('side-tab-lessons').click();
    await page.getByTestId('lesson-progress').waitFor();
    await page.getByTestId('side-tab-observability').click();
    await page.getByTestId('obs-panel').waitFor();
    await page.getByTestId('side-tab-share').click();
    await page.getByTestId('share-panel').waitFor();
    const after = await scripts();
    for (const chunk of ['LessonPanel', 'ObservabilityPanel', 'SharePanel']) expect(after.some((n) => n.includes(chunk)), chunk).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
