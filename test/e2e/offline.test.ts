/**
 * Offline and installable, in real Chromium against the production build: after one visit the
 * service worker holds every chunk, so with the network cut (context.setOffline) every side tab,
 * a lesson, a reload and a lesson link still work. Without a service worker a tab whose chunk
 * cannot load says so and offers "Try again" instead of a blank panel; and a newly deployed
 * version waits behind the "A new version is ready — Reload" prompt. Screenshots: /tmp/wa-shots.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { LESSONS } from '../../src/lessons/catalog';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { E2E_DIST, serveDir } from '../e2e-setup/server';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the playground in a context of its own (1280×800), collecting uncaught errors. */
async function openIn(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(url);
  await page.getByTestId('node-order').waitFor();
  return page;
}

/** Waits until the service worker has installed (precached everything) and controls the page. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, { timeout: 60_000 });
}

/** Opens each side tab with a real click and checks that its own content (not an error) is shown. */
async function openEveryTab(page: Page): Promise<void> {
  await page.getByTestId('side-tab-lessons').click();
  await page.locator('.lesson-panel').waitFor({ timeout: 10_000 });
  await page.getByTestId('side-tab-observability').click();
  await page.getByTestId('obs-panel').waitFor({ timeout: 10_000 });
  await page.getByTestId('side-tab-share').click();
  await page.getByTestId('share-link').waitFor({ timeout: 10_000 });
  await page.getByTestId('side-tab-run').click();
  await page.getByTestId('side-tab-run').waitFor();
  expect(await page.getByTestId('panel-error').count()).toBe(0);
}

describe('offline', () => {
  test('after the first visit, every tab, a lesson, a reload and a lesson link work with no network', async () => {
    const base = inject('baseUrl');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openIn(context, base);
    await waitForServiceWorker(page);
    // The manifest is linked and names the icons, so the browser can offer to install the app.
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href;
      return href ? ((await (await fetch(href)).json()) as { name: string; icons: { src: string; sizes: string }[] }) : null;
    });
    expect(manifest?.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await openEveryTab(page);

    // A lesson, opened from the list with a real click.
    const lesson = LESSONS[1];
    await page.getByTestId('side-tab-lessons').click();
    await page.locator(`[data-lesson-id="${lesson.id}"]`).click();
    await page.locator(`[data-lesson="${lesson.id}"]`).waitFor();
    await page.screenshot({ path: '/tmp/wa-shots/offline-lesson.png' });

    // A reload with no network: the page comes back from the service worker, lesson and all.
    await page.reload();
    await page.getByTestId('node-order').waitFor();
    await page.locator(`[data-lesson="${lesson.id}"]`).waitFor();
    await openEveryTab(page);
    await page.screenshot({ path: '/tmp/wa-shots/offline-reloaded.png' });

    // A lesson link typed into the address bar while offline.
    const other = LESSONS[3];
    await page.goto(`${base}?lesson=${other.id}`);
    await page.locator(`[data-lesson="${other.id}"]`).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  test('without a service worker, a tab whose code cannot load says so and tries again', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await openIn(context, inject('baseUrl'));
    await context.setOffline(true);
    await page.getByTestId('side-tab-observability').click();
    const error = page.getByTestId('panel-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toContain('This browser is offline');
    // The rest of the playground is still there.
    expect(await page.getByTestId('node-order').isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/wa-shots/offline-panel-error.png' });
    await context.setOffline(false);
    await page.getByTestId('panel-retry').click();
    // Chromium remembers a failed import until a reload, so the panel offers one, and the run survives it.
    await page.getByTestId('panel-error-reload-hint').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: '/tmp/wa-shots/offline-panel-retry.png' });
    await Promise.all([page.waitForEvent('load'), page.getByTestId('panel-reload').click()]);
    await page.getByTestId('node-order').waitFor();
    await page.getByTestId('side-tab-observability').click();
    await page.getByTestId('obs-panel').waitFor({ timeout: 10_000 });
    await context.close();
  });

  test('a newly deployed version waits behind the update prompt, and Reload switches to it', async () => {
    // Make sure the shared build exists, then serve a copy of it that we can "deploy" over.
    const warm = await openPlayground(browser, inject('baseUrl'));
    await warm.context().close();
    const dir = await mkdtemp(join(tmpdir(), 'eventually-deploy-'));
    await cp(E2E_DIST, dir, { recursive: true });
    const server = await serveDir(dir);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openIn(context, `${server.url}#`);
      await waitForServiceWorker(page);
      expect(await page.getByTestId('update-prompt').count()).toBe(0);

      // A returning visitor: the worker runs the page from the start.
      await page.reload();
      await page.getByTestId('node-order').waitFor();

      // Deploy: a new service worker (what a new build produces when any file changed).
      const sw = join(dir, 'sw.js');
      await writeFile(sw, `${await readFile(sw, 'utf8')}\n// deployed again\n`);
      await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        await reg?.update();
      });
      await page.getByTestId('update-prompt').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('update-prompt').textContent()).toContain('A new version is ready');
      await page.screenshot({ path: '/tmp/wa-shots/update-prompt.png' });

      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByTestId('update-reload').click()]);
      await page.getByTestId('node-order').waitFor();
      // The new worker now runs the page, and nothing else is waiting.
      await expect
        .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting === null))
        .toBe(true);
      expect(await page.getByTestId('update-prompt').count()).toBe(0);
    } finally {
      await context.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
