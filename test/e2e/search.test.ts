/**
 * The Search tab in real Chromium at 1280×800, driven with real clicks and keys: "Find a failing
 * run" with a remedy off finds, shrinks and opens the minimal run with its broken rule's order
 * selected; with every remedy on it reports how many runs it tried and that this is no proof;
 * Cancel and Escape stop a search part way; after one visit the worker's code comes from the
 * service worker, so a search runs with the network cut. Screenshots: /tmp/ui-search-shots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { buildLink } from '../../src/share/encode';
import { parseScenario } from '../../src/sim/scenario';
import { ALL_REMEDIES } from '../../src/sim/truthTable';
import type { ScenarioInput } from '../../src/sim/types';
import { openPlayground, pageErrors } from '../e2e-setup/browser';
import { browserForFile } from './helpers';

const SHOTS = '/tmp/ui-search-shots';
const chromium = browserForFile(SHOTS);

/** Opens the playground holding `input` (through a link, as a learner would share it). */
function openWith(input: ScenarioInput, size = { width: 1280, height: 800 }): Promise<Page> {
  const link = buildLink(inject('baseUrl'), { scenario: parseScenario(input), playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
  return openPlayground(chromium.browser, link, size);
}

async function openSearchTab(page: Page): Promise<void> {
  await page.getByTestId('side-tab-search').click();
  await page.getByTestId('find-failing-run').waitFor();
}

/** Types into the "Runs to try" field with the keyboard and presses Enter. */
async function setBudget(page: Page, n: number | string): Promise<void> {
  const field = page.getByTestId('search-budget');
  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(n));
  await page.keyboard.press('Enter');
}

describe('find a failing run', () => {
  test('with idempotent consumers off, duplicates break a rule: it shrinks the run and opens it with the order selected', async () => {
    const page = await openWith({ name: 'search e2e', seed: 3, workload: { orders: 6 }, faults: { duplicate: 0.3 } });
    await openSearchTab(page);
    await page.getByTestId('find-failing-run').click();
    const found = page.getByTestId('search-found');
    await found.waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('search-reopen').count(), { timeout: 60_000 }).toBe(1);
    const rule = await found.getAttribute('data-rule');
    expect(rule).toBeTruthy();
    expect(await page.getByTestId('search-sentence').textContent()).not.toBe('');
    // The playground now holds the minimal run, run to its end, with the rule's order selected.
    const orders = await page.getByTestId('search-order').allTextContents();
    expect(orders.length).toBeGreaterThan(0);
    await page.locator('[data-testid="outcome-headline"][data-done]').waitFor({ timeout: 30_000 });
    const selected = await page.getByTestId('order-trace').getAttribute('data-order');
    expect(orders).toContain(selected);
    const minimal = await page.evaluate(() => window.eventually!.getScenario());
    expect(minimal.workload.orders).toBeLessThanOrEqual(6);
    expect(minimal.faults.duplicate).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/find-found-1280.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('with every remedy on it finds nothing, says how many runs at what rate, and that it is not a proof', async () => {
    const page = await openWith({ name: 'all remedies', seed: 1, workload: { orders: 4 }, faults: { duplicate: 0.3, drop: 0.1 }, remedies: ALL_REMEDIES });
    await openSearchTab(page);
    await setBudget(page, 150);
    await page.getByTestId('find-failing-run').click();
    const none = page.getByTestId('search-none');
    await none.waitFor({ timeout: 120_000 });
    const text = (await none.textContent()) ?? '';
    expect(text).toContain('No failing run in 150 runs');
    expect(text).toMatch(/runs\/s on \d+ workers?/);
    expect(text).toContain('not a proof');
    await page.screenshot({ path: `${SHOTS}/find-none-1280.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('"Runs to try" refuses text and clamps a number out of range, saying so, and the search uses what it kept', async () => {
    const page = await openWith({ name: 'budget', seed: 1, workload: { orders: 2 }, remedies: ALL_REMEDIES });
    await openSearchTab(page);
    await setBudget(page, 'lots');
    expect(await page.getByTestId('search-budget-msg').textContent()).toBe(
      '"lots" is not a number. Runs to try takes a whole number from 1 to 1,000,000. Kept 2,000.',
    );
    expect(await page.getByTestId('search-budget').inputValue()).toBe('2000');
    await setBudget(page, 0);
    expect(await page.getByTestId('search-budget-msg').textContent()).toContain('0 was set to 1.');
    await setBudget(page, 30);
    expect(await page.getByTestId('search-budget-msg').count()).toBe(0);
    await page.getByTestId('find-failing-run').click();
    await page.getByTestId('search-none').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('search-none').textContent()).toContain('No failing run in 30 runs');
    // No fault was on: the outcome says the runs differed only in timing.
    await page.getByTestId('search-no-faults').waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('Cancel and Escape stop a search part way, and say how far it got', async () => {
    const page = await openWith({ name: 'cancel', seed: 1, workload: { orders: 5 }, faults: { duplicate: 0.3 }, remedies: ALL_REMEDIES });
    await openSearchTab(page);
    await setBudget(page, 100000);
    await page.getByTestId('find-failing-run').click();
    await expect.poll(async () => Number(((await page.getByTestId('search-progress-figures').textContent()) ?? '0').split(' ')[0].replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/find-progress-1280.png` });
    await page.getByTestId('search-cancel').click();
    await page.getByTestId('search-cancelled').waitFor();
    expect(await page.getByTestId('search-cancelled').textContent()).toMatch(/Cancelled after [\d,]+ runs/);
    // Again, stopped with the keyboard this time.
    await page.getByTestId('find-failing-run').click();
    await page.getByTestId('search-progress').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('search-cancelled').waitFor();
    expect(await page.getByTestId('search-progress').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('on a phone', () => {
  test('at 390×844 the Search tab fits the width, and a find opens its run (dark theme)', async () => {
    const input = { name: 'phone search', seed: 5, workload: { orders: 3 }, faults: { duplicate: 0.3 } };
    const link = buildLink(inject('baseUrl'), { scenario: parseScenario(input), playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const page = await openPlayground(chromium.browser, link, { width: 390, height: 844, colorScheme: 'dark' });
    await page.getByTestId('side-tab-search').scrollIntoViewIfNeeded();
    await openSearchTab(page);
    await page.getByTestId('find-failing-run').click();
    await page.getByTestId('search-reopen').waitFor({ timeout: 90_000 });
    await page.getByTestId('search-found').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/find-phone-390-dark.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('secrets', () => {
  test('while a challenge hides its faults, the Search tab is off and says why', async () => {
    const page = await openPlayground(chromium.browser, `${inject('baseUrl')}?challenge=97560`, { width: 1280, height: 800 });
    await page.getByTestId('side-tab-search').click();
    await page.getByTestId('search-secret').waitFor();
    expect(await page.getByTestId('find-failing-run').count()).toBe(0);
    expect(await page.getByTestId('search-panel').textContent()).not.toMatch(/Duplicate|Reordering|Dropped|Faults explored/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('prove it', () => {
  test('a 2-order design with every remedy on: no violation in all N schedules of up to 2 faults, and what that bound covers (1920×1080)', async () => {
    const page = await openWith({ name: 'prove all remedies', seed: 1, faults: { drop: 0.1, duplicate: 0.1 }, remedies: ALL_REMEDIES }, { width: 1920, height: 1080 });
    await openSearchTab(page);
    // Orders 2 and up to 2 faults are the defaults; check them rather than trust them.
    expect(await page.getByTestId('prove-orders').inputValue()).toBe('2');
    expect(await page.getByTestId('prove-max-faults').inputValue()).toBe('2');
    expect(await page.getByTestId('prove-faults').textContent()).toContain('dropped publish, duplicate delivery');
    await page.getByTestId('prove-it').click();
    await page.getByTestId('search-progress').waitFor();
    const none = page.getByTestId('prove-none');
    await none.waitFor({ timeout: 240_000 });
    expect(await none.getAttribute('data-complete')).toBe('true');
    const n = Number(await none.getAttribute('data-schedules'));
    expect(n).toBeGreaterThan(100);
    expect(await none.textContent()).toContain(`No violation in all ${n.toLocaleString('en-US')} schedules.`);
    const bound = (await page.getByTestId('prove-bound').textContent()) ?? '';
    expect(bound).toContain('2 orders');
    expect(bound).toContain('up to 2 of the fault decisions (drop, duplicate)');
    expect(bound).toContain('It says nothing about more than 2 faults');
    await page.screenshot({ path: `${SHOTS}/prove-none-1920.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('with idempotent consumers off, the first counterexample is shrunk and opened; K chosen with the keyboard', async () => {
    const page = await openWith({ name: 'prove no dedup', seed: 1, faults: { duplicate: 0.1 }, remedies: { outbox: true } });
    await openSearchTab(page);
    await page.getByTestId('prove-max-faults').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('prove-max-faults').inputValue()).toBe('1');
    await page.getByTestId('prove-it').click();
    const found = page.getByTestId('search-found');
    await found.waitFor({ timeout: 120_000 });
    await page.getByTestId('search-reopen').waitFor({ timeout: 60_000 });
    expect(await found.textContent()).toMatch(/Counterexample with 1 fault/);
    expect(await page.getByTestId('prove-bound').textContent()).toContain('up to 1 of the fault decisions (duplicate)');
    // The minimal run is in the playground with its recorded choices, and the rule's order is selected.
    const minimal = await page.evaluate(() => window.eventually!.getScenario());
    expect(minimal.workload.orders).toBeLessThanOrEqual(2);
    expect(minimal.choices).toBeTruthy();
    await page.locator('[data-testid="outcome-headline"][data-done]').waitFor({ timeout: 30_000 });
    const orders = await page.getByTestId('search-order').allTextContents();
    expect(orders).toContain(await page.getByTestId('order-trace').getAttribute('data-order'));
    await page.screenshot({ path: `${SHOTS}/prove-found-1280.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('offline', () => {
  test('after one visit the search workers load from the service worker and find a failing run with no network', async () => {
    const page = await openWith({ name: 'offline search', seed: 2, workload: { orders: 4 }, faults: { crashAfterCommit: 0.3 } });
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 60_000 });
    // The worker's chunk must be in the precache list, not merely fetched once by chance.
    const precached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const urls: string[] = [];
      for (const k of keys) for (const r of await (await caches.open(k)).keys()) urls.push(r.url);
      return urls;
    });
    expect(precached.some((u) => /search\.worker-[\w-]+\.js/.test(u))).toBe(true);
    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId('node-order').waitFor();
    await openSearchTab(page);
    await page.getByTestId('find-failing-run').click();
    await page.getByTestId('search-reopen').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('search-found').getAttribute('data-rule')).toBeTruthy();
    await page.screenshot({ path: `${SHOTS}/find-offline-1280.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
