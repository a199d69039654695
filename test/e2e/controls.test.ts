/**
 * The control panel as a class uses it, in real Chromium at 1280×800 (and the presenter's 1920×1080): one real mouse click after
 * another on switches and sliders (a row's help used to collapse under the pointer and eat the
 * next click), the "?" help, and the starting-setup number fields that clamp or refuse with a
 * message naming the range. Screenshots go to /tmp/wa-shots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const open = (w = 1280, h = 800) => openPlayground(browser, inject('baseUrl'), { width: w, height: h });

/** The engine's value of a control at the playhead, read through the page's playground handle. */
function engineValue(page: Page, path: string): Promise<unknown> {
  return page.evaluate((p) => {
    const s = window.eventually!.getScenario() as unknown as Record<string, unknown>;
    const [sec, key] = p.split('.');
    return key === undefined ? s[sec] : (s[sec] as Record<string, unknown>)[key];
  }, path);
}

/** Clicks the middle of an element with the real mouse: move, press, release. */
async function mouseClick(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.up();
}

describe('control panel', () => {
  test.each([
    [1280, 800],
    [1920, 1080],
  ])('at %i×%i remedies come first, and sequential clicks on switches and sliders all land', async (w, h) => {
    const page = await open(w, h);
    // The most-toggled controls are on screen without scrolling.
    const idem = await page.getByTestId('control-remedies.idempotentConsumer').boundingBox();
    expect(idem && idem.y + idem.height).toBeLessThan(h);

    const switches = ['outbox', 'idempotentConsumer', 'idempotencyKey', 'retries', 'deadLetterQueue', 'saga'];
    for (const r of switches) {
      const before = await page.getByTestId(`control-remedies.${r}`).boundingBox();
      await mouseClick(page, `control-remedies.${r}`);
      // Nothing moved under the pointer, and the click took.
      expect(await page.getByTestId(`control-remedies.${r}`).boundingBox(), r).toEqual(before);
      await expect.poll(() => page.getByTestId(`control-remedies.${r}`).isChecked(), { message: r }).toBe(true);
      await expect.poll(() => engineValue(page, `remedies.${r}`), { message: r }).toBe(true);
    }
    await page.screenshot({ path: `/tmp/wa-shots/controls-after-clicks-${w}.png` });

    // Sliders right after switches, and switches right after sliders.
    await page.getByTestId('control-faults.duplicate').scrollIntoViewIfNeeded();
    const slider = (await page.getByTestId('control-faults.duplicate').boundingBox())!;
    await page.mouse.click(slider.x + slider.width * 0.5, slider.y + slider.height / 2);
    await expect.poll(() => engineValue(page, 'faults.duplicate')).toBeGreaterThan(0.3);
    const drop = (await page.getByTestId('control-faults.drop').boundingBox())!;
    await page.mouse.click(drop.x + drop.width * 0.25, drop.y + drop.height / 2);
    await expect.poll(() => engineValue(page, 'faults.drop')).toBeGreaterThan(0);
    await page.getByTestId('control-remedies.reconciliation').scrollIntoViewIfNeeded();
    await mouseClick(page, 'control-remedies.reconciliation');
    await expect.poll(() => engineValue(page, 'remedies.reconciliation')).toBe(true);
    // A second click switches it off again.
    await mouseClick(page, 'control-remedies.outbox');
    await expect.poll(() => engineValue(page, 'remedies.outbox')).toBe(false);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('after Tab focus shows a help popover, a mouse click on the next row still lands', async () => {
    const page = await open();
    await page.getByTestId('control-remedies.outbox').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#ctl-remedies-outbox-help').isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/wa-shots/controls-focus-popover.png' });
    const before = await page.getByTestId('control-remedies.idempotentConsumer').boundingBox();
    await mouseClick(page, 'control-remedies.idempotentConsumer');
    expect(await page.getByTestId('control-remedies.idempotentConsumer').boundingBox()).toEqual(before);
    await expect.poll(() => engineValue(page, 'remedies.idempotentConsumer')).toBe(true);
    await page.context().close();
  });

  test('the "?" button opens and closes a control\'s help', async () => {
    const page = await open();
    const help = page.locator('#ctl-faults-poison-help');
    expect(await help.isVisible()).toBe(false);
    await page.getByTestId('help-ctl-faults-poison').click();
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await page.getByTestId('help-ctl-faults-poison').getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: '/tmp/wa-shots/controls-help-open.png' });
    await page.getByTestId('help-ctl-faults-poison').click();
    await expect.poll(() => help.isVisible()).toBe(false);
    await page.context().close();
  });
});

describe('starting-setup numbers', () => {
  /** Types into a field with the real keyboard and leaves it with Tab. */
  async function typeInto(page: Page, id: string, text: string): Promise<void> {
    await page.getByTestId(id).click({ clickCount: 3 });
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
  }

  test('out-of-range values are clamped and not-a-number is refused, each with a message naming the range', async () => {
    const page = await open();
    const orders = page.getByTestId('workload-orders');
    const msg = page.getByTestId('workload-orders-msg');

    await typeInto(page, 'workload-orders', '-5');
    await expect.poll(() => msg.textContent()).toContain('from 1 to 20,000');
    expect(await msg.textContent()).toContain('set to 1');
    expect(await orders.inputValue()).toBe('1');
    expect(await engineValue(page, 'workload.orders')).toBe(1);
    expect(await orders.getAttribute('aria-invalid')).toBe('true');
    expect(await orders.getAttribute('aria-describedby')).toContain('workload-orders-msg');

    await typeInto(page, 'workload-orders', 'abc');
    await expect.poll(() => msg.textContent()).toContain('"abc" is not a number');
    expect(await msg.textContent()).toContain('Kept 1');
    expect(await engineValue(page, 'workload.orders')).toBe(1);

    await typeInto(page, 'workload-orders', '50000');
    await expect.poll(() => msg.textContent()).toContain('set to 20,000');
    expect(await engineValue(page, 'workload.orders')).toBe(20_000);

    await typeInto(page, 'workload-orders', '1e9');
    await expect.poll(() => msg.textContent()).toContain('1,000,000,000 was set to 20,000');

    // A good value clears the message and the invalid mark.
    await typeInto(page, 'workload-orders', '30');
    await expect.poll(() => msg.count()).toBe(0);
    expect(await orders.getAttribute('aria-invalid')).toBeNull();
    expect(await engineValue(page, 'workload.orders')).toBe(30);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('20,000 orders: the panel says the run stops early, and one click makes room for all of them', async () => {
    const page = await open();
    await typeInto(page, 'workload-orders', '20000');
    const cut = page.getByTestId('workload-cut-off');
    await expect.poll(() => cut.textContent()).toContain('Only about 401 of 20,000 orders are placed before the run stops at 60,000 ms');
    await page.getByTestId('workload-messages').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/wa-shots/workload-cut-off.png' });
    await page.getByTestId('workload-fit').click();
    await expect.poll(() => engineValue(page, 'durationMs')).toBe(3_020_000);
    await expect.poll(() => cut.count()).toBe(0);
    expect(await page.getByTestId('workload-duration').inputValue()).toBe('3020000');
    await page.context().close();
  });

  test('the cancel ratio and cancel-after fields set the workload', async () => {
    const page = await open();
    await typeInto(page, 'workload-cancel-ratio', '40');
    await expect.poll(() => engineValue(page, 'workload.cancelRatio')).toBe(0.4);
    await typeInto(page, 'workload-cancel-after', '25');
    await expect.poll(() => engineValue(page, 'workload.cancelAfterMs')).toBe(25);
    await typeInto(page, 'workload-cancel-ratio', '150');
    await expect.poll(() => page.getByTestId('workload-cancel-ratio-msg').textContent()).toContain('from 0% to 100%');
    expect(await engineValue(page, 'workload.cancelRatio')).toBe(1);
    await page.context().close();
  });
});
