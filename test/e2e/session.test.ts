/**
 * A normal session, as a learner clicks through it in real Chromium, with the console watched:
 * React must log no error and no warning (a duplicate key when a slider is moved twice at one
 * playhead used to). Also the small things a class trips over: the outcome chips wrap instead of
 * scrolling the total away at 1280×800, counts agree with their nouns ("1 order"), the provider's
 * figures are not cut off, and a tampered link's notice names the run's real end.
 * Screenshots: /tmp/wa-shots.
 */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildLink } from '../../src/share/encode';
import { parseScenario } from '../../src/sim/scenario';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { playhead, runToEnd, waitForEnd } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a link at 1280×800 and records every console error and warning from the first script on. */
async function openWatched(url: string): Promise<{ page: Page; console: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.getByTestId('node-order').waitFor();
  return { page, console: messages };
}

/** Clicks a slider with the real mouse at a fraction of its width. */
async function clickSlider(page: Page, testId: string, fraction: number): Promise<void> {
  const el = page.getByTestId(testId);
  await el.scrollIntoViewIfNeeded();
  const box = (await el.boundingBox())!;
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
}

/** True when an element's content fits in its box (nothing cut off or scrolled) and, inside its node, is not clipped below. */
function fits(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const node = el.closest('.topo-node');
    const inNode = !node || el.getBoundingClientRect().bottom <= node.getBoundingClientRect().bottom + 1;
    return el.scrollWidth <= el.clientWidth + 1 && inNode;
  });
}

describe('a normal session', () => {
  test('logs no React error or warning, even with a slider moved twice at one playhead', async () => {
    const { page, console } = await openWatched(inject('baseUrl'));
    await page.getByTestId('control-remedies.outbox').click();
    await page.getByTestId('speed').selectOption('16');
    await page.getByTestId('play').click();
    await expect.poll(() => playhead(page), { timeout: 20_000 }).toBeGreaterThan(300);
    await page.getByTestId('play').click();
    // Twice at the same playhead: two changes recorded at one instant.
    const at = await playhead(page);
    await clickSlider(page, 'control-faults.duplicate', 0.3);
    await expect.poll(() => page.evaluate(() => window.eventually!.getScenario().changes.length)).toBe(1);
    await clickSlider(page, 'control-faults.duplicate', 0.6);
    await expect.poll(() => page.evaluate(() => window.eventually!.getScenario().changes.length)).toBe(2);
    expect(await playhead(page)).toBe(at);
    await page.waitForTimeout(300);
    await runToEnd(page);
    for (const tab of ['lessons', 'observability', 'share', 'run']) {
      await page.getByTestId(`side-tab-${tab}`).click();
      await page.waitForTimeout(300);
    }
    await page.getByTestId('dock-tab-orders').click();
    await page.getByTestId('order-row').first().click();
    await page.getByTestId('dock-tab-money').click();
    await page.waitForTimeout(300);
    expect(console.filter((m) => !m.includes('Download the React DevTools'))).toEqual([]);
    await page.context().close();
  });

  test('at 1280×800 the outcome chips wrap: the total and every chip stay in view', async () => {
    const link = buildLink(inject('baseUrl'), {
      scenario: parseScenario({ seed: 4, workload: { orders: 60, intervalMs: 30, cancelRatio: 0.3, cancelAfterMs: 20 }, inventory: { stock: 30 }, faults: { duplicate: 0.3, drop: 0.15, reorder: 0.4, raceWindowMs: 40, clockSkewMs: 800, poison: 0.05 } }),
      playhead: 0,
      events: null,
      selectedOrder: null,
      selectedMessage: null,
      allow: null,
    });
    const page = await openPlayground(browser, link, { width: 1280, height: 800 });
    await runToEnd(page);
    await page.getByTestId('anomaly-more').waitFor();
    expect(await fits(page, 'outcome-headline')).toBe(true);
    const head = (await page.getByTestId('outcome-headline').boundingBox())!;
    for (const id of ['orders-total', 'anomaly-more']) {
      const b = (await page.getByTestId(id).boundingBox())!;
      expect(b.x, id).toBeGreaterThanOrEqual(head.x);
      expect(b.x + b.width, id).toBeLessThanOrEqual(head.x + head.width);
    }
    // Three-digit counts on the provider are not cut off.
    expect(await fits(page, 'provider-charges')).toBe(true);
    expect(await fits(page, 'provider-refunds')).toBe(true);
    await page.screenshot({ path: '/tmp/wa-shots/headline-wrapped.png' });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('one order reads "1 order"', async () => {
    const link = buildLink(inject('baseUrl'), { scenario: parseScenario({ workload: { orders: 1 } }), playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const page = await openPlayground(browser, link, { width: 1280, height: 800 });
    await runToEnd(page);
    expect((await page.getByTestId('outcome-headline').textContent())?.replace(/\s+/g, ' ')).toMatch(/^1 order(?!s)/);
    await page.getByTestId('dock-tab-orders').click();
    expect(await page.locator('.orders-panel').textContent()).toContain('1 order');
    expect(await page.locator('.orders-panel').textContent()).not.toContain('1 orders');
    expect(await page.getByTestId('node-order').textContent()).not.toMatch(/\b1 orders\b/);
    expect(await page.getByTestId('node-provider').textContent()).toContain('1 charge');
    await page.context().close();
  });

  test("a link whose playhead is past the end names the run's real end, as the timeline does", async () => {
    const link = buildLink(inject('baseUrl'), { scenario: parseScenario({ seed: 2 }), playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const page = await openPlayground(browser, `${link}&t=999999`, { width: 1280, height: 800 });
    const notice = page.getByTestId('link-notice');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain('it ends at');
    await runToEnd(page);
    await waitForEnd(page);
    const end = await playhead(page);
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(`it ends at ${Math.round(end).toLocaleString('en-US')} ms`);
    expect(text).not.toContain('60000');
    await page.screenshot({ path: '/tmp/wa-shots/tampered-link.png' });
    await page.context().close();
  });

  test('importing a file with several mistakes lists every one of them', async () => {
    const page = await openPlayground(browser, inject('baseUrl'), { width: 1280, height: 800 });
    await page.getByTestId('side-tab-share').click();
    const bad = JSON.stringify({ seed: 'seven', workload: { orders: -5 }, faults: { drop: 2 } });
    await page.getByTestId('import-scenario').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const message = page.getByTestId('import-message');
    await expect.poll(() => message.textContent()).toContain('This file has 3 problems, so nothing was loaded');
    const items = await page.getByTestId('import-problems').locator('li').allTextContents();
    expect(items.map((t) => t.split(':')[0])).toEqual(['seed', 'workload.orders', 'faults.drop']);
    expect(await page.getByTestId('workload-seed').inputValue()).toBe('1');
    await message.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/wa-shots/import-all-problems.png' });
    await page.context().close();
  });
});
