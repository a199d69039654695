/**
 * While playing, the panels follow the run a little behind the dots; each says the virtual time
 * its figures were computed at, and those figures are the Node run's at exactly that time. On a
 * pause (Space, or the Play button) the lines go and the figures are exact at the playhead. The
 * lines never move the canvas or the panels, and a run to the end says so instead of "playing".
 * Screenshots: /tmp/ui-asof-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { buildLink } from '../../src/share/encode';
import { seek } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { openPlayground, pageErrors } from '../e2e-setup/browser';
import { browserForFile, playhead, waitForEnd } from './helpers';

const chromium = browserForFile();

// Enough orders and duplicates that the order count and the anomalies keep changing while it plays.
const BUSY = parseScenario({ seed: 7, workload: { orders: 300, intervalMs: 22 }, faults: { duplicate: 0.2, latencyMs: 80 } });

async function open(size: { width: number; height: number }, scenario = BUSY): Promise<Page> {
  const link = buildLink(inject('baseUrl'), { scenario, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
  const page = await openPlayground(chromium.browser, link, size);
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}

/** Read in one go, so a tick cannot land between the time and the figures. */
function snapshot(page: Page) {
  return page.evaluate(() => {
    const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
    return {
      side: q('as-of-side')?.getAttribute('data-at') ?? null,
      dock: q('as-of-dock')?.getAttribute('data-at') ?? null,
      canvas: q('as-of-canvas')?.getAttribute('data-at') ?? null,
      text: q('as-of-side')?.textContent ?? null,
      orders: Number(q('orders-total')?.textContent),
      anomalies: Number(q('anomaly-total')?.textContent),
      clock: Number(q('playhead')?.textContent),
    };
  });
}

describe('panels say the time of their figures while playing', () => {
  test('on a phone the lines fit the width and go on pause', async () => {
    const page = await open({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    await page.getByTestId('as-of-canvas').waitFor();
    await expect.poll(async () => (await snapshot(page)).orders, { timeout: 30_000 }).toBeGreaterThan(2);
    // Nothing pushes the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const where of ['canvas', 'dock']) {
      const box = await page.getByTestId(`as-of-${where}`).boundingBox();
      if (box) expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: '/tmp/ui-asof-playing-phone.png' });
    await page.getByRole('button', { name: 'Pause (Space)' }).click();
    await expect.poll(() => page.getByTestId('as-of-canvas').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 180_000);

  for (const size of [
    { width: 1280, height: 800, name: 'desktop' },
    { width: 1920, height: 1080, name: 'presenter' },
  ]) {
    test(`the "as of" line names the figures' time and goes on pause (${size.name})`, async () => {
      const page = await open(size);
      expect(await page.getByTestId('as-of-side').count()).toBe(0);
      await page.getByTestId('speed').selectOption('4');
      await page.getByRole('button', { name: 'Play (Space)' }).click();
      await page.getByTestId('as-of-side').waitFor();
      // Once a few orders are in, the figures are worth checking against the Node run.
      await expect.poll(async () => (await snapshot(page)).orders, { timeout: 30_000 }).toBeGreaterThan(5);
      const s = await snapshot(page);
      const at = Number(s.side);
      // Every panel was computed at the same moment, never ahead of the clock the learner sees.
      expect(s.dock).toBe(s.side);
      expect(s.canvas).toBe(s.side);
      // The clock shows one decimal (177.22 reads 177.2), so compare at that precision.
      expect(Math.round(at * 10) / 10).toBeLessThanOrEqual(s.clock);
      expect(s.text).toMatch(/^As of [\d,]+ ms · updates while playing$/);
      expect(await page.getByTestId('as-of-canvas').textContent()).toMatch(/^as of [\d,]+ ms$/);
      const truth = seek(BUSY, at).report();
      expect(s.orders).toBe(truth.orders.length);
      expect(s.anomalies).toBe(truth.anomalyList.length);
      // Not a live region: a line that changes twice a second must not be read out.
      expect(await page.getByTestId('as-of-side').evaluate((el) => el.closest('[aria-live],[role="status"],[role="alert"]'))).toBeNull();
      expect(await page.getByTestId('as-of-canvas').evaluate((el) => el.closest('[aria-live],[role="status"],[role="alert"]'))).toBeNull();
      await page.screenshot({ path: `/tmp/ui-asof-playing-${size.name}.png` });
      // Space pauses (focus on the page, not on a control that takes Space itself).
      await page.getByTestId('outcome-headline').click({ position: { x: 4, y: 4 } });
      await page.keyboard.press('Space');
      await expect.poll(() => page.getByTestId('as-of-side').count()).toBe(0);
      expect(await page.getByTestId('as-of-dock').count()).toBe(0);
      expect(await page.getByTestId('as-of-canvas').count()).toBe(0);
      const t = await playhead(page);
      const exact = seek(BUSY, t).report();
      await expect.poll(async () => (await snapshot(page)).orders).toBe(exact.orders.length);
      expect((await snapshot(page)).anomalies).toBe(exact.anomalyList.length);
      await page.screenshot({ path: `/tmp/ui-asof-paused-${size.name}.png` });
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }, 180_000);
  }

  for (const size of [
    { width: 390, height: 844, name: 'phone' },
    { width: 1280, height: 800, name: 'desktop' },
    { width: 1920, height: 1080, name: 'presenter' },
  ]) {
    test(`Play and Pause move nothing on the page (${size.name})`, async () => {
      const page = await open(size);
      // The canvas and the dock's panel, whole; the top of the Run tab's first section under its
      // line (its height follows its own content, which does change while playing).
      const boxes = () =>
        page.evaluate(() =>
          ['.topology-canvas', '.dock .tab-panel', '.run-tab > :not(.as-of)'].map((sel, i) => {
            const el = document.querySelector(sel);
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return i < 2 ? { sel, x: r.x, y: r.y, w: r.width, h: r.height } : { sel, x: r.x, y: r.y };
          }),
        );
      // Let the first fit and fonts settle before taking the reference.
      await page.waitForTimeout(500);
      const before = await boxes();
      expect(before[0]).not.toBeNull();
      await page.getByRole('button', { name: 'Play (Space)' }).click();
      await page.getByTestId('as-of-canvas').waitFor();
      await expect.poll(async () => (await snapshot(page)).orders, { timeout: 30_000 }).toBeGreaterThan(2);
      const playing = await boxes();
      await page.screenshot({ path: `/tmp/ui-asof-steady-playing-${size.name}.png` });
      // Every dock tab is whole beside (or above) the dock's line: none is squeezed or cut.
      const cut = await page.evaluate(() => {
        const strip = document.querySelector('.dock [role="tablist"]')!.getBoundingClientRect();
        return [...document.querySelectorAll('.dock [role="tab"]')]
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return r.left < strip.left || r.right > strip.right + 0.5 || t.scrollWidth > t.clientWidth;
          })
          .map((t) => t.textContent);
      });
      expect(cut).toEqual([]);
      // The canvas's line sits inside the canvas, within its width.
      const line = await page.getByTestId('as-of-canvas').boundingBox();
      const canvas = await page.locator('.topology-canvas').boundingBox();
      if (!line || !canvas) throw new Error('no line or canvas box');
      expect(line.y).toBeGreaterThanOrEqual(canvas.y);
      expect(line.x + line.width).toBeLessThanOrEqual(canvas.x + canvas.width);
      await page.getByRole('button', { name: 'Pause (Space)' }).click();
      await expect.poll(() => page.getByTestId('as-of-canvas').count()).toBe(0);
      const after = await boxes();
      await page.screenshot({ path: `/tmp/ui-asof-steady-paused-${size.name}.png` });
      expect(playing).toEqual(before);
      expect(after).toEqual(before);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }, 180_000);
  }

  test('a run to the end says so, and nothing once it has finished', async () => {
    // Long enough that the run to the end lasts several panel ticks (at most 1.2 s apart) even on a
    // fast machine: 2,000 orders showed 9 distinct "as of" times at load 13 (4,000 showed 22, for twice the time).
    const LONG = parseScenario({ seed: 7, workload: { orders: 2000, intervalMs: 22 }, faults: { duplicate: 0.2, latencyMs: 80 } });
    const page = await open({ width: 1280, height: 800 }, LONG);
    await page.getByRole('button', { name: /Run to end/ }).click();
    await page.getByTestId('as-of-side').waitFor({ timeout: 60_000 });
    const s = await snapshot(page);
    expect(s.text).toMatch(/^As of [\d,]+ ms · running to the end$/);
    expect(await page.getByTestId('as-of-dock').textContent()).toMatch(/^As of [\d,]+ ms · running to the end$/);
    expect(s.dock).toBe(s.side);
    expect(s.canvas).toBe(s.side);
    // The figures are the run's at the time the line names, not at the clock that runs ahead.
    const truth = seek(LONG, Number(s.side)).report();
    expect(s.orders).toBe(truth.orders.length);
    expect(s.anomalies).toBe(truth.anomalyList.length);
    await page.screenshot({ path: '/tmp/ui-asof-run-to-end.png' });
    await waitForEnd(page, 300_000);
    await expect.poll(() => page.getByTestId('as-of-side').count()).toBe(0);
    expect(await page.getByTestId('as-of-dock').count()).toBe(0);
    expect(await page.getByTestId('as-of-canvas').count()).toBe(0);
    await page.screenshot({ path: '/tmp/ui-asof-run-to-end-done.png' });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 420_000);

  test('once Play is pressed, nothing still tells the learner to press Play', async () => {
    const page = await open({ width: 1280, height: 800 });
    expect(await page.getByTestId('no-anomalies').textContent()).toBe('No orders yet: press Play');
    // Slow, so the first panel ticks land before the first order (placed at about 100 ms).
    await page.getByTestId('speed').selectOption('0.25');
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    await page.getByTestId('as-of-canvas').waitFor();
    const seen = await page.evaluate(() => ({
      orders: Number(document.querySelector('[data-testid="orders-total"]')?.textContent),
      headline: document.querySelector('[data-testid="no-anomalies"]')?.textContent,
      dock: document.querySelector('.orders-panel .empty')?.textContent,
    }));
    expect(seen.orders).toBe(0);
    expect(seen.headline).toBe('No orders yet');
    expect(seen.dock).toBe('No orders yet.');
    await page.screenshot({ path: '/tmp/ui-asof-no-orders-yet.png' });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 180_000);
});

