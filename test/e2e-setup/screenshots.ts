/**
 * Captures the playground's main screens into /tmp/shots (or the folder given as argument), for a
 * human to look at: `npx tsx test/e2e-setup/screenshots.ts [outDir] [only]`.
 *
 * Every screen is taken at 1280×720 and 1600×900, in the light and the dark theme, named
 * `<size>-<theme>-<nn>-<screen>.png`. `only` (e.g. `1280-light`) limits the run to one pass.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildLink } from '../../src/share/encode';
import { parseScenario } from '../../src/sim/scenario';
import { launchChromium, openPlayground, pageErrors } from './browser';
import { serveBuiltApp } from './server';

const out = process.argv[2] ?? '/tmp/shots';
const only = process.argv[3] ?? '';

const SIZES = [
  { w: 1280, h: 720 },
  { w: 1600, h: 900 },
] as const;
const THEMES = ['light', 'dark'] as const;

async function waitForEnd(page: Page): Promise<void> {
  await page.locator('[data-testid="outcome-headline"][data-done]').waitFor({ timeout: 30_000 });
}

async function pass(browser: Browser, base: string, w: number, h: number, theme: 'light' | 'dark'): Promise<string[]> {
  const prefix = `${w}-${theme}`;
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(out, `${prefix}-${name}.png`) });
    console.log(`${prefix}-${name}.png`);
  };
  const page = await openPlayground(browser, base, { width: w, height: h, colorScheme: theme });
  await page.waitForTimeout(300);
  await shot(page, '01-initial');
  await page.locator('.legend summary').click();
  await shot(page, '01b-legend');
  await page.locator('.legend summary').click();

  await page.getByTestId('speed').selectOption('2');
  await page.getByTestId('play').click();
  await page.waitForTimeout(2500);
  await shot(page, '02-playing');
  await page.getByTestId('play').click();

  await page.getByLabel('Duplicate delivery', { exact: true }).fill('0.3');
  await page.getByLabel('Crash before ack', { exact: true }).fill('0.1');
  await page.getByTestId('run-to-end').click();
  await page.getByTestId('anomaly-item').first().waitFor({ timeout: 20_000 });
  await waitForEnd(page);
  await page.waitForTimeout(400);
  await shot(page, '03-anomalies');

  await page.getByTestId('anomaly-item').first().click();
  await page.waitForTimeout(300);
  await shot(page, '04-trace');

  await page.locator('.trace-row-btn').nth(2).click();
  await page.waitForTimeout(200);
  await shot(page, '05-inspect-message');

  await page.getByTestId('dock-tab-money').click();
  await page.getByTestId('node-payment').evaluate((el) => (el as HTMLElement).click());
  await page.waitForTimeout(200);
  await shot(page, '06-money-inspect-service');

  await page.getByTestId('dock-tab-orders').click();
  await page.getByTestId('order-row').nth(1).click();
  await page.getByTestId('dock-tab-orders').click();
  await page.waitForTimeout(200);
  await shot(page, '07-orders-inspect-order');

  await page.getByTestId('scrubber').fill('800');
  await page.waitForTimeout(500);
  await shot(page, '08-rewound');

  await page.getByTestId('about-button').click();
  await page.waitForTimeout(200);
  await shot(page, '09-about');
  await page.keyboard.press('Escape');

  await page.locator('body').click({ position: { x: 5, y: h - 5 } });
  await page.keyboard.press('?');
  await page.waitForTimeout(200);
  await shot(page, '10-help');
  await page.keyboard.press('Escape');

  await page.getByTestId('side-tab-lessons').click();
  await page.waitForTimeout(500);
  await shot(page, '11-learn');

  await page.getByTestId('side-tab-observability').click();
  await page.waitForTimeout(800);
  await shot(page, '12-signals');

  await page.getByTestId('side-tab-share').click();
  await page.waitForTimeout(400);
  await shot(page, '13-share');

  // Keyboard focus on a control: the ring and the help line.
  await page.getByTestId('side-tab-run').click();
  await page.getByTestId('control-faults.drop').focus();
  await page.keyboard.press('Tab');
  await page.waitForTimeout(150);
  await shot(page, '14-focus');

  const embedLink = buildLink(`${base}?embed=1`, {
    scenario: parseScenario({ name: 'Duplicate delivery', seed: 7, faults: { duplicate: 0.3 } }),
    playhead: 900,
    events: null,
    selectedOrder: null,
    selectedMessage: null,
    allow: ['faults.duplicate', 'remedies.idempotentConsumer'],
  });
  const embed = await openPlayground(browser, embedLink, { width: Math.round(w * 0.6), height: Math.round(h * 0.6), colorScheme: theme });
  await embed.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  await embed.waitForTimeout(400);
  await shot(embed, '15-embed');

  const bad = await openPlayground(browser, `${base}#v=1&s=garbage`, { width: w, height: h, colorScheme: theme });
  await bad.getByTestId('link-notice').waitFor();
  await bad.waitForTimeout(300);
  await shot(bad, '16-bad-link');

  const reduced = await openPlayground(browser, base, { width: w, height: h, colorScheme: theme, reducedMotion: 'reduce' });
  await reduced.getByTestId('speed').selectOption('2');
  await reduced.getByTestId('play').click();
  await reduced.waitForTimeout(2500);
  await shot(reduced, '17-reduced-motion');

  const errors = [...pageErrors(page), ...pageErrors(embed), ...pageErrors(bad), ...pageErrors(reduced)];
  for (const p of [page, embed, bad, reduced]) await p.context().close();
  return errors;
}

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  const errors: string[] = [];
  try {
    for (const s of SIZES) {
      for (const t of THEMES) {
        if (only && only !== `${s.w}-${t}`) continue;
        errors.push(...(await pass(browser, server.url, s.w, s.h, t)));
      }
    }
    if (errors.length) console.log(`page errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
