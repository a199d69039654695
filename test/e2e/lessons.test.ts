/**
 * The lesson player and challenge mode in real Chromium, against the production bundle:
 * complete a lesson by following its solution, see progress survive a reload (and damaged
 * progress reset with a notice), and solve a challenge. Then the observability lessons:
 * complete the signals-only lesson by hand (ground truth hidden, the lost order found from the
 * alerts and the event log, the remedy switched on), answer the alert-threshold question, and
 * see a signals-only challenge keep its ground truth hidden until the answer is checked.
 * Screenshots go to /tmp/shots-lessons and /tmp/shots-lessons2.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHALLENGES, LESSONS } from '../../src/lessons/catalog';
import { pickChallenge } from '../../src/lessons/challengeGrade';
import { PROGRESS_KEY } from '../../src/lessons/progress';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { anomalyTotal, waitForEnd } from './helpers';

const SHOTS = '/tmp/shots-lessons';
const SHOTS2 = '/tmp/shots-lessons2';
const LESSON = 'idempotent-consumer';

let browser: Browser;
/** The production build, served by the shared globalSetup (test/e2e-setup/globalSetup.ts). */
const baseUrl = () => inject('baseUrl');

/** The text of an element ('' when it has none). */
async function text(el: Locator): Promise<string> {
  return (await el.textContent()) ?? '';
}

async function shot(page: Page, name: string, dir = SHOTS): Promise<void> {
  await page.screenshot({ path: `${dir}/${name}.png` });
}

/** The attribute the lesson player sets on <html> while the ground truth is hidden. */
function groundTruth(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.getAttribute('data-ground-truth'));
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  await mkdir(SHOTS2, { recursive: true });
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

  it('the shown solution meets the goal but earns no tick; doing it by hand completes the lesson', async () => {
    // Before anything ran, no condition is ticked.
    expect(await page.locator('.goal-row[data-ok="true"]').count()).toBe(0);
    expect(await page.locator('.goal-row[data-pending="true"]').count()).toBeGreaterThan(0);
    await page.getByTestId('lesson-hint').click();
    await page.getByTestId('lesson-show-solution').click();
    await page.getByTestId('lesson-run').click();
    await page.locator('[data-testid="goal-status"][data-tone="met"]').waitFor({ timeout: 45_000 });
    expect(await text(page.getByTestId('goal-status'))).toContain('reset it and get there yourself');
    expect(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBeNull();
    expect(await text(page.getByTestId('lesson-progress'))).toContain(`0 of ${LESSONS.length}`);
    // By hand: reset, switch the remedy on with a real click, run.
    await page.getByTestId('lesson-reset').click();
    await page.getByTestId('control-remedies.idempotentConsumer').click();
    await page.getByTestId('lesson-run').click();
    await page.locator('[data-testid="goal-status"][data-tone="met"]').waitFor({ timeout: 45_000 });
    expect(await text(page.getByTestId('goal-status'))).toContain('Lesson complete');
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
    // "← All lessons" above left the lesson (and its ?lesson=), so the Learn tab is opened by hand.
    await page.getByTestId('side-tab-lessons').click();
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

describe('signals-only lesson', () => {
  const ID = 'on-call-lost-order';
  const lesson = LESSONS.find((l) => l.id === ID)!;
  let page: Page;
  let lostOrder = '';
  let otherOrder = '';

  it('opens with the ground truth and the fault sliders hidden, and says so', async () => {
    page = await openPlayground(browser, `${baseUrl()}?lesson=${ID}`);
    await page.locator(`[data-lesson="${ID}"]`).waitFor();
    expect(await groundTruth(page)).toBe('hidden');
    expect(await text(page.getByTestId('signals-only-note'))).toContain('Signals only');
    expect(await page.getByTestId('control-faults.drop').isVisible()).toBe(false);
    await page.getByTestId('lesson-run').click();
    await waitForEnd(page, 45_000);
    // The run has anomalies, but nothing on screen says so: headline, anomaly list, verdicts, trace, money.
    expect(await anomalyTotal(page)).toBeGreaterThan(0);
    for (const id of ['orders-total', 'anomaly-count-lostOrder']) expect(await page.getByTestId(id).isVisible(), id).toBe(false);
    expect(await page.getByTestId('verdict').first().isVisible()).toBe(false);
    expect(await page.getByTestId('order-row').first().isVisible()).toBe(true);
    await page.getByTestId('dock-tab-money').click();
    expect(await page.getByTestId('ledger-sum').isVisible()).toBe(false);
    await page.getByTestId('side-tab-run').click();
    expect(await page.getByTestId('anomaly-list').isVisible()).toBe(false);
    // Ground-truth rows of the goal show no value; signal rows do.
    await page.getByTestId('side-tab-lessons').click();
    expect(await page.locator('.goal-row[data-masked]').count()).toBe(2);
    expect(await text(page.locator('.lesson-goal'))).not.toMatch(/now \d+ anomal/);
    await shot(page, '01-signals-only-hidden', SHOTS2);
  });

  it('finds the lost order from the alerts and the event log', async () => {
    await page.getByTestId('lesson-open-signals').click();
    const alerts = page.getByTestId('alert-item');
    await alerts.first().waitFor();
    // Two alerts: money taken for an order that does not move, and an order open too long.
    const openTooLong = page.locator('[data-testid="alert-item"][data-alert^="order-open-too-long"]');
    const paid = page.locator('[data-testid="alert-item"][data-alert^="paid-not-moving"]');
    lostOrder = (await openTooLong.getAttribute('data-order')) ?? '';
    otherOrder = (await paid.getAttribute('data-order')) ?? '';
    expect(lostOrder).toMatch(/^o\d+$/);
    expect(otherOrder).toMatch(/^o\d+$/);
    await shot(page, '02-signals-alerts', SHOTS2);
    // Follow the order through the log: Order published ChargePayment, and no service ever received it.
    await page.getByTestId('obs-view-log').click();
    await page.getByTestId('obs-log-order').fill(lostOrder);
    const rows = page.getByTestId('obs-log-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const lines = await rows.allTextContents();
    expect(lines.some((l) => l.includes('publish ChargePayment'))).toBe(true);
    expect(lines.some((l) => l.includes('receive ChargePayment'))).toBe(false);
    await shot(page, '03-signals-log-lost-order', SHOTS2);
  });

  it('checks the answer against the engine: the paid order is not it, the silent one is', async () => {
    await page.getByTestId('side-tab-lessons').click();
    const input = page.getByTestId('question-input');
    await input.fill(otherOrder);
    await page.getByTestId('question-check').click();
    const feedback = page.locator('[data-testid="question-feedback"][data-correct="false"]');
    await feedback.waitFor();
    expect(await text(feedback)).toContain('Payment');
    await input.fill(lostOrder);
    await page.getByTestId('question-check').click();
    await page.locator('[data-testid="question-feedback"][data-correct="true"]').waitFor();
    expect(lostOrder).toBe(lesson.question?.answer);
    await page.getByTestId('lesson-question').scrollIntoViewIfNeeded();
    await shot(page, '04-question-answered', SHOTS2);
    // Right answer, but the system is not fixed: still hidden, goal not met.
    expect(await groundTruth(page)).toBe('hidden');
    expect(await page.getByTestId('goal-status').getAttribute('data-tone')).toBe('missed');
  });

  it('completes the lesson with the remedy, and then shows the ground truth again', async () => {
    // After the end, a remedy change re-runs the system from the start with it.
    await page.getByTestId('control-remedies.outbox').check();
    await page.locator('[data-testid="goal-status"][data-tone="met"]').waitFor({ timeout: 45_000 });
    expect(await groundTruth(page)).toBe(null);
    expect(await page.getByTestId('orders-total').isVisible()).toBe(true);
    expect(await page.getByTestId('no-anomalies').isVisible()).toBe(true);
    expect(await page.getByTestId('control-faults.drop').isVisible()).toBe(true);
    expect(await page.locator('.goal-row[data-masked]').count()).toBe(0);
    expect(await text(page.getByTestId('signals-only-note'))).toContain('Ground truth showing');
    await page.getByTestId('goal-status').scrollIntoViewIfNeeded();
    await shot(page, '05-signals-only-complete', SHOTS2);
    const saved = await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);
    expect(JSON.parse(saved ?? 'null').completed).toContain(ID);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('alert threshold lesson', () => {
  const ID = 'alerts-that-matter';
  let page: Page;

  it('grades a waiting time by replaying it over the broken and the healthy run', async () => {
    page = await openPlayground(browser, `${baseUrl()}?lesson=${ID}`);
    await page.locator(`[data-lesson="${ID}"]`).waitFor();
    // Not signals-only: the ground truth stays visible.
    expect(await groundTruth(page)).toBe(null);
    await page.getByTestId('question-option-0').check();
    await page.getByTestId('question-check').click();
    const wrong = page.locator('[data-testid="question-feedback"][data-correct="false"]');
    await wrong.waitFor({ timeout: 30_000 });
    expect(await text(wrong)).toMatch(/pages \d+ times on the healthy system/);
    await page.getByTestId('question-option-1000').check();
    await page.getByTestId('question-check').click();
    const right = page.locator('[data-testid="question-feedback"][data-correct="true"]');
    await right.waitFor({ timeout: 30_000 });
    expect(await right.locator('li').count()).toBe(4);
    await right.scrollIntoViewIfNeeded();
    await shot(page, '06-threshold-question', SHOTS2);
  });

  it('shows the DLQ alert firing once the system is fixed', async () => {
    await page.getByTestId('lesson-show-solution').click();
    await page.getByTestId('lesson-run').click();
    await page.locator('[data-testid="goal-status"][data-tone="met"]').waitFor({ timeout: 45_000 });
    await page.getByTestId('lesson-signals').click();
    await page.locator('[data-testid="alert-item"][data-alert^="dlq-not-empty"]').waitFor();
    expect(await page.locator('[data-testid="alert-item"][data-alert^="paid-not-moving"]').count()).toBe(0);
    await shot(page, '07-alerts-lesson-signals', SHOTS2);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('signals-only challenge', () => {
  const target = CHALLENGES.find((c) => c.signalsOnly)!;
  let seed = 1;
  while (pickChallenge(CHALLENGES, seed) !== target) seed++;

  it('hides the ground truth until an answer is checked', async () => {
    const page = await openPlayground(browser, `${baseUrl()}?challenge=${seed}`);
    await page.locator(`[data-challenge="${target.id}"]`).waitFor();
    expect(await groundTruth(page)).toBe('hidden');
    await page.getByTestId('challenge-run').click();
    await waitForEnd(page, 45_000);
    expect(await page.getByTestId('orders-total').isVisible()).toBe(false);
    await page.getByTestId('challenge-open-signals').click();
    await page.getByTestId('alert-item').first().waitFor();
    await shot(page, '08-challenge-signals', SHOTS2);
    await page.getByTestId('side-tab-lessons').click();
    for (const f of target.faults) await page.locator(`[data-fault="${f}"]`).check();
    for (const [r, v] of Object.entries(target.remedies)) if (v === true) await page.locator(`[data-remedy="${r}"]`).check();
    await page.getByTestId('challenge-submit').click();
    await page.getByTestId('challenge-result').waitFor({ timeout: 30_000 });
    expect(await text(page.getByTestId('challenge-result'))).toContain('Solved');
    expect(await groundTruth(page)).toBe(null);
    expect(await page.getByTestId('orders-total').isVisible()).toBe(true);
    await page.getByTestId('challenge-result').scrollIntoViewIfNeeded();
    await shot(page, '09-challenge-graded', SHOTS2);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
