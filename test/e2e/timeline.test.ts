/**
 * The timeline in real Chromium, clicked with the mouse as a learner does: in a 400-order run a
 * click at a point of the track lands at that point of the run (within the track's thumb-sized
 * slack), whether the end of the run is known yet or not. Long operations show progress and
 * stop on Cancel or Escape, leaving a run that carries on exactly. Screenshots in /tmp/shots-timeline.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildLink } from '../../src/share/encode';
import { runScenario } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { playhead, traceHash, waitForEnd } from './helpers';

const SHOTS = '/tmp/shots-timeline';
let browser: Browser;

const BIG = parseScenario({ seed: 5, workload: { orders: 400 } });
const HUGE = parseScenario({ seed: 8, workload: { orders: 1000, intervalMs: 60 }, faults: { duplicate: 0.1 } });
let hugeHash: string | undefined;
/** HUGE's trace hash in Node, run once for both page sizes (a 1,000-order run takes seconds). */
const hugeTraceHash = () => (hugeHash ??= runScenario(HUGE).traceHash);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The run's end as the clock shows it ("~" while it is only an estimate). */
async function endShown(page: Page): Promise<{ ms: number; known: boolean }> {
  const text = (await page.getByTestId('clock').textContent()) ?? '';
  const end = text.split('/')[1]?.trim() ?? '';
  const n = Number(end.replace(/[~,\s]|ms/g, '').replace(/s$/, ''));
  const ms = /\d\s*s$/.test(end) && !end.endsWith('ms') ? n * 1000 : n;
  return { ms, known: !end.startsWith('~') };
}

/** Waits until no seek or run is in progress. */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="job-progress"]').waitFor({ state: 'detached', timeout: 60_000 });
  await page.waitForFunction(() => document.documentElement.dataset.player === 'idle', null, { timeout: 60_000 });
}

async function clickAt(page: Page, fraction: number): Promise<number> {
  const box = await page.getByTestId('scrubber').boundingBox();
  if (!box) throw new Error('no scrubber');
  // Where the browser puts the thumb's centre for a value: the track minus half a thumb at each end.
  // Held like a real click (a tenth of a second), long enough for a long seek to start moving.
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2, { delay: 120 });
  await settled(page);
  const max = Number(await page.getByTestId('scrubber').getAttribute('max'));
  return (await playhead(page)) / max;
}

describe('timeline', () => {
  test('a click lands where it was clicked, forwards and backwards, before and after the end is known', async () => {
    const link = buildLink(inject('baseUrl'), { scenario: BIG, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const page = await openPlayground(browser, link, { width: 1280, height: 800 });
    await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
    const box = await page.getByTestId('scrubber').boundingBox();
    if (!box) throw new Error('no scrubber');
    // Thumb-sized slack: the browser maps a click to the thumb's centre, 16 px wide at most.
    const slack = 16 / box.width;
    // First click right away, while the run's end may still be an estimate.
    const first = await clickAt(page, 0.9);
    expect(Math.abs(first - 0.9)).toBeLessThan(slack);
    await expect.poll(async () => (await endShown(page)).known, { timeout: 120_000 }).toBe(true);
    for (const f of [0.25, 0.75, 0.5, 0.1, 0.95, 0.6]) {
      const landed = await clickAt(page, f);
      expect(Math.abs(landed - f), `clicked at ${f}, landed at ${landed.toFixed(3)}`).toBeLessThan(slack);
    }
    await page.screenshot({ path: `${SHOTS}/after-clicks.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('in a long run the clock stacks its two readings, so the track stays wide enough to aim at (1280×800)', async () => {
    // 20,000 orders: the clock reads seven-digit times; side by side they squeezed the track to ~70 px.
    const long = parseScenario({ seed: 11, workload: { orders: 20_000, intervalMs: 60 }, durationMs: 3_600_000 });
    const link = buildLink(inject('baseUrl'), { scenario: long, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const page = await openPlayground(browser, link, { width: 1280, height: 800 });
    await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
    const clock = page.getByTestId('clock');
    // The end is estimated a moment after the page opens.
    await expect.poll(() => clock.getAttribute('class'), { timeout: 15_000 }).toContain('clock-long');
    expect(((await page.getByTestId('scrubber').boundingBox())?.width ?? 0)).toBeGreaterThanOrEqual(120);
    // Nothing in the top bar pushed past the window's edge.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.screenshot({ path: `${SHOTS}/long-run-clock-1280.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('Step back, clicked again and again, goes back one event at a time and the run then carries on exactly', async () => {
    const link = buildLink(inject('baseUrl'), { scenario: BIG, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const page = await openPlayground(browser, link, { width: 1280, height: 800 });
    await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
    await expect.poll(async () => (await endShown(page)).known, { timeout: 120_000 }).toBe(true);
    await page.waitForFunction(() => document.documentElement.dataset.background === 'idle', null, { timeout: 120_000 });
    await clickAt(page, 0.5);
    const forward = page.getByRole('button', { name: 'Step to next event (→)' });
    const back = page.getByRole('button', { name: 'Step back (←)' });
    const seen = [await playhead(page)];
    for (let i = 0; i < 4; i++) {
      await forward.click();
      await settled(page);
      seen.push(await playhead(page));
    }
    // Clicks one after another, the second and later before idle time has prepared anything.
    let last = seen[seen.length - 1];
    for (let i = 0; i < 6; i++) {
      await back.click();
      await settled(page);
      const now = await playhead(page);
      expect(now, `step back ${i + 1} from ${last}`).toBeLessThan(last);
      last = now;
    }
    // Back below where the forward steps started, so the rewind crossed the events just stepped.
    expect(last).toBeLessThan(seen[0]);
    await page.screenshot({ path: `${SHOTS}/after-steps-back.png` });
    await page.getByTestId('run-to-end').click();
    await waitForEnd(page, 120_000);
    expect(await traceHash(page)).toBe(runScenario(BIG).traceHash);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('a long run to the end shows progress; Escape and Cancel stop it, and the run carries on exactly', async () => {
    for (const width of [1280, 390]) {
      const link = buildLink(inject('baseUrl'), { scenario: HUGE, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
      const page = await openPlayground(browser, link, { width, height: width === 390 ? 844 : 800 });
      await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
      await page.getByTestId('run-to-end').click();
      const bar = page.getByTestId('job-progress');
      await bar.waitFor();
      await expect.poll(async () => Number(await bar.locator('progress').getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
      await page.screenshot({ path: `${SHOTS}/progress-${width}.png` });
      // Stopped with the keyboard at one size and with the mouse on Cancel at the other. Each page
      // is fresh, so the job is long: a second run to the end on the same page may take the
      // background run's finished result at once and show no progress at all.
      if (width === 1280) await page.keyboard.press('Escape');
      else await bar.getByRole('button', { name: 'Cancel (Esc)' }).click();
      await bar.waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.documentElement.dataset.player === 'idle');
      const stopped = await playhead(page);
      expect(stopped).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="outcome-headline"][data-done]').count()).toBe(0);
      await page.waitForTimeout(300);
      expect(await playhead(page)).toBe(stopped);

      await page.getByTestId('run-to-end').click();
      await waitForEnd(page, 120_000);
      expect(await traceHash(page)).toBe(hugeTraceHash());
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });
});
