/**
 * The overlay makes the pill of every kind of mark in idle time, before Play needs them, and again
 * for a new zoom: the first marks after Play then only stamp ready bitmaps. Checked through the
 * canvas's `data-pills-ready`, which names the theme, size and device scale the pills were made for.
 */
import { describe, expect, inject, test } from 'vitest';
import { openPlayground, pageErrors } from '../e2e-setup/browser';
import { browserForFile } from './helpers';

const chromium = browserForFile();

describe('mark pills made ahead of time', () => {
  test('they are ready before Play, and made again after zooming in by mouse', async () => {
    const page = await openPlayground(chromium.browser, inject('baseUrl'), { width: 1280, height: 800 });
    const canvas = page.getByTestId('message-overlay');
    const ready = () => canvas.getAttribute('data-pills-ready');
    await expect.poll(ready, { timeout: 20_000 }).toMatch(/\|1\|[\d.]+$/);
    const first = await ready();
    await page.locator('.topology .react-flow__controls-zoomin').click();
    // A new device scale: another round, named after it.
    await expect.poll(ready, { timeout: 20_000 }).not.toBe(first);
    await expect.poll(ready, { timeout: 20_000 }).toMatch(/\|1\|[\d.]+$/);
    expect(Number((await ready())?.split('|').at(-1))).toBeGreaterThan(Number(first?.split('|').at(-1)));
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
