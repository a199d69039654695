/**
 * Scenario input in the browser: a link or an imported file whose control change names no real
 * control, or carries a bad value, is refused with a sentence naming changes[i]; a file saved
 * with a byte order mark imports like any other.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { packForUrl } from '../../src/share/lz';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { runToEnd } from './helpers';

const SHOTS = '/tmp/shots-scenario-input';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(url: string): Promise<Page> {
  const page = await openPlayground(browser, url, { width: 1280, height: 800 });
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}

const seedShown = (page: Page) => page.getByTestId('workload-seed').inputValue();

describe('scenario input', () => {
  test('a link whose change names no real control, or a bad value, says which change and falls back', async () => {
    const base = inject('baseUrl');
    const cases = [
      { name: 'path', json: '{"seed":9,"changes":[{"atMs":5,"path":"faults.drop.extra","value":0.1}]}', words: /This link's changes\[0\]\.path: "faults\.drop\.extra" is not a control; did you mean faults\.drop\?/ },
      { name: 'value', json: '{"seed":9,"changes":[{"atMs":5,"path":"faults.drop","value":2}]}', words: /This link's changes\[0\]\.value must be between 0 and 1, got 2 \(a value for faults\.drop\) — showing the default scenario instead\./ },
    ];
    for (const c of cases) {
      const page = await open(`${base}#v=1&s=${packForUrl(c.json)}`);
      const notice = page.getByTestId('link-notice');
      await notice.waitFor();
      expect(await notice.textContent(), c.name).toMatch(c.words);
      expect(await notice.getAttribute('data-fell-back')).toBe('true');
      expect(await seedShown(page)).toBe('1');
      await page.screenshot({ path: join(SHOTS, `01-bad-change-${c.name}.png`) });
      await runToEnd(page);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });

  test('import: a file with a byte order mark loads; one with a bad change is refused by name', async () => {
    const page = await open(inject('baseUrl'));
    await page.getByTestId('side-tab-share').click();
    await page.getByTestId('share-panel').waitFor();
    const input = page.getByTestId('import-scenario');
    const message = page.getByTestId('import-message');

    await input.setInputFiles({ name: 'bad-change.json', mimeType: 'application/json', buffer: Buffer.from('{"seed": 21, "changes": [{"atMs": 10, "path": "remedies.outbox.now", "value": true}]}') });
    await expect.poll(() => message.textContent()).toMatch(/^This file's changes\[0\]\.path: "remedies\.outbox\.now" is not a control; did you mean remedies\.outbox\? — nothing was loaded\.$/);
    expect(await seedShown(page)).toBe('1');
    await message.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, '02-import-bad-change.png') });

    // Windows editors save UTF-8 with a byte order mark (EF BB BF) in front of the JSON.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name": "Saved on Windows", "seed": 12, "faults": {"drop": 0.1}}')]);
    await input.setInputFiles({ name: 'windows.json', mimeType: 'application/json', buffer: bom });
    await expect.poll(() => seedShown(page)).toBe('12');
    expect(await message.textContent()).toContain('Saved on Windows');
    await message.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, '03-import-bom.png') });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
