/**
 * Presenter mode at 1920×1080 in real Chromium: `?present` and the header toggle, large type and
 * dots, a caption that narrates each Page Down step exactly as the narration function says in
 * Node, Page Up back, B to blank and restore, and the laser-pointer route of a clicked message.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Message, ScenarioInput } from '../../src/sim/types';
import { narrateStep } from '../../src/ui/narration';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { playhead } from './helpers';
import { openScenario } from './openScenario';

const SHOTS = '/tmp/shots-workshop-b';
const PRESENTER = { width: 1920, height: 1080 };
const TIMEOUTS: ScenarioInput = { seed: 4, workload: { orders: 6 }, faults: { paymentTimeout: 0.5 } };
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The captions Page Down should produce, computed in Node: step until the trace grows, narrate the new events. */
function expectedCaptions(input: ScenarioInput, n: number): string[] {
  const sim = new Simulation(parseScenario(input));
  const messages = new Map<string, Message>();
  sim.subscribe((e) => {
    if (e.kind === 'publish' || e.kind === 'drop') messages.set(e.msg.id, e.msg);
  });
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const before = sim.trace.length;
    for (let i = 0; i < 200 && !sim.done && sim.trace.length === before; i++) sim.step();
    out.push(narrateStep(sim.trace.slice(before), messages) ?? '');
  }
  return out;
}

async function caption(page: Page): Promise<string> {
  return ((await page.getByTestId('presenter-caption-text').textContent()) ?? '').trim();
}

describe('presenter mode', () => {
  test('?present: clean layout, large type, every Page Down narrated as in Node, Page Up back, B blanks and restores', async () => {
    const page = await openScenario(browser, inject('baseUrl'), TIMEOUTS, { ...PRESENTER, query: '?present' });
    expect(await page.evaluate(() => 'present' in document.documentElement.dataset)).toBe(true);
    expect(await page.getByTestId('present-toggle').getAttribute('aria-pressed')).toBe('true');
    for (const hidden of ['controls-panel', 'side-panel']) expect(await page.getByTestId(hidden).isVisible()).toBe(false);
    expect(await page.locator('.dock').isVisible()).toBe(false);
    expect(await caption(page)).toContain('Page Down');

    // Large type: the caption, the headline and the service boxes (the graph is zoomed to fill the screen).
    const px = (sel: string) => page.locator(sel).first().evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(await px('.presenter-caption-text')).toBeGreaterThanOrEqual(28);
    expect(await px('.headline .stat')).toBeGreaterThanOrEqual(20);
    const box = await page.getByTestId('node-order').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(152 * 1.7);

    const expected = expectedCaptions(TIMEOUTS, 12);
    await page.locator('body').click({ position: { x: 960, y: 540 } });
    const seen: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      await page.keyboard.press('PageDown');
      await expect.poll(() => caption(page)).toBe(expected[i]);
      seen.push(await caption(page));
    }
    expect(seen.some((s) => /^(The customer sent|Customer|Order|Payment)/.test(s))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/1920x1080-presenter-step.png` });

    const at = await playhead(page);
    await page.keyboard.press('PageUp');
    await expect.poll(() => playhead(page)).toBeLessThan(at);
    expect(await caption(page)).toMatch(/^[A-Z].*\.( \(\+\d+ more events?\))?$/);

    await page.keyboard.press('b');
    const blank = page.getByTestId('blank-screen');
    await blank.waitFor();
    const cover = await blank.boundingBox();
    expect(cover).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    await page.screenshot({ path: `${SHOTS}/1920x1080-presenter-blank.png` });
    // Blanked, the clicker's page keys do nothing to the run.
    const frozen = await playhead(page);
    await page.keyboard.press('PageDown');
    expect(await playhead(page)).toBe(frozen);
    await page.keyboard.press('B');
    await blank.waitFor({ state: 'detached' });
    expect(await page.getByTestId('topology').isVisible()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('at the end of a run, what the remedies did comes up over the graph, amber where a person must act', async () => {
    const page = await openScenario(
      browser,
      inject('baseUrl'),
      { seed: 1, faults: { poison: 0.1 }, remedies: { retries: true, deadLetterQueue: true }, durationMs: 20_000 },
      { ...PRESENTER, colorScheme: 'dark', query: '?present=1' },
    );
    expect(await page.getByTestId('presenter-summary').count()).toBe(0);
    await page.locator('body').click({ position: { x: 960, y: 540 } });
    await page.keyboard.press('End');
    const summary = page.getByTestId('presenter-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.getByTestId('remedy-line-deadLetterQueue').getAttribute('data-tone')).toBe('visible');
    expect(await page.getByTestId('anomaly-count-manualReview').textContent()).toMatch(/visible, not healed/);
    expect(await page.getByTestId('no-anomalies').count()).toBe(0);
    expect(await summary.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
    // The caption gives the outcome, not one event out of the thousand the jump ran through.
    await expect.poll(() => caption(page)).toMatch(/^The run ended with 20 orders: 17 confirmed \/ shipped, 3 manual review; 3 visible, not healed: orders in manual review need a person\.$/);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${SHOTS}/1920x1080-presenter-end-dark.png` });
    await summary.getByTestId('presenter-summary-hide').click();
    await summary.waitFor({ state: 'detached' });
    await page.getByTestId('presenter-summary-show').click();
    await page.getByTestId('presenter-summary').waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('the header toggle switches it on and off and keeps the address in step; a clicked message gets a laser route', async () => {
    const page = await openScenario(browser, inject('baseUrl'), TIMEOUTS, PRESENTER);
    const overlay = page.getByTestId('message-overlay');
    expect(await page.getByTestId('controls-panel').isVisible()).toBe(true);
    await page.getByTestId('play').click();
    await expect.poll(async () => Number(await overlay.getAttribute('data-drawn'))).toBeGreaterThan(0);
    const normalDot = Number(await overlay.getAttribute('data-dot-px'));
    await page.getByTestId('play').click();

    await page.getByTestId('present-toggle').click();
    await expect.poll(() => page.evaluate(() => 'present' in document.documentElement.dataset)).toBe(true);
    expect(new URL(page.url()).search).toContain('present');
    expect(await page.getByTestId('controls-panel').isVisible()).toBe(false);

    // Find a dot to click: play a moment, pause, and look again until one is on screen.
    let dot = '';
    for (let i = 0; i < 20 && dot === ''; i++) {
      await page.getByTestId('play').click();
      await page.waitForTimeout(250);
      await page.getByTestId('play').click();
      await expect.poll(() => page.getByTestId('play').getAttribute('data-playing')).toBeNull();
      await page.waitForTimeout(100);
      dot = (await overlay.getAttribute('data-first-dot')) ?? '';
    }
    expect(dot).not.toBe('');
    const presenterDot = Number(await overlay.getAttribute('data-dot-px'));
    expect(presenterDot).toBeGreaterThanOrEqual(12);
    expect(presenterDot).toBeGreaterThan(normalDot * 2);
    // Under load the overlay may draw its paused frame a little after the attribute was read:
    // wait for two frames, then read the dot afresh before each click (a person aims at what is drawn).
    const canvas = await overlay.boundingBox();
    let laser = 0;
    for (let i = 0; i < 5 && laser === 0; i++) {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const [x, y] = ((await overlay.getAttribute('data-first-dot')) ?? dot).split(',').map(Number);
      await page.mouse.click((canvas?.x ?? 0) + x, (canvas?.y ?? 0) + y);
      await page.waitForTimeout(300);
      laser = Number(await overlay.getAttribute('data-laser'));
    }
    expect(laser).toBeGreaterThan(0);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${SHOTS}/1920x1080-presenter-laser.png` });

    await page.getByTestId('present-toggle').click();
    await expect.poll(() => page.evaluate(() => 'present' in document.documentElement.dataset)).toBe(false);
    expect(new URL(page.url()).search).not.toContain('present');
    expect(await page.getByTestId('controls-panel').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/1920x1080-normal-laser.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
  test('while it plays, the caption no longer tells the room to press Space to play', async () => {
    const page = await openScenario(browser, inject('baseUrl'), TIMEOUTS, { ...PRESENTER, query: '?present' });
    expect(await caption(page)).toContain('Space to play');
    // Slow, so the first panel tick comes before any step worth a caption.
    await page.getByTestId('speed').selectOption('0.25');
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    await page.getByTestId('as-of-canvas').waitFor();
    const text = await caption(page);
    await page.screenshot({ path: '/tmp/lead-present-playing.png' });
    expect(text).not.toContain('Space to play');
    expect(text.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause (Space)' }).click();
    await expect.poll(() => caption(page)).not.toContain('Space pauses');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
  test('?present&lesson=happy-path teaches the lesson: its text beside the graph in large type, L and the header switch hide and show it', async () => {
    const page = await openPlayground(browser, `${inject('baseUrl')}?present&lesson=happy-path`, PRESENTER);
    const player = page.locator('[data-lesson="happy-path"]');
    await player.waitFor();
    expect(await page.evaluate(() => 'presentPanel' in document.documentElement.dataset)).toBe(true);
    expect(await page.getByTestId('side-tab-lessons').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('present-panel-toggle').getAttribute('aria-pressed')).toBe('true');
    // The dock and the scenario controls stay out of the way; the caption is still there.
    expect(await page.getByTestId('controls-panel').isVisible()).toBe(false);
    expect(await page.locator('.dock').isVisible()).toBe(false);
    expect(await page.getByTestId('presenter-caption-text').isVisible()).toBe(true);

    // Large type as rendered: the font size times every zoom on the way up.
    const renderedPx = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize) * ((el as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1));
    const titleBox = await player.locator('h3').first().boundingBox();
    expect(titleBox?.height ?? 0).toBeGreaterThanOrEqual(30);
    expect(await renderedPx('.lesson-panel')).toBeGreaterThanOrEqual(20);
    expect(await renderedPx('.lesson-step')).toBeGreaterThanOrEqual(20);
    // The panel and the graph share the screen, neither squeezed away.
    const side = await page.getByTestId('side-panel').boundingBox();
    const topo = await page.getByTestId('topology').boundingBox();
    expect(side?.width ?? 0).toBeGreaterThanOrEqual(560);
    expect(topo?.width ?? 0).toBeGreaterThanOrEqual(1100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1920);
    await page.screenshot({ path: `${SHOTS}/1920x1080-presenter-lesson.png` });

    // Walking the lesson with real clicks: the next step, then a hint.
    const stepTitle = () => player.locator('.lesson-step-title').first().textContent();
    const first = await stepTitle();
    await page.getByTestId('lesson-next-step').click();
    await expect.poll(stepTitle).not.toBe(first);
    await page.getByTestId('lesson-hint').click();
    await player.locator('.hint-list li').first().waitFor();

    // The clicker still steps the run after a click in the lesson.
    const before = await playhead(page);
    await page.keyboard.press('PageDown');
    await expect.poll(() => playhead(page)).toBeGreaterThan(before);
    await page.screenshot({ path: `${SHOTS}/1920x1080-presenter-lesson-step.png` });

    // L hides the lesson and gives the graph the whole width; the header switch brings it back.
    await page.locator('body').click({ position: { x: 700, y: 540 } });
    await page.keyboard.press('l');
    await expect.poll(() => page.getByTestId('side-panel').isVisible()).toBe(false);
    expect(await page.getByTestId('present-panel-toggle').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('present-panel-toggle').click();
    await expect.poll(() => page.getByTestId('side-panel').isVisible()).toBe(true);
    expect(await page.getByTestId('side-tab-lessons').getAttribute('aria-selected')).toBe('true');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
