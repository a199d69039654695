/**
 * Captures the playground's main states into /tmp/shots (or the folder given as argument),
 * for a human to look at: `npx tsx test/e2e-setup/screenshots.ts [outDir]`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, openPlayground, pageErrors } from './browser';
import { serveBuiltApp } from './server';

const out = process.argv[2] ?? '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(`${name}.png`);
}

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  try {
    const page = await openPlayground(browser, server.url);
    await shot(page, '01-initial');

    await page.getByTestId('speed').selectOption('2');
    await page.getByTestId('play').click();
    await page.waitForTimeout(2500);
    await shot(page, '02-playing');
    await page.getByTestId('play').click();

    await page.getByLabel('Duplicate delivery').fill('0.3');
    await page.getByLabel('Crash before ack').fill('0.1');
    await page.getByTestId('run-to-end').click();
    await page.getByTestId('anomaly-item').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(400);
    await shot(page, '03-anomalies');

    await page.getByTestId('anomaly-item').first().click();
    await page.waitForTimeout(300);
    await shot(page, '04-trace');

    await page.getByTestId('dock-tab-money').click();
    await shot(page, '05-money');

    await page.getByTestId('theme').selectOption('dark');
    await page.getByTestId('dock-tab-trace').click();
    await page.getByTestId('scrubber').fill(String(800));
    await page.waitForTimeout(500);
    await shot(page, '06-dark-rewound');

    await page.getByTestId('about-button').click();
    await shot(page, '07-about');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await shot(page, '08-help');
    await page.keyboard.press('Escape');

    const big = await openPlayground(browser, server.url, { width: 1600, height: 900 });
    await big.getByTestId('theme').selectOption('dark');
    await big.getByTestId('workload-orders').fill('400');
    await big.getByTestId('workload-interval').fill('5');
    await big.getByTestId('workload-interval').press('Enter');
    await big.getByLabel('Bus latency').fill('300');
    await big.getByTestId('speed').selectOption('4');
    await big.getByTestId('play').click();
    await big.waitForTimeout(3000);
    await shot(big, '09-busy-1600');

    const errors = [...pageErrors(page), ...pageErrors(big)];
    if (errors.length) console.log('page errors:\n' + errors.join('\n'));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
