/**
 * The Signals tab in real Chromium: an alert fires in a poison-message scenario and clicking it
 * jumps to the moment and the order; the event log narrows to one order and a line seeks the
 * playhead; the charts are drawn and follow the playhead. Screenshots go to /tmp/shots-obs.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { playhead, runToEnd } from './helpers';

const SHOTS = '/tmp/shots-obs';
let browser: Browser;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A poison command with retries and a dead-letter queue: the DLQ alert must fire. */
async function openPoisonScenario(opts: { theme?: 'light' | 'dark'; width?: number; height?: number } = {}): Promise<Page> {
  const page = await openPlayground(browser, inject('baseUrl'), { colorScheme: opts.theme, width: opts.width, height: opts.height });
  await page.evaluate(() => {
    const api = window.eventually!;
    const s = api.getScenario();
    api.loadScenario({ ...s, seed: 3, faults: { ...s.faults, poison: 0.1 }, remedies: { ...s.remedies, retries: true, deadLetterQueue: true } });
  });
  await page.getByTestId('side-tab-observability').click();
  await runToEnd(page);
  return page;
}

function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe('signals', () => {
  test('an alert fires on a poison message; clicking it seeks to the moment and selects the order', async () => {
    const page = await openPoisonScenario();
    const alert = page.locator('[data-testid="alert-item"][data-alert="dlq-not-empty#1"]');
    await alert.waitFor();
    const firedAt = Number(await alert.getAttribute('data-fired-at'));
    const order = (await alert.getAttribute('data-order')) ?? '';
    expect(firedAt).toBeGreaterThan(0);
    expect(order).toMatch(/^o\d+$/);
    expect(await alert.textContent()).toContain('Dead-letter queue is not empty');
    // It is on the timeline too, and the charts are drawn.
    expect(await page.getByTestId('alert-ticks').locator('.obs-alert-tick').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('obs-chart-infra').locator('canvas').count()).toBe(1);
    await shot(page, 'e2e-01-alerts-and-metrics');

    await alert.click();
    await expect.poll(() => playhead(page)).toBe(firedAt);
    await expect.poll(() => page.getByTestId('order-trace').getAttribute('data-order')).toBe(order);
    expect(await page.getByTestId('dock-tab-trace').textContent()).toContain(order);
    // Rewound to the moment it fired: it is firing there, and it stays listed.
    await expect.poll(() => alert.getAttribute('data-status')).toBe('firing');
    await shot(page, 'e2e-02-alert-clicked');

    // An order chip selects that order instead.
    const chips = page.locator('.obs-alert', { has: alert }).getByTestId('alert-order');
    if ((await chips.count()) > 1) {
      const second = (await chips.nth(1).textContent()) ?? '';
      await chips.nth(1).click();
      await expect.poll(() => page.getByTestId('order-trace').getAttribute('data-order')).toBe(second);
    }
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('the event log filters to one order, and a line seeks the playhead', async () => {
    const page = await openPoisonScenario();
    await page.getByTestId('obs-view-log').click();
    const count = page.getByTestId('obs-log-count');
    await expect.poll(() => count.textContent()).toMatch(/^[\d,]+ lines$/);
    const total = Number(((await count.textContent()) ?? '').replace(/\D/g, ''));
    expect(total).toBeGreaterThan(200);
    // Virtualised: far fewer rows in the DOM than lines in the log.
    expect(await page.getByTestId('obs-log-row').count()).toBeLessThan(80);

    await page.getByTestId('obs-log-order').fill('o7');
    await expect.poll(() => count.textContent()).toMatch(/ of /);
    const narrowed = Number(((await count.textContent()) ?? '').split(' of ')[0].replace(/\D/g, ''));
    expect(narrowed).toBeGreaterThan(5);
    expect(narrowed).toBeLessThan(total / 5);
    const orders = await page.getByTestId('obs-log-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.order ?? null));
    expect(orders.filter((o) => o !== null).every((o) => o === 'o7')).toBe(true);
    expect(orders.filter((o) => o === 'o7').length).toBeGreaterThan(3);
    await shot(page, 'e2e-03-log-one-order');

    // Failures only: the failed handling of o7's poison command.
    await page.getByTestId('obs-log-failures').check();
    const failed = page.getByTestId('obs-log-row').filter({ hasText: 'FAIL' }).first();
    await failed.waitFor();
    const t = Number(await failed.locator('.obs-log-t').textContent()) * 1000;
    await failed.click();
    await expect.poll(() => playhead(page)).toBeCloseTo(t, 0);
    await expect.poll(() => page.getByTestId('obs-log-row').filter({ hasText: 'FAIL' }).first().getAttribute('data-selected')).toBe('true');
    await shot(page, 'e2e-04-log-line-clicked');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('charts follow the playhead, in the dark theme too', async () => {
    const page = await openPoisonScenario({ theme: 'dark', width: 1600, height: 900 });
    await expect.poll(() => page.getByTestId('obs-chart-open').locator('canvas').count()).toBe(1);
    const legend = page.getByTestId('obs-chart-open').locator('.obs-legend-time');
    // The lines end at the playhead: the legend reads the state there.
    const end = await playhead(page);
    await expect.poll(() => legend.textContent()).toBe(`${(end / 1000).toFixed(1)} s`);
    await page.getByTestId('scrubber').fill('1250');
    await expect.poll(() => playhead(page)).toBeCloseTo(1250, 0);
    await expect.poll(() => legend.textContent()).toBe('1.3 s');
    // Hovering reads a recorded sample instead.
    const plot = page.getByTestId('obs-chart-open').locator('.u-over');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await expect.poll(() => legend.textContent()).toMatch(/^0\.\d s$/);
    await shot(page, 'e2e-05-dark-rewound');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
