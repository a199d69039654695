/**
 * Takes the README's screenshot (docs/screenshot.png) from a production build in Chromium, at
 * 1280×800: duplicate delivery and a crash before ack, run to the end, one order's trace open.
 * `npx tsx tools/readme-screenshot.ts`
 */
import { join } from 'node:path';
import { buildLink } from '../src/share/encode';
import { parseScenario } from '../src/sim/scenario';
import { launchChromium, openPlayground } from '../test/e2e-setup/browser';
import { ROOT, serveBuiltApp } from '../test/e2e-setup/server';

async function main(): Promise<void> {
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  try {
    const link = buildLink(server.url, {
      scenario: parseScenario({ name: 'Duplicate delivery', seed: 7, faults: { duplicate: 0.3, crashBeforeAck: 0.1 } }),
      playhead: 0,
      events: null,
      selectedOrder: null,
      selectedMessage: null,
      allow: null,
    });
    const page = await openPlayground(browser, link, { width: 1280, height: 800 });
    await page.getByRole('button', { name: /Run to end/ }).click();
    await page.locator('[data-testid="outcome-headline"][data-done]').waitFor({ timeout: 60_000 });
    await page.getByTestId('anomaly-item').first().click();
    await page.waitForTimeout(600);
    const path = join(ROOT, 'docs', 'screenshot.png');
    await page.screenshot({ path });
    console.log(path);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
