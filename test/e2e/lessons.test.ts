/**
 * The lesson player and challenge mode in real Chromium, against the production bundle:
 * complete a lesson by following its solution, see progress survive a reload (and damaged
 * progress reset with a notice), and solve a challenge. Screenshots go to /tmp/shots-lessons.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHALLENGES, LESSONS } from '../../src/lessons/catalog';
import { pickChallenge } from '../../src/lessons/challengeGrade';
import { PROGRESS_KEY } from '../../src/lessons/progress';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { waitForEnd } from './helpers';

const SHOTS = '/tmp/shots-lessons';
const LESSON = 'idempotent-consumer';

let browser: Browser;
/** The production build, served by the shared globalSetup (test/e2e-setup/globalSetup.ts). */
const baseUrl = () => inject('baseUrl');

/** The text of an element ('' when it has none). */
async function text(el: Locator): Promise<string> {
  return (await el.textContent()) ?? '';
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('lesson player', () => {
  let page: Page;

  it('opens a lesson from ?lesson= and shows it in the Learn tab', async () => {
    page = await openPlayground(browser, `${baseUrl()}?lesson=${LESSON}`);
    const player = page.locator(`[data-lesson="${LESSON}"]`);
    await player.waitFor();
    expect(await page.getByTestId('side-tab-lessons').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => text(page.getByTestId('lesson-progress'))).toContain(`0 of ${LESSONS.length}`);
    // The lesson locks its fault: the playground shows the slider disabled.
    expect(await page.getByTestId('control-faults.duplicate').isDisabled()).toBe(true);
    await shot(page, '01-lesson-open');
  });

  it('walks the steps to the interview card', async () => {
    const lesson = LESSONS.find((l) => l.id === LESSON)!;
    for (let i = 0; i < lesson.steps.length; i++) await page.getByTestId('lesson-next-step').click();
    await page.getByLabel('Explain it in an interview').waitFor();
    expect(await text(page.getByLabel('Explain it in an interview'))).toContain(lesson.interview.question);
    await shot(page, '02-interview-card');
    await page.getByTestId('lesson-prev-step').click();
  });

  it('completes the lesson by following its solution', async () => {
    await page.getByTestId('lesson-hint').click();
    await page.getByTestId('lesson-show-solution').click();
    await page.getByTestId('lesson-run').click();
    await page.locator('[data-testid="goal-status"][data-tone="met"]').waitFor({ timeout: 45_000 });
    await page.getByTestId('goal-status').scrollIntoViewIfNeeded();
    await shot(page, '03-lesson-complete');
    const saved = await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);
    expect(JSON.parse(saved ?? 'null')).toEqual({ version: 1, completed: [LESSON] });
  });

  it('keeps progress across a reload', async () => {
    await page.reload();
    await page.locator(`[data-lesson="${LESSON}"]`).waitFor();
    await expect.poll(() => text(page.getByTestId('lesson-progress'))).toContain(`1 of ${LESSONS.length}`);
    await page.getByTestId('lesson-all').click();
    const item = page.locator(`li.done [data-lesson-id="${LESSON}"]`);
    await item.waitFor();
    await shot(page, '04-progress-after-reload');
  });

  it('resets damaged progress with a visible notice instead of crashing', async () => {
    await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"completed":'), PROGRESS_KEY);
    await page.reload();
    const notice = page.getByRole('alert').filter({ hasText: 'could not be read' });
    await notice.waitFor();
    await expect.poll(() => text(page.getByTestId('lesson-progress'))).toContain(`0 of ${LESSONS.length}`);
    await shot(page, '05-damaged-progress-notice');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('challenge mode', () => {
  // Find a seed that picks the duplicate-delivery challenge, so the answer below is known.
  const target = CHALLENGES.find((c) => c.id === 'shrinking-stock')!;
  let seed = 1;
  while (pickChallenge(CHALLENGES, seed) !== target) seed++;
  let page: Page;

  it('presents the system with its fault sliders hidden', async () => {
    page = await openPlayground(browser, `${baseUrl()}?challenge=${seed}`);
    await page.locator(`[data-challenge="${target.id}"]`).waitFor();
    expect(await page.getByTestId('control-faults.duplicate').isVisible()).toBe(false);
    await page.getByTestId('challenge-run').click();
    await waitForEnd(page, 45_000);
    await shot(page, '06-challenge-run');
  });

  it('grades a wrong answer and explains it', async () => {
    await page.locator('[data-fault="drop"]').check();
    await page.getByTestId('challenge-submit').click();
    const result = page.getByTestId('challenge-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await text(result)).toContain('Not quite yet');
    expect(await page.locator('[data-verdict="wrong"]').count()).toBe(1);
    // The missed fault is counted, not named, so the learner can try again.
    expect(await text(page.locator('[data-verdict="missed-count"]'))).toContain('One more fault');
    expect(await text(page.getByTestId('remedy-verdict'))).toContain('anomalies remain');
    expect(await page.getByTestId('control-faults.duplicate').isVisible()).toBe(false);
    await result.scrollIntoViewIfNeeded();
    await shot(page, '07-challenge-wrong');
  });

  it('accepts the right diagnosis and remedies, checked by a real run', async () => {
    await page.locator('[data-fault="drop"]').uncheck();
    await page.locator('[data-fault="duplicate"]').check();
    await page.locator('[data-remedy="idempotentConsumer"]').check();
    await page.getByTestId('challenge-submit').click();
    const result = page.getByTestId('challenge-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await text(result)).toContain('Solved');
    expect(await text(page.getByTestId('remedy-verdict'))).toContain('no anomalies at all');
    // Graded: the fault sliders come back so the learner can compare.
    expect(await page.getByTestId('control-faults.duplicate').isVisible()).toBe(true);
    await result.scrollIntoViewIfNeeded();
    await shot(page, '08-challenge-solved');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
