/**
 * Screen-reader narration and keyboard walking, keyboard only, read through the accessibility
 * tree (aria snapshots): steps are announced in the polite live region, the end of a run is
 * announced with its outcome, M jumps to the messages in flight and ↑ ↓ walk them — each one
 * selected, announced as the active option, ringed and routed on the topology.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, pageErrors } from '../e2e-setup/browser';
import { playhead, waitForEnd } from './helpers';
import { openScenario } from './openScenario';

const SHOTS = '/tmp/shots-workshop-b';
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function spoken(page: Page): Promise<string> {
  return ((await page.getByTestId('live-narration').textContent()) ?? '').trim();
}

describe('narration and keyboard walking', () => {
  test('steps and the end of the run are announced politely; the region is in the accessibility tree', async () => {
    const page = await openScenario(browser, inject('baseUrl'), { seed: 2, workload: { orders: 5 }, faults: { crashBeforeAck: 0.3 } }, { width: 1280, height: 800 });
    const region = page.getByTestId('live-narration');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect(await spoken(page)).toBe('');
    // Keyboard only: focus the page, then step with →.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await page.locator('body').press('ArrowRight');
    await expect.poll(() => spoken(page)).toMatch(/^The customer sent order request r1\.( \(\+\d+ more events?\))?$/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => spoken(page)).not.toMatch(/order request r1/);
    expect(await region.ariaSnapshot()).toMatch(/- status: .+\./);

    // Shift+→ runs to the end: the outcome is announced.
    await page.keyboard.press('Shift+ArrowRight');
    await waitForEnd(page);
    await expect.poll(() => spoken(page)).toMatch(/^The run ended with \d+ orders: .+; (no anomalies|\d+ anomal(y|ies))\.$/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('M jumps to the messages in flight; ↑ ↓ walk and select them without moving time; the help lists it', async () => {
    const page = await openScenario(browser, inject('baseUrl'), { seed: 5, workload: { orders: 8, intervalMs: 20 } }, { width: 1280, height: 800 });
    await page.locator('body').press('ArrowRight');
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('in-flight-list').waitFor();
    const at = await playhead(page);

    await page.keyboard.press('m');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('in-flight-list');
    await page.keyboard.press('ArrowDown');
    const list = page.getByTestId('in-flight-list');
    const first = await list.getAttribute('aria-activedescendant');
    expect(first).toMatch(/^in-flight-/);
    const snapshot1 = await list.ariaSnapshot();
    expect(snapshot1).toMatch(/option "[^"]+ → [^"]+" \[selected\]/);
    // One option selected, the first one.
    expect(snapshot1.match(/\[selected\]/g)).toHaveLength(1);
    expect(first).toBe(await list.getByRole('option').first().getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    const second = await list.getAttribute('aria-activedescendant');
    expect(second).not.toBe(first);
    const active = page.locator(`[id="${second}"]`);
    expect(await active.getAttribute('aria-selected')).toBe('true');
    // The arrows walked the list, not the run.
    expect(await playhead(page)).toBe(at);
    // The selected message is ringed, routed and inspected.
    await expect.poll(async () => Number(await page.getByTestId('message-overlay').getAttribute('data-laser'))).toBeGreaterThan(0);
    const text = (await active.textContent()) ?? '';
    const type = text.split(':')[0].split(' ').pop() ?? '';
    await expect.poll(async () => (await page.getByTestId('inspector').textContent()) ?? '').toContain(type);
    await page.screenshot({ path: `${SHOTS}/1280x800-walk-messages.png` });

    // While playing the list steps aside (too fast to walk, and costly to rebuild every tick).
    await page.getByTestId('play').click();
    await page.getByTestId('in-flight-playing').waitFor();
    await page.getByTestId('play').click();
    await page.getByTestId('in-flight-list').waitFor();

    // Escape clears the selection; ? opens the help, which documents the walk.
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    expect(await help.ariaSnapshot()).toContain('Walk the messages in flight');
    expect(await help.textContent()).toContain('Page Down / Page Up');
    await page.screenshot({ path: `${SHOTS}/1280x800-help.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
