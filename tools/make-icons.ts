/**
 * Renders the app icons (public/icon-192.png, icon-512.png) from public/icon.svg with the same
 * Chromium the browser tests use: `npx tsx tools/make-icons.ts`. The PNGs are committed; run this
 * again only when the SVG changes. The SVG keeps its mark inside the middle 62% so the same image
 * also serves as a maskable icon (launchers crop to a circle or squircle).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../test/e2e-setup/browser';
import { ROOT } from '../test/e2e-setup/server';

async function main(): Promise<void> {
  const svg = await readFile(join(ROOT, 'public', 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    for (const size of [192, 512]) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
      await page.screenshot({ path: join(ROOT, 'public', `icon-${size}.png`) });
      await page.close();
      console.log(`public/icon-${size}.png`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
