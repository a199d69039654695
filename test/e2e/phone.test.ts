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
  test('the topology in columns: every node label is at least 12 px as drawn, nothing overlaps or sticks out, dots travel between the columns; desktop keeps its rows', async () => {
    const page = await openPhone(scenarioLink(inject('baseUrl'), { seed: 3, workload: { orders: 8 }, faults: { duplicate: 0.2 } }));
    const topology = page.getByTestId('topology');
    expect(await topology.getAttribute('data-layout')).toBe('narrow');
    // Font size times the graph's zoom: what a reader actually sees.
    const rendered = (sel: string) =>
      page.evaluate((s) => {
        const vp = document.querySelector('.react-flow__viewport');
        const k = vp ? new DOMMatrixReadOnly(getComputedStyle(vp).transform).a : 0;
        return [...document.querySelectorAll(s)].map((el) => Math.round(Number.parseFloat(getComputedStyle(el).fontSize) * k * 10) / 10);
      }, sel);
    const names = await rendered('.topology .node-name');
    expect(names).toHaveLength(10);
    for (const px of names) expect(px).toBeGreaterThanOrEqual(12);
    for (const px of await rendered('.topology .fig-k, .topology .small-sub, .topology .partition')) expect(px).toBeGreaterThanOrEqual(12);
    // No name is cut short ("Notification" needs its whole box).
    const clipped = await page.evaluate(() => [...document.querySelectorAll('.topology .node-name')].filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
    expect(clipped).toEqual([]);

    const ids = ['customer', 'order', 'payment', 'provider', 'broker', 'inventory', 'shipping', 'notification', 'analytics', 'dlq'];
    const boxes = await Promise.all(ids.map(async (id) => ({ id, b: await page.getByTestId(`node-${id}`).boundingBox() })));
    for (const { b } of boxes) {
      expect(b?.x ?? -1).toBeGreaterThanOrEqual(0);
      expect((b?.x ?? 0) + (b?.width ?? 999)).toBeLessThanOrEqual(390);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i].b, boxes[j].b];
        if (!p || !q) continue;
        const overlap = p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
        expect(overlap, `${boxes[i].id} overlaps ${boxes[j].id}`).toBe(false);
      }
    // Senders left of the broker, the rest right of it.
    const at = Object.fromEntries(boxes.map(({ id, b }) => [id, b]));
    expect((at.order?.x ?? 999) + (at.order?.width ?? 0)).toBeLessThanOrEqual(at.broker?.x ?? 0);
    expect(at.shipping?.x ?? 0).toBeGreaterThanOrEqual((at.broker?.x ?? 999) + (at.broker?.width ?? 0));
    expect(await pageWidth(page)).toEqual({ scroll: 390, inner: 390 });
    await page.screenshot({ path: `${SHOTS}/390x844-phone-topology.png` });

    // Dots follow the new routes: each one drawn inside the pane, between the columns' outer edges.
    const overlay = page.getByTestId('message-overlay');
    let drawn = 0;
    for (let i = 0; i < 30 && drawn < 2; i++) {
      await page.getByTestId('step').tap();
      drawn = Number(await overlay.getAttribute('data-drawn'));
    }
    expect(drawn).toBeGreaterThan(0);
    const [x] = ((await overlay.getAttribute('data-first-dot')) ?? '').split(',').map(Number);
    const canvas = await overlay.boundingBox();
    expect((canvas?.x ?? 0) + x).toBeGreaterThanOrEqual(at.customer?.x ?? 0);
    expect((canvas?.x ?? 0) + x).toBeLessThanOrEqual((at.inventory?.x ?? 0) + (at.inventory?.width ?? 0));
    await page.screenshot({ path: `${SHOTS}/390x844-phone-topology-dots.png` });

    // The same page made desktop-wide goes back to the rows above and below the broker.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => topology.getAttribute('data-layout')).toBe('wide');
    await expect.poll(async () => {
      const [c, o, b] = await Promise.all(['customer', 'order', 'broker'].map((id) => page.getByTestId(`node-${id}`).boundingBox()));
      return Math.abs((c?.y ?? 0) - (o?.y ?? 99)) < 1 && (o?.x ?? 0) > (c?.x ?? 0) && (b?.width ?? 0) > 3 * (b?.height ?? 0);
    }).toBe(true);
    await page.screenshot({ path: `${SHOTS}/1280x800-after-phone.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test("the dock's order rows keep to their own line: no cell spills into the next row", async () => {
    const page = await openPhone(scenarioLink(inject('baseUrl'), { workload: { orders: 12, intervalMs: 15 }, faults: { duplicate: 0.3 } }));
    await page.getByRole('button', { name: 'Play (Space)' }).tap();
    await expect.poll(() => page.getByTestId('order-row').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Pause (Space)' }).tap();
    const rows = page.locator('.dock .orders-list');
    await rows.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/phone-order-rows.png` });
    // Each cell stays inside its row's box (a wrapped "Pending payment" used to hang into the row below).
    const spilled = await page.getByTestId('order-row').evaluateAll((els) =>
      els.flatMap((row) => {
        const r = row.getBoundingClientRect();
        return [...row.children]
          .filter((c) => {
            const b = c.getBoundingClientRect();
            return b.top < r.top - 0.5 || b.bottom > r.bottom + 0.5;
          })
          .map((c) => `${row.getAttribute('data-order')}: ${c.textContent}`);
      }),
    );
    expect(spilled).toEqual([]);
    // The full state is still there to read.
    expect(await page.getByTestId('order-row').first().locator('span[title]').getAttribute('title')).toMatch(/\w/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

