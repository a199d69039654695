/**
 * Steered runs in the browser: a fault switched on by keyboard between two single steps gives
 * the same trace hash live, after a rewind, through a copied link and in Node. And a run that
 * would loop for a day stops at its event budget with a notice in the outcome headline.
 * Screenshots land in /tmp/shots-replay.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { readLink } from '../../src/share/decode';
import { buildLink } from '../../src/share/encode';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { anomalyTotal, copyLink, playhead, traceHash, waitForEnd } from './helpers';

const SHOTS = '/tmp/shots-replay';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const linkTo = (scenario: object) => buildLink(inject('baseUrl'), { scenario: parseScenario(scenario), playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });

async function openLink(url: string, opts: { width?: number; height?: number } = {}): Promise<Page> {
  const page = await openPlayground(browser, url, opts);
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}

describe('steered runs replay exactly in the browser', () => {
  // The issue #9 repro: five orders, step until the first charge command is on the bus, then
  // drop every publish. Node works out how many single steps that takes and what follows.
  const start = { seed: 1, workload: { orders: 5 } };
  const node = new Simulation(parseScenario(start));
  let steps = 0;
  while (node.step()) {
    steps++;
    if (node.trace.some((e) => e.kind === 'publish' && e.msg.type === 'ChargePayment')) break;
  }
  const at = node.now;
  node.setControl('faults.drop', 1);
  node.runToEnd();

  test('live, rewound, linked and in Node: one trace hash', async () => {
    const page = await openLink(linkTo(start));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    // Single steps with the keyboard, one key press per event, from the canvas (not a form field).
    await page.getByTestId('node-order').click();
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => playhead(page)).toBe(at);
    // The drop slider to its maximum with the keyboard.
    await page.getByTestId('control-faults.drop').focus();
    await page.keyboard.press('End');
    await expect
      .poll(() => page.evaluate(() => JSON.stringify(window.eventually?.getScenario().changes)))
      .toBe(JSON.stringify([{ atMs: at, atEvent: steps, path: 'faults.drop', value: 1 }]));
    // A link copied right here reopens on this very point: same hash, the change already made.
    const hereHash = await traceHash(page);
    const here = await openLink(await copyLink(page));
    expect(await traceHash(here)).toBe(hereHash);
    expect(await here.getByTestId('control-faults.drop').inputValue()).toBe('1');
    await here.context().close();

    await page.getByRole('button', { name: /Run to end/ }).click();
    await waitForEnd(page);
    const live = await traceHash(page);
    expect(live).toBe(node.traceHash());
    // What the outcome says is what Node says: one order stuck after its charge command.
    expect(await anomalyTotal(page)).toBe(node.report().anomalyList.length);
    await page.screenshot({ path: join(SHOTS, '01-steered-live-1280.png') });

    // Rewind to the start with the keyboard and run again: the recorded change replays.
    await page.keyboard.press('Home');
    await expect.poll(() => playhead(page)).toBe(0);
    await page.keyboard.press('End');
    await waitForEnd(page);
    expect(await traceHash(page)).toBe(live);

    // A copied link opens the same run.
    const link = await copyLink(page);
    expect(link).toMatch(/#v=2&c=/);
    expect(readLink(link).state.scenario.changes).toEqual([{ atMs: at, atEvent: steps, path: 'faults.drop', value: 1 }]);
    const fresh = await openLink(link);
    await fresh.getByRole('button', { name: /Run to end/ }).click();
    await waitForEnd(fresh);
    expect(await traceHash(fresh)).toBe(live);
    await fresh.screenshot({ path: join(SHOTS, '02-steered-from-link-1280.png') });

    // Steer differently from an earlier point: back to the start, a few single steps (before the
    // recorded change), then a remedy switched on with a click. The later change is dropped, the
    // page says so, and what it recorded replays in Node to the hash the page shows.
    await page.keyboard.press('Home');
    await expect.poll(() => playhead(page)).toBe(0);
    await page.getByTestId('node-order').click();
    const early = Math.max(1, Math.floor(steps / 3));
    for (let i = 0; i < early; i++) await page.keyboard.press('ArrowRight');
    const t = await playhead(page);
    expect(t).toBeLessThan(at);
    await page.getByTestId('control-remedies.idempotentConsumer').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/Later control changes were dropped/);
    const changes = await page.evaluate(() => window.eventually?.getScenario().changes);
    expect(changes).toEqual([{ atMs: t, atEvent: expect.any(Number), path: 'remedies.idempotentConsumer', value: true }]);
    await page.getByRole('button', { name: /Run to end/ }).click();
    await waitForEnd(page);
    const resteered = await traceHash(page);
    expect(resteered).not.toBe(live);
    const scenario = await page.evaluate(() => window.eventually?.getScenario());
    const inNode = new Simulation(parseScenario(scenario));
    inNode.runToEnd();
    expect(inNode.traceHash()).toBe(resteered);

    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(fresh)).toEqual([]);
    await page.context().close();
    await fresh.context().close();
  });
});

describe('event budget in the browser', () => {
  // Every order's command is poisoned and retried every 10 ms with no dead-letter queue, for a day.
  const looping = { seed: 3, workload: { orders: 10 }, faults: { poison: 1 }, durationMs: 86_400_000 };
  // Any budget far below the day's events checks the same stop; a small one keeps the browser's run short.
  const BUDGET = 10_000;
  let nodeHash: string | undefined;
  /** The same scenario in Node with the same budget, run once for the three page sizes. */
  const nodeBudgetHash = () => {
    if (nodeHash) return nodeHash;
    const sim = new Simulation(parseScenario(looping), { eventBudget: BUDGET });
    sim.runToEnd();
    nodeHash = sim.traceHash();
    return nodeHash;
  };

  /** Opens a link in a page whose runs get a small budget (the browser-test hook in runOptions.ts). */
  async function openWithBudget(url: string, width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, hasTouch: width < 600 });
    await context.addInitScript((b) => {
      window.__eventuallyEventBudget = b;
    }, BUDGET);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(url);
    await page.getByTestId('node-order').waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
    return page;
  }

  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
    [390, 844],
  ] as const) {
    test(`a run that would loop stops at its budget and says so (${width}×${height})`, async () => {
      const page = await openWithBudget(linkTo(looping), width, height);
      await page.getByRole('button', { name: /Run to end/ }).click();
      await waitForEnd(page, 60_000);
      const chip = page.getByTestId('stopped-early');
      await expect.poll(() => chip.count()).toBe(1);
      // Not the time-limit wording: the run stopped long before its 24 hours.
      expect(await page.getByTestId('never-settled').count()).toBe(0);
      const report = await page.evaluate(() => window.eventually?.getReport()?.stoppedEarly);
      expect(report).toMatchObject({ reason: 'eventBudget', events: BUDGET });
      expect(await chip.getAttribute('title')).toBe(report?.message);
      const text = page.getByTestId('stopped-early-text');
      expect(await text.isVisible()).toBe(false);
      // The same scenario in Node with the same budget stops at the same point.
      expect(await traceHash(page)).toBe(nodeBudgetHash());
      await page.screenshot({ path: join(SHOTS, `03-stopped-early-${width}.png`) });
      // A click (a tap on the phone) opens the engine's sentence; Escape closes it.
      if (width < 600) await chip.tap();
      else await chip.click();
      await expect.poll(() => text.isVisible()).toBe(true);
      expect(await text.textContent()).toBe(`Stopped early. ${report?.message}`);
      await page.screenshot({ path: join(SHOTS, `04-stopped-early-open-${width}.png`) });
      await page.keyboard.press('Escape');
      await expect.poll(() => text.isVisible()).toBe(false);
      // And the keyboard alone opens it again.
      await chip.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => text.isVisible()).toBe(true);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    });
  }
});
