
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { readLink } from '../../src/share/decode';
import { Simulation } from '../../src/sim/engine';
import { ENGINE_VERSION } from '../../src/sim/engineVersion';
import { parseScenario } from '../../src/sim/scenario';
import type { Scenario } from '../../src/sim/types';
import { firstDivergence, orderRequests, requestsOfTrace } from '../../src/ui/compare/diff';
import { sideBScenario } from '../../src/ui/compare/sideB';
import { openPlayground, pageErrors } from '../e2e-setup/browser';
import { browserForFile, settledUrl } from './helpers';
import { openScenario } from './openScenario';

const SHOTS = '/tmp/ui-compare-shots';
const chromium = browserForFile(SHOTS);
const A = { seed: 1, workload: { orders: 6 }, faults: { duplicate: 0.3 } };

async function playheadOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('playhead').textContent());
}

/** Opens a link that holds a comparison (no topology to wait for) and waits until it is applied. */
async function openCompareLink(url: string, width: number, height: number): Promise<Page> {
  const context = await chromium.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(url);
  await page.getByTestId('compare').waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}

function money(n: number): string {
  return `$${n}`;
}

/** Node's run of a scenario up to a time. */
function nodeAt(s: Scenario, t: number): Simulation {
  const sim = new Simulation(s);
  sim.runUntil(t);
  return sim;
}

async function text(page: Page, id: string): Promise<string> {
  return ((await page.getByTestId(id).textContent()) ?? '').trim();
}

describe('A/B compare', () => {
  test('open, change B with clicks, scrub, follow a difference, reload the link', async () => {
    const page = await openScenario(chromium.browser, inject('baseUrl'), A, { width: 1280, height: 800 });
    await page.getByTestId('compare-button').click();
    const compare = page.getByTestId('compare');
    await compare.waitFor();
    // B starts as a copy of A: the two end the same way.
    await page.getByTestId('cmp-same').waitFor();

    // Real click on B's remedy (the label, as a person would).
    await page.getByTestId('cmp-b-controls').getByText('Idempotent consumer').click();
    expect(await page.getByTestId('cmp-b-remedies.idempotentConsumer').isChecked()).toBe(true);
    await page.locator('[data-testid="cmp-diffs"][data-ready]').waitFor();
    await expect.poll(() => page.getByTestId('cmp-diff').count()).toBeGreaterThan(0);
    expect(await text(page, 'cmp-a-settings')).toBe('Idempotent consumer: off');
    expect(await text(page, 'cmp-b-settings')).toBe('Idempotent consumer: on');

    // The differences are the reports' own: Node runs both to the end.
    const sa = parseScenario(A);
    const sb = sideBScenario(sa, { faults: sa.faults, remedies: { ...sa.remedies, idempotentConsumer: true } });
    const endA = new Simulation(sa);
    endA.runToEnd();
    const endB = new Simulation(sb);
    endB.runToEnd();
    const takenRow = page.locator('[data-testid="cmp-diff"][data-key="money:charged"]');
    expect(await takenRow.locator('td').nth(0).textContent()).toBe(money(endA.report().ledger.charged));
    expect(await takenRow.locator('td').nth(1).textContent()).toBe(money(endB.report().ledger.charged));
    const diffKeys = await page.getByTestId('cmp-diff').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
    const changed = diffKeys.filter((k) => k.startsWith('request:')).map((k) => k.slice('request:'.length));
    expect(changed.length).toBeGreaterThan(0);

    // Scrub with the mouse: both sides follow the one playhead, and both match Node there.
    const scrub = page.getByTestId('scrubber');
    const box = (await scrub.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.45, box.y + box.height / 2);
    await expect.poll(() => playheadOf(page)).toBeGreaterThan(0);
    await expect.poll(async () => (await page.locator('html').getAttribute('data-player')) ?? 'idle').toBe('idle');
    const t = await playheadOf(page);
    const na = nodeAt(sa, t);
    const nb = nodeAt(sb, t);
    await expect.poll(() => text(page, 'cmp-a-charged')).toBe(money(na.report().ledger.charged));
    // B is re-run towards the playhead in slices; once it says it is there, its figures are Node's.
    await page.locator('[data-testid="cmp-side-b"][data-caught-up="true"]').waitFor();
    expect(await text(page, 'cmp-b-charged')).toBe(money(nb.report().ledger.charged));
    expect(await text(page, 'cmp-b-emails')).toBe(String(nb.view().emails.length));
    expect(await text(page, 'cmp-b-anomalies')).toBe(String(nb.report().anomalyList.length));
    await page.screenshot({ path: `${SHOTS}/compare-1280x800-scrubbed.png` });

    // Follow the first order that differs to where the runs part.
    const row = page.locator(`[data-testid="cmp-diff"][data-key="request:${changed[0]}"]`);
    await row.getByTestId('cmp-follow').click();
    await page.getByTestId('cmp-parting').waitFor();
    const reqA = requestsOfTrace(endA.trace, orderRequests(endA.report()));
    const reqB = requestsOfTrace(endB.trace, orderRequests(endB.report()));
    const dv = firstDivergence(endA.trace, endB.trace, new Set([changed[0]]), reqA, reqB);
    expect(dv).not.toBeNull();
    await expect.poll(() => text(page, 'cmp-a-selected')).toContain(dv!.aMsg!);
    await page.locator('[data-testid="cmp-side-b"][data-caught-up="true"]').waitFor();
    expect(await text(page, 'cmp-b-selected')).toContain(dv!.bMsg!);
    expect(await page.getByTestId('inspector').textContent()).toContain(dv!.aMsg!);
    expect(await row.getAttribute('aria-current')).toBe('true');
    const at = await playheadOf(page);
    expect(at).toBeGreaterThanOrEqual(Math.max(dv!.aMsgT!, dv!.bMsgT!) - 0.1);
    // The comparison scrolled to its top, the page itself did not move.
    expect(await page.evaluate(() => [document.documentElement.scrollTop, document.querySelector('.app')?.scrollTop ?? 0])).toEqual([0, 0]);
    await page.screenshot({ path: `${SHOTS}/compare-1280x800-parting.png` });

    // The link holds both sides; a fresh page opens to the same state.
    const url = await settledUrl(page);
    expect(url).toMatch(/#v=4&/);
    const read = readLink(url);
    expect(read.problems).toEqual([]);
    expect(read.state.compare?.remedies.idempotentConsumer).toBe(true);
    expect(read.state.compare?.selectedMessage).toBe(dv!.bMsg);
    const fresh = await openCompareLink(url, 1280, 800);
    expect(await fresh.getByTestId('cmp-b-remedies.idempotentConsumer').isChecked()).toBe(true);
    expect(await playheadOf(fresh)).toBe(at);
    await fresh.locator('[data-testid="cmp-side-b"][data-caught-up="true"]').waitFor();
    expect(await text(fresh, 'cmp-a-selected')).toBe(await text(page, 'cmp-a-selected'));
    expect(await text(fresh, 'cmp-b-selected')).toBe(await text(page, 'cmp-b-selected'));
    expect(await text(fresh, 'cmp-b-charged')).toBe(await text(page, 'cmp-b-charged'));
    await expect.poll(() => fresh.getByTestId('cmp-diff').count()).toBe(await page.getByTestId('cmp-diff').count());
    expect(pageErrors(fresh)).toEqual([]);
    await fresh.context().close();

    // Presenter size and phone size, on the same link.
    const big = await openCompareLink(url, 1920, 1080);
    await big.locator('[data-testid="cmp-diffs"][data-ready]').waitFor();
    await big.screenshot({ path: `${SHOTS}/compare-1920x1080.png` });
    expect(pageErrors(big)).toEqual([]);
    await big.context().close();
    const phone = await openCompareLink(url, 390, 844);
    const boxA = (await phone.getByTestId('cmp-side-a').boundingBox())!;
    const boxB = (await phone.getByTestId('cmp-side-b').boundingBox())!;
    // Stacked: B below A, each within the screen's width.
    expect(boxB.y).toBeGreaterThanOrEqual(boxA.y + boxA.height - 1);
    expect(boxA.x + boxA.width).toBeLessThanOrEqual(391);
    await phone.screenshot({ path: `${SHOTS}/compare-390x844.png` });
    await phone.getByTestId('cmp-side-b').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: `${SHOTS}/compare-390x844-side-b.png` });
    const phoneRow = phone.locator(`[data-testid="cmp-diff"][data-key="request:${changed[0]}"]`);
    await phoneRow.getByTestId('cmp-follow').click();
    await phone.getByTestId('cmp-parting').waitFor();
    await phone.waitForTimeout(300);
    await phone.screenshot({ path: `${SHOTS}/compare-390x844-parting.png` });
    expect(pageErrors(phone)).toEqual([]);
    await phone.context().close();

    // Closing Compare brings the topology back and the link drops side B.
    await page.getByTestId('cmp-close').click();
    await page.getByTestId('node-order').waitFor();
    await expect.poll(() => settledUrl(page)).toMatch(/#v=2&/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('a damaged side B is named and the run opens alone; a bad fault value for B is refused', async () => {
    const page = await openScenario(chromium.browser, inject('baseUrl'), A, { width: 1280, height: 800 });
    await page.getByTestId('compare-button').click();
    const field = page.getByTestId('cmp-b-faults.duplicate');
    await field.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('cmp-b-controls').textContent()) ?? '').toContain('Duplicate delivery must be between 0 and 1');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const url = await settledUrl(page);
    const damaged = url.replace(/&b=([0-9a-z]+)\.([A-Za-z0-9+$-]{4})/, '&b=$1.XXXX');
    expect(damaged).not.toBe(url);
    await page.context().close();
    const bad = await openPlayground(chromium.browser, damaged, { width: 1280, height: 800 });
    await bad.waitForFunction(() => document.documentElement.dataset.link === 'ready');
    await expect.poll(async () => (await bad.getByTestId('link-notice').textContent()) ?? '').toMatch(/side B .* showing run A alone instead/);
    expect(await bad.getByTestId('compare').count()).toBe(0);
    await bad.getByTestId('node-order').waitFor();
    await bad.screenshot({ path: `${SHOTS}/compare-bad-link.png` });
    expect(pageErrors(bad)).toEqual([]);
    await bad.context().close();
  });

  test('a link made before engine version 2 (no "e=") opens, with a notice that the run may differ', async () => {
    const page = await openScenario(chromium.browser, inject('baseUrl'), A, { width: 1280, height: 800 });
    const url = await settledUrl(page);
    expect(url).toMatch(new RegExp(`&e=${ENGINE_VERSION}(&|$)`));
    await page.context().close();
    const old = await openPlayground(chromium.browser, url.replace(/&e=\d+/, ''), { width: 1280, height: 800 });
    await old.waitForFunction(() => document.documentElement.dataset.link === 'ready');
    await expect
      .poll(async () => (await old.getByTestId('link-engine-version').textContent()) ?? '')
      .toBe('This link was made with engine version 1; this run may differ from the one that was shared.');
    expect(await old.getByTestId('link-notice').getAttribute('data-fell-back')).toBeNull();
    expect(await old.getByTestId('node-customer').count()).toBe(1);
    await old.screenshot({ path: `${SHOTS}/engine-version-notice.png` });
    expect(pageErrors(old)).toEqual([]);
    await old.context().close();
  });

  test('a link made by engine version 2 (before reconciliation paged) opens, naming that version', async () => {
    const page = await openScenario(chromium.browser, inject('baseUrl'), A, { width: 1280, height: 800 });
    const url = await settledUrl(page);
    await page.context().close();
    const old = await openPlayground(chromium.browser, url.replace(/&e=\d+/, '&e=2'), { width: 1280, height: 800 });
    await old.waitForFunction(() => document.documentElement.dataset.link === 'ready');
    await expect
      .poll(async () => (await old.getByTestId('link-engine-version').textContent()) ?? '')
      .toBe('This link was made with engine version 2; this run may differ from the one that was shared.');
    expect(await old.getByTestId('link-notice').getAttribute('data-fell-back')).toBeNull();
    expect(await old.getByTestId('node-customer').count()).toBe(1);
    await old.screenshot({ path: `${SHOTS}/engine-version-2-notice.png` });
    expect(pageErrors(old)).toEqual([]);
    await old.context().close();
  });
});
