/**
 * "Break this design" in real Chromium at 1280×800, with real clicks and keys: a design's
 * remedies are locked; checking the run as given says the design held; a fault switched on with
 * the keyboard breaks it and the checker names the rule; and a design broken with the Search tab
 * (find, shrink, open) is graded as broken too, its remedies still locked. Screenshots:
 * /tmp/ui-search-shots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { openPlayground, pageErrors } from '../e2e-setup/browser';
import { browserForFile } from './helpers';

const SHOTS = '/tmp/ui-search-shots';
const chromium = browserForFile(SHOTS);

async function openDesign(page: Page, id: string): Promise<void> {
  await page.getByTestId('side-tab-lessons').click();
  await page.getByTestId('lesson-mode-design').click();
  await page.locator(`[data-testid="design-open"][data-design="${id}"]`).click();
  await page.getByTestId('design').waitFor();
}

async function check(page: Page): Promise<string> {
  await page.getByTestId('design-check').click();
  const verdict = page.getByTestId('design-verdict');
  await verdict.waitFor({ timeout: 30_000 });
  return (await verdict.getAttribute('data-verdict')) ?? '';
}

describe('break this design', () => {
  test('locked remedies; as given it holds; a fault switched on with the keyboard breaks it and the rule is named', async () => {
    const page = await openPlayground(chromium.browser, inject('baseUrl'), { width: 1280, height: 800 });
    await openDesign(page, 'exactly-once-they-said');
    expect(await page.getByTestId('control-remedies.outbox').isDisabled()).toBe(true);
    expect(await page.getByTestId('control-remedies.idempotencyKey').isDisabled()).toBe(true);
    expect(await check(page)).toBe('holds');

    // Payment provider timeout to 0.40: eight steps of 0.05 with the arrow key.
    const slider = page.getByTestId('control-faults.paymentTimeout');
    await slider.scrollIntoViewIfNeeded();
    await slider.focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => window.eventually!.getScenario().faults.paymentTimeout)).toBeCloseTo(0.4);
    expect(await check(page)).toBe('broken');
    expect(await page.getByTestId('design-verdict').getAttribute('data-rule')).toBe('chargedAtMostOncePerRequest');
    expect(await page.getByTestId('design-verdict').textContent()).toContain('You broke the design: Charged at most once per request');
    await page.getByTestId('design-explanation').waitFor();
    await page.screenshot({ path: `${SHOTS}/design-broken-1280.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('broken with the Search tab: the run it opens keeps the design and is graded as broken', async () => {
    const page = await openPlayground(chromium.browser, inject('baseUrl'), { width: 1280, height: 800 });
    await openDesign(page, 'the-last-item');
    const race = page.getByLabel('Race for the last item', { exact: true });
    await race.scrollIntoViewIfNeeded();
    await race.fill('40');
    await page.getByTestId('design-open-search').click();
    await page.getByTestId('find-failing-run').click();
    await page.getByTestId('search-reopen').waitFor({ timeout: 90_000 });
    // The minimal run is in the playground, with the design's remedies still locked.
    expect(await page.getByTestId('control-remedies.conditionalUpdate').isDisabled()).toBe(true);
    await page.getByTestId('side-tab-lessons').click();
    expect(await check(page)).toBe('broken');
    const rule = await page.getByTestId('design-verdict').getAttribute('data-rule');
    expect(['promisesWithinStock', 'emailsTrue', 'stockNeverNegative', 'stockAddsUp']).toContain(rule);
    await page.screenshot({ path: `${SHOTS}/design-search-broken-1280.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('on a phone (390×844) the design and its verdict fit', async () => {
    const page = await openPlayground(chromium.browser, inject('baseUrl'), { width: 390, height: 844 });
    await openDesign(page, 'idempotent-all-the-way');
    await page.getByTestId('design-show-solution').click();
    expect(await check(page)).toBe('broken');
    await page.getByTestId('design-verdict').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/design-phone-390.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
