/**
 * Phones at 390×844 (a touch screen, as a phone reports it): no sideways page scroll, the
 * topology first, the controls in a drawer, a timeline and dots a thumb can hit, and embeds that
 * show the outcome headline and fit the screen. Taps are real touch events.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, pageErrors } from '../e2e-setup/browser';
import { playhead, waitForEnd } from './helpers';
import { scenarioLink } from './openScenario';

const SHOTS = '/tmp/shots-workshop-b';
const PHONE = { width: 390, height: 844 };
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openPhone(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, colorScheme: 'light' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(url);
  await page.getByTestId('node-order').waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}

function pageWidth(page: Page): Promise<{ scroll: number; inner: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
}

describe('phones', () => {
  test('the playground: topology first, no sideways scroll, controls in a drawer, a thumb-sized timeline and dots', async () => {
    const page = await openPhone(scenarioLink(inject('baseUrl'), { seed: 2, workload: { orders: 10 }, faults: { duplicate: 0.3 } }));
    expect(await pageWidth(page)).toEqual({ scroll: 390, inner: 390 });
    const topo = await page.getByTestId('topology').boundingBox();
    expect(topo?.y ?? 999).toBeLessThan(250);
    expect(topo?.width).toBeLessThanOrEqual(390);
    // The whole graph is fitted into the screen's width.
    const payment = await page.getByTestId('node-payment').boundingBox();
    expect((payment?.x ?? 999) + (payment?.width ?? 0)).toBeLessThanOrEqual(390);
    expect((await page.getByTestId('side-panel').boundingBox())?.y ?? 0).toBeGreaterThan((topo?.y ?? 0) + (topo?.height ?? 0) - 1);
    expect(await page.getByTestId('controls-panel').isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/390x844-phone-start.png` });

    // Thumb-sized: the transport buttons and the timeline are at least 44 px tall.
    for (const id of ['play', 'step', 'run-to-end', 'scrubber']) expect((await page.getByTestId(id).boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);

    // The drawer: a tap opens it over the page, a remedy switch works, Done closes it.
    await page.getByTestId('drawer-button').tap();
    const drawer = page.getByTestId('controls-drawer');
    await expect.poll(async () => (await drawer.boundingBox())?.x ?? -1).toBe(0);
    expect(await page.getByTestId('controls-panel').isVisible()).toBe(true);
    expect(await page.getByTestId('drawer-button').getAttribute('aria-expanded')).toBe('true');
    await page.locator('label[for="ctl-remedies-idempotentConsumer"]').tap();
    await expect.poll(() => page.getByTestId('control-remedies.idempotentConsumer').isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/390x844-phone-drawer.png` });
    expect(await pageWidth(page)).toEqual({ scroll: 390, inner: 390 });
    await page.getByTestId('drawer-close').tap();
    await expect.poll(() => page.getByTestId('controls-panel').isVisible()).toBe(false);

    // A dot is hit by a thumb landing next to it, not only dead on.
    const overlay = page.getByTestId('message-overlay');
    let dot = '';
    for (let i = 0; i < 20 && dot === ''; i++) {
      await page.getByTestId('step').tap();
      dot = (await overlay.getAttribute('data-first-dot')) ?? '';
    }
    expect(dot).not.toBe('');
    const [x, y] = dot.split(',').map(Number);
    const canvas = await overlay.boundingBox();
    await page.touchscreen.tap((canvas?.x ?? 0) + x + 11, (canvas?.y ?? 0) + y + 6);
    await expect.poll(async () => Number(await overlay.getAttribute('data-laser'))).toBeGreaterThan(0);

    // A tap on the timeline seeks there.
    await page.getByTestId('run-to-end').tap();
    await waitForEnd(page);
    const end = await playhead(page);
    const track = await page.getByTestId('scrubber').boundingBox();
    await page.touchscreen.tap((track?.x ?? 0) + (track?.width ?? 0) * 0.4, (track?.y ?? 0) + (track?.height ?? 0) / 2);
    await expect.poll(() => playhead(page)).toBeLessThan(end * 0.6);
    expect(await playhead(page)).toBeGreaterThan(end * 0.2);
    await page.getByTestId('run-to-end').tap();
    await waitForEnd(page);
    await page.getByTestId('remedy-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/390x844-phone-summary.png` });
    expect(await pageWidth(page)).toEqual({ scroll: 390, inner: 390 });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('an embed on a phone shows the outcome headline and fits the screen', async () => {
    const link = scenarioLink(inject('baseUrl'), { name: 'Duplicate delivery', seed: 7, faults: { duplicate: 0.3 } }, '?embed=1');
    const page = await openPhone(link);
    await page.getByTestId('embed').waitFor();
    const headline = page.getByTestId('outcome-headline');
    expect(await headline.isVisible()).toBe(true);
    await page.getByTestId('run-to-end').tap();
    await waitForEnd(page);
    await expect.poll(async () => Number(await page.getByTestId('anomaly-total').textContent())).toBeGreaterThan(0);
    const box = await headline.boundingBox();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 999) <= 390).toBe(true);
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size).toEqual({ w: 390, h: 844 });
    const graph = await page.getByTestId('node-analytics').boundingBox();
    expect((graph?.y ?? 9999) + (graph?.height ?? 0)).toBeLessThanOrEqual(844);
    await page.screenshot({ path: `${SHOTS}/390x844-embed.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
