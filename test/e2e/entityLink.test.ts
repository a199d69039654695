/**
 * The chart opened under an order travels in the link: a learner opens an order's second payment
 * with the mouse, copies the link, and the link opens that very chart at that very moment. A link
 * naming a chart the run does not have opens the order without it and says so. The chart is
 * legible in the side panel at 1280×800 without Enlarge. Screenshots: /tmp/ui-entity-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { buildLink } from '../../src/share/encode';
import type { LinkState } from '../../src/share/linkState';
import { seek } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { entitiesOfOrder } from '../../src/ui/statechart/entityRefs';
import { openPlayground, pageErrors } from '../e2e-setup/browser';
import { browserForFile, copyLink, playhead } from './helpers';

const chromium = browserForFile();

// Duplicates charge some orders twice; lost provider replies make payments retry.
const PATHS = parseScenario({
  seed: 5,
  workload: { orders: 16, intervalMs: 10 },
  inventory: { stock: 6 },
  faults: { raceWindowMs: 40, paymentTimeout: 0.5, duplicate: 0.3 },
  remedies: { retries: true, conditionalUpdate: true, reconciliation: true },
});
const END = seek(PATHS, 60_000);
const T = Math.floor(END.now);
// An order charged twice: its second payment is the chart to share.
const ORDER = [...END.s.payment.byOrder].find(([, rows]) => rows.length > 1)?.[0] ?? 'none';

function link(extra: Partial<LinkState>): string {
  return buildLink(inject('baseUrl'), { scenario: PATHS, playhead: T, events: null, selectedOrder: null, selectedMessage: null, allow: null, ...extra });
}

async function open(url: string, size = { width: 1280, height: 800 }): Promise<Page> {
  const page = await openPlayground(chromium.browser, url, size);
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}

/** The state each box in a chart is drawn in now. */
const currentStates = (page: Page, region: string) =>
  page.getByRole('region', { name: region }).locator('[data-testid="sc-state"][data-current]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));

describe('the opened chart in the link', () => {
  test('a chart opened by mouse is in the copied link, and the link reopens it at the same moment', async () => {
    expect(ORDER).not.toBe('none');
    const payments = entitiesOfOrder(seek(PATHS, T), ORDER).filter((r) => r.kind === 'payment');
    const second = payments[1];
    const page = await open(link({}));
    await expect.poll(() => playhead(page)).toBe(T);
    await page.getByTestId('dock-tab-orders').click();
    await page.locator(`[data-testid="order-row"][data-order="${ORDER}"]`).click();
    const picker = page.getByRole('group', { name: `Machines of ${ORDER}` });
    await picker.getByRole('button', { name: second.label, exact: true }).click();
    const name = `${ORDER} ${second.label.toLowerCase()} state machine`;
    const region = page.getByRole('region', { name });
    await region.waitFor();
    // The address bar follows: the chart is in it once the write has settled.
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain(`&ch=payment.${second.key}`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const copied = await copyLink(page);
    expect(copied).toContain(`&o=${ORDER}&ch=payment.${second.key}`);
    const shownStates = await currentStates(page, name);
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/ui-entity-opened-1280.png' });
    await region.screenshot({ path: '/tmp/ui-entity-chart-1280.png' });
    // Legible without Enlarge: state names and transition labels are drawn at 10 px or more on screen.
    const drawnPx = (selector: string) =>
      region.locator(selector).evaluateAll((els) =>
        Math.min(
          ...els.map((e) => {
            const el = e as HTMLElement;
            // React Flow scales the drawing with a transform: the box on screen over its layout size.
            return Number.parseFloat(getComputedStyle(el).fontSize) * (el.getBoundingClientRect().height / el.offsetHeight);
          }),
        ),
      );
    // As drawn at zoom 1 (11 px names, 8.5 px labels); shrunk to fit the panel they were 5.7 px.
    expect(await drawnPx('.sc-state-name')).toBeGreaterThanOrEqual(10.5);
    expect(await drawnPx('.sc-label-line')).toBeGreaterThanOrEqual(8);
    // Centred on the current state, which is inside the box; the rest is a drag away.
    expect(await region.locator('[data-framing]').getAttribute('data-framing')).toBe('current');
    const flow = (await region.locator('.sc-flow').boundingBox())!;
    const now = (await region.locator('[data-testid="sc-state"][data-current]').last().boundingBox())!;
    expect(now.x >= flow.x && now.x + now.width <= flow.x + flow.width && now.y >= flow.y && now.y + now.height <= flow.y + flow.height).toBe(true);
    const viewport = () => region.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    const before = await viewport();
    await page.mouse.move(flow.x + flow.width / 2, flow.y + 20);
    await page.mouse.down();
    await page.mouse.move(flow.x + flow.width / 2 + 60, flow.y + 80, { steps: 6 });
    await page.mouse.up();
    expect(await viewport()).not.toBe(before);
    await page.context().close();

    // The copied link, in a fresh page: the same moment, the same order, the same chart open.
    const again = await open(copied);
    await expect.poll(() => playhead(again)).toBe(T);
    const reopened = again.getByRole('region', { name });
    await reopened.waitFor();
    expect(await currentStates(again, name)).toEqual(shownStates);
    expect(await again.getByRole('group', { name: `Machines of ${ORDER}` }).getByRole('button', { name: second.label, exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await again.getByTestId('link-notice').count()).toBe(0);
    // Closing the chart takes it out of the address.
    await again.getByRole('group', { name: `Machines of ${ORDER}` }).getByRole('button', { name: second.label, exact: true }).click();
    await expect.poll(() => again.evaluate(() => window.location.hash)).not.toContain('&ch=');
    expect(pageErrors(again)).toEqual([]);
    await again.context().close();
  });

  test('a link naming a chart the run does not have opens the order without it, and says so', async () => {
    const page = await open(link({ selectedOrder: ORDER, entity: { kind: 'payment', key: '9999' } }));
    await expect.poll(() => playhead(page)).toBe(T);
    const notice = page.getByTestId('link-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`This link's chart names payment row 9999, which ${ORDER} does not have at`);
    expect(await notice.textContent()).toContain('the order is shown without that chart');
    // The order itself is open, with its own saga and its buttons, and no payment chart.
    await page.getByRole('region', { name: `Order ${ORDER} state machine` }).waitFor();
    expect(await page.getByRole('group', { name: `Machines of ${ORDER}` }).locator('[aria-pressed="true"]').count()).toBe(0);
    await page.screenshot({ path: '/tmp/ui-entity-missing-1280.png' });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('on a phone the shared chart opens and can be read and closed', async () => {
    const payments = entitiesOfOrder(seek(PATHS, T), ORDER).filter((r) => r.kind === 'payment');
    const page = await open(link({ selectedOrder: ORDER, entity: { kind: 'payment', key: payments[0].key } }), { width: 390, height: 844 });
    await expect.poll(() => playhead(page)).toBe(T);
    const region = page.getByRole('region', { name: `${ORDER} ${payments[0].label.toLowerCase()} state machine` });
    await region.waitFor({ state: 'attached' });
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/ui-entity-phone.png' });
    const box = await region.boundingBox();
    // It fits the phone's width.
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    // A tap on its pressed button closes it.
    const button = page.getByRole('group', { name: `Machines of ${ORDER}` }).getByRole('button', { name: payments[0].label, exact: true });
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await button.click();
    await expect.poll(() => region.count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('the reconciliation round opened from the Order service is in the link, and reopens', async () => {
    const page = await open(link({}));
    await expect.poll(() => playhead(page)).toBe(T);
    await page.getByTestId('node-order').click();
    const button = page.getByRole('group', { name: 'The reconciliation job' }).getByRole('button', { name: 'Reconciliation round' });
    await button.click();
    const region = page.getByRole('region', { name: 'Reconciliation round state machine' });
    await region.waitFor();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('&ch=job.round');
    // The round is the Order service's: the link selects no order for it.
    expect(await page.evaluate(() => window.location.hash)).not.toContain('&o=');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const copied = await copyLink(page);
    expect(copied).toContain('ch=job.round');
    const shown = await currentStates(page, 'Reconciliation round state machine');
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/ui-round-opened-1280.png' });
    await page.context().close();

    const again = await open(copied);
    await expect.poll(() => playhead(again)).toBe(T);
    const reopened = again.getByRole('region', { name: 'Reconciliation round state machine' });
    await reopened.waitFor();
    expect(await currentStates(again, 'Reconciliation round state machine')).toEqual(shown);
    const pressed = again.getByRole('group', { name: 'The reconciliation job' }).getByRole('button', { name: 'Reconciliation round' });
    expect(await pressed.getAttribute('aria-pressed')).toBe('true');
    expect(await again.getByTestId('link-notice').count()).toBe(0);
    await reopened.scrollIntoViewIfNeeded();
    await again.screenshot({ path: '/tmp/ui-round-reopened-1280.png' });
    // Closing it by mouse takes it out of the address.
    await pressed.click();
    await expect.poll(() => again.evaluate(() => window.location.hash)).not.toContain('&ch=');
    expect(pageErrors(again)).toEqual([]);
    await again.context().close();
  });

  test('a link naming a round that has not run, or not a round, opens normally and says so', async () => {
    // Reconciliation off: no round ever starts.
    const off = parseScenario({ ...PATHS, remedies: { ...PATHS.remedies, reconciliation: false } });
    const url = buildLink(inject('baseUrl'), { scenario: off, playhead: 2000, events: null, selectedOrder: null, selectedMessage: null, allow: null, entity: { kind: 'job', key: 'round' } });
    const page = await open(url);
    await expect.poll(() => playhead(page)).toBe(2000);
    const notice = page.getByTestId('link-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain("This link's chart names the reconciliation round, but reconciliation is off in this run");
    expect(await page.getByRole('region', { name: 'Reconciliation round state machine' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/ui-round-missing-1280.png' });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();

    // A round by number is not something a link can name: reported, and the order still opens.
    const bad = await open(`${link({ selectedOrder: ORDER })}&ch=job.3`);
    await expect.poll(() => playhead(bad)).toBe(T);
    const said = bad.getByTestId('link-notice');
    await said.waitFor();
    expect(await said.textContent()).toContain('"job.3", which is not a chart');
    await bad.getByRole('region', { name: `Order ${ORDER} state machine` }).waitFor();
    expect(pageErrors(bad)).toEqual([]);
    await bad.context().close();
  });
});

