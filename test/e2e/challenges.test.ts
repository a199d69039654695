/**
 * Challenges and leaving them, in real Chromium at 1280×800, driven with real clicks: "Run the
 * system" runs it (from "Start a challenge" and from a ?challenge= link, and again after the end);
 * nothing on the page hands out the hidden faults (Share's link, embed and files, the address,
 * "Copy scenario JSON"); a signals-only lesson hides each order's state; and leaving a lesson or
 * a challenge gives the free playground back. Screenshots: /tmp/wa-shots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { waitForEnd } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const open = (query = '') => openPlayground(browser, `${inject('baseUrl')}${query}`, { width: 1280, height: 800 });

const ordersTotal = async (page: Page) => Number(await page.getByTestId('orders-total').textContent());

/** True when the element is rendered and not made invisible. */
function shown(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && el.getBoundingClientRect().height > 0;
  }, selector);
}

describe('challenges', () => {
  test('"Run the system" runs it, from "Start a challenge", and again after the end', async () => {
    const page = await open();
    await page.getByTestId('side-tab-lessons').click();
    await page.getByTestId('lesson-mode-challenge').click();
    await page.getByTestId('challenge-start').click();
    await page.getByTestId('challenge-run').click();
    await waitForEnd(page, 45_000);
    expect(await ordersTotal(page)).toBeGreaterThan(0);
    const end = await page.getByTestId('playhead').textContent();
    // Again, from the end: it starts afresh and runs to the same end.
    await page.getByTestId('challenge-run').click();
    await expect.poll(() => page.getByTestId('playhead').textContent(), { timeout: 45_000 }).toBe(end);
    await waitForEnd(page, 45_000);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('a ?challenge= link runs, and nothing on the page gives its faults away', async () => {
    const page = await open('?challenge=97560');
    await page.getByTestId('challenge-run').click();
    await waitForEnd(page, 45_000);
    expect(await ordersTotal(page)).toBe(40);
    // The address keeps only the challenge; the scenario (and its faults) is not written into it.
    expect(await page.evaluate(() => window.location.hash)).toBe('');
    expect(await page.evaluate(() => window.location.search)).toBe('?challenge=97560');

    await page.getByTestId('side-tab-share').click();
    await page.getByTestId('share-link').waitFor();
    expect(await page.getByTestId('share-link').inputValue()).toBe(`${inject('baseUrl')}?challenge=97560`);
    const panel = (await page.getByTestId('share-panel').textContent()) ?? '';
    expect(panel).not.toContain('Readers may change');
    expect(panel).not.toMatch(/Reordering|Dropped publish|Duplicate delivery/);
    expect(await page.getByTestId('embed-snippet').count()).toBe(0);
    expect(await page.getByTestId('export-scenario').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-trace').isDisabled()).toBe(true);
    await page.screenshot({ path: '/tmp/wa-shots/challenge-share-hidden.png' });
    await page.getByTestId('about-button').click();
    expect(await page.getByTestId('copy-scenario-json').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');

    // Leaving the challenge gives the free playground back.
    await page.getByTestId('side-tab-lessons').click();
    await page.getByTestId('challenge-leave').click();
    await expect.poll(() => page.getByTestId('control-faults.reorder').isVisible()).toBe(true);
    expect(await page.getByTestId('control-faults.reorder').isDisabled()).toBe(false);
    expect(await page.evaluate(() => window.location.search)).toBe('');
    await page.getByTestId('side-tab-share').click();
    await page.getByTestId('embed-snippet').waitFor();
    expect(await page.getByTestId('export-scenario').isDisabled()).toBe(false);
    expect(await page.getByTestId('share-link').inputValue()).toContain('#v=');
    await page.screenshot({ path: '/tmp/wa-shots/challenge-left.png' });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('leaving a lesson', () => {
  test('the signals-only lesson hides each order\'s state; "← All lessons" unlocks, unhides and clears ?lesson=', async () => {
    const page = await open('?lesson=on-call-lost-order');
    await page.locator('[data-lesson="on-call-lost-order"]').waitFor();
    await page.getByTestId('lesson-run').click();
    await waitForEnd(page, 45_000);
    await page.getByTestId('dock-tab-orders').click();
    await page.getByTestId('order-row').first().waitFor();
    expect(await shown(page, '[data-testid="order-row"] > :nth-child(2)')).toBe(false);
    expect(await shown(page, '.orders-head > :nth-child(2)')).toBe(false);
    await page.getByTestId('order-row').first().click();
    await page.getByTestId('side-tab-run').click();
    await page.getByTestId('inspect-order').waitFor();
    expect(await shown(page, '[data-testid="inspect-order"] > dl.kv > dd:nth-of-type(1)')).toBe(false);
    await page.screenshot({ path: '/tmp/wa-shots/signals-only-orders.png' });
    expect(await page.getByTestId('control-faults.drop').isVisible()).toBe(false);

    await page.getByTestId('side-tab-lessons').click();
    await page.getByTestId('lesson-all').click();
    await expect.poll(() => page.getByTestId('control-faults.drop').isVisible()).toBe(true);
    expect(await page.getByTestId('control-faults.drop').isDisabled()).toBe(false);
    expect(await page.evaluate(() => window.location.search)).toBe('');
    expect(await page.evaluate(() => document.documentElement.dataset.groundTruth ?? null)).toBeNull();
    // Selecting an order opened its trace; back to the list.
    await page.getByTestId('dock-tab-orders').click();
    expect(await shown(page, '[data-testid="order-row"] > :nth-child(2)')).toBe(true);
    // The address is the playground's again: it carries the scenario.
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('v=');
    await page.screenshot({ path: '/tmp/wa-shots/lesson-left.png' });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('after leaving an ordinary lesson its locked slider moves again', async () => {
    const page = await open('?lesson=idempotent-consumer');
    await page.locator('[data-lesson="idempotent-consumer"]').waitFor();
    expect(await page.getByTestId('control-faults.duplicate').isDisabled()).toBe(true);
    await page.getByTestId('lesson-all').click();
    await expect.poll(() => page.getByTestId('control-faults.duplicate').isDisabled()).toBe(false);
    expect(await page.evaluate(() => window.location.search)).toBe('');
    await page.context().close();
  });
});
