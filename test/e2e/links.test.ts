/**
 * Shareable links, embeds and exports in real Chromium against the production build: a copied
 * link reopens the identical run (trace hash, playhead, selection), broken links say what was
 * wrong and fall back safely, the embed renders inside a frame, and files go out and back in.
 * Screenshots land in /tmp/shots-links for a human to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runCli } from '../../src/cli/run';
import { readLink, scenarioFromLink } from '../../src/share/decode';
import { buildLink } from '../../src/share/encode';
import type { LinkState } from '../../src/share/linkState';
import { packForUrl } from '../../src/share/lz';
import { runScenario, seek } from '../../src/sim/engine';
import { DEFAULT_SCENARIO, parseScenario } from '../../src/sim/scenario';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { copyLink, downloadedText, playhead, runToEnd, traceHash } from './helpers';

const SHOTS = '/tmp/shots-links';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a link and waits until the page has loaded it (scenario, playhead, selection). */
async function openLink(url: string, opts: { width?: number; height?: number } = {}): Promise<Page> {
  const page = await openPlayground(browser, url, opts);
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}

function stateOf(scenario: object, extra: Partial<LinkState> = {}): LinkState {
  return { scenario: parseScenario(scenario), playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null, ...extra };
}

async function seedShown(page: Page): Promise<string> {
  return page.getByTestId('workload-seed').inputValue();
}

describe('links', () => {
  test('a copied link reopens the identical run: trace hash, playhead, selection', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    // Set up: a fault from the start, a remedy switched on mid-run, then a later moment.
    await page.getByLabel('Duplicate delivery').fill('0.3');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('#v=2&c=');
    await page.getByTestId('scrubber').fill('1200');
    await expect.poll(() => playhead(page)).toBe(1200);
    await page.getByTestId('control-remedies.idempotentConsumer').check();
    await page.getByTestId('scrubber').fill('2500');
    await expect.poll(() => playhead(page)).toBe(2500);
    await page.locator('[data-testid="order-row"][data-order="o3"]').click();
    await page.locator('.trace-row-btn').nth(2).click();

    const link = await copyLink(page);
    expect(link.startsWith(inject('baseUrl'))).toBe(true);
    expect(link).toMatch(/#v=2&c=[0-9a-z]+&s=[A-Za-z0-9+$-]+&t=2500&n=\d+&o=o3&m=m\d+&e=\d+$/);
    // The address bar holds the same link.
    expect(await page.evaluate(() => window.location.href)).toBe(link);
    const hash = await traceHash(page);
    const shownPlayhead = await page.getByTestId('playhead').textContent();
    const message = readLink(link).state.selectedMessage!;
    expect(readLink(link).state.scenario.changes).toEqual([{ atMs: 1200, atEvent: expect.any(Number), path: 'remedies.idempotentConsumer', value: true }]);
    await page.screenshot({ path: join(SHOTS, '01-before-copy.png') });

    const fresh = await openLink(link);
    expect(await traceHash(fresh)).toBe(hash);
    expect(await fresh.getByTestId('playhead').textContent()).toBe(shownPlayhead);
    await expect.poll(() => fresh.getByTestId('order-trace').getAttribute('data-order')).toBe('o3');
    await expect.poll(() => fresh.getByTestId('inspector').textContent()).toContain(message);
    expect(await fresh.getByTestId('control-faults.duplicate').inputValue()).toBe('0.3');
    // Re-encoding what is on screen gives back the very same link.
    await expect.poll(() => fresh.evaluate(() => window.location.href)).toBe(link);
    await fresh.screenshot({ path: join(SHOTS, '02-reopened.png') });

    // The outcome at the end agrees with Node and with the command-line runner.
    await runToEnd(fresh);
    const endHash = await traceHash(fresh);
    expect(endHash).toBe(runScenario(readLink(link).state.scenario).traceHash);
    const cli = runCli(['--link', link, '--json'], () => '', scenarioFromLink);
    expect(JSON.parse(cli.stdout).traceHash).toBe(endHash);
    expect([...pageErrors(page), ...pageErrors(fresh)]).toEqual([]);
    await page.context().close();
    await fresh.context().close();
  });

  test('a link made after single steps lands on the same event', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    for (let i = 0; i < 9; i++) await page.getByTestId('step').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/&n=\d+/);
    const hash = await traceHash(page);
    await page.waitForTimeout(300);
    const link = await page.evaluate(() => window.location.href);
    // Nine steps stop part-way through the events at one instant, so a plain seek to the
    // playhead would run past the spot; the event count in the link is what lands it.
    const { playhead: t, events } = readLink(link).state;
    expect(seek(DEFAULT_SCENARIO, t).trace.length).toBeGreaterThan(events!);
    const fresh = await openLink(link);
    expect(await traceHash(fresh)).toBe(hash);
    await page.context().close();
    await fresh.context().close();
  });

  test('broken links say what was wrong and show a safe fallback', async () => {
    const base = inject('baseUrl');
    const good = buildLink(base, stateOf({ seed: 7, faults: { duplicate: 0.3 } }, { playhead: 900, selectedOrder: 'o2' }));
    const sAt = good.indexOf('&s=') + 3;
    const tampered = `${good.slice(0, sAt + 10)}${good[sAt + 10] === 'Q' ? 'R' : 'Q'}${good.slice(sAt + 11)}`;
    const cases: { name: string; url: string; words: RegExp; seed: string; fellBack: boolean }[] = [
      { name: 'truncated', url: good.slice(0, sAt + 25), words: /damaged|changed or cut off/, seed: '1', fellBack: true },
      { name: 'tampered', url: tampered, words: /damaged|changed or cut off/, seed: '1', fellBack: true },
      {
        name: 'wrong-type',
        url: `${base}#v=1&s=${packForUrl('{"seed":"abc"}')}`,
        words: /This link's seed must be a number between 0 and 4294967295, got the text "abc" — showing the default scenario instead\./,
        seed: '1',
        fellBack: true,
      },
      { name: 'unknown-field', url: `${base}#v=1&s=${packForUrl('{"faults":{"meteor":1}}')}`, words: /faults\.meteor: unknown field/, seed: '1', fellBack: true },
      { name: 'future-version', url: good.replace('#v=2', '#v=5'), words: /made by a newer Eventually/, seed: '1', fellBack: true },
      { name: 'bad-playhead', url: good.replace('t=900', 't=soon'), words: /playhead is "soon".*starting from the beginning instead/, seed: '7', fellBack: false },
      {
        name: 'script-in-selection',
        url: good.replace('o=o2', 'o=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'),
        words: /selected order is "<img src=x onerror=alert…", which is not order id/,
        seed: '7',
        fellBack: false,
      },
    ];
    for (const c of cases) {
      const page = await openLink(c.url);
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      const notice = page.getByTestId('link-notice');
      await notice.waitFor();
      expect(await notice.textContent(), c.name).toMatch(c.words);
      expect(await notice.getAttribute('data-fell-back'), c.name).toBe(c.fellBack ? 'true' : null);
      expect(await seedShown(page), c.name).toBe(c.seed);
      expect(await page.locator('.link-notice img').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, `03-bad-${c.name}.png`) });
      // The page still works: the fallback runs to the end.
      await runToEnd(page);
      expect(dialogs).toBe(0);
      expect(pageErrors(page), c.name).toEqual([]);
      await page.getByTestId('link-notice-dismiss').click();
      expect(await notice.count()).toBe(0);
      await page.context().close();
    }
  });

  test('an older (v0) link is migrated', async () => {
    const page = await openLink(`${inject('baseUrl')}#seed=5&orders=12&interval=10&stock=5&race=40&saga=1&at=300`);
    await page.getByTestId('link-migrated').waitFor();
    expect(await seedShown(page)).toBe('5');
    expect(await playhead(page)).toBe(300);
    // The address now holds the current form of the same run.
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#v=2&c=/);
    await page.screenshot({ path: join(SHOTS, '04-migrated-v0.png') });
    await page.context().close();
  });

  test('pasting another link into the same tab loads it; Back returns to the first', async () => {
    const base = inject('baseUrl');
    const a = buildLink(base, stateOf({ seed: 7 }, { playhead: 400 }));
    const b = buildLink(base, stateOf({ seed: 9, faults: { drop: 0.2 } }, { playhead: 700 }));
    const page = await openLink(a);
    expect(await seedShown(page)).toBe('7');
    await page.evaluate((h) => {
      window.location.hash = h;
    }, b.slice(b.indexOf('#')));
    await expect.poll(() => seedShown(page)).toBe('9');
    await expect.poll(() => playhead(page)).toBe(700);
    await page.goBack();
    await expect.poll(() => seedShown(page)).toBe('7');
    await expect.poll(() => playhead(page)).toBe(400);
    // An in-page anchor (the skip link) is not a link: nothing reloads.
    await page.evaluate(() => {
      window.location.hash = '#main';
    });
    await page.waitForTimeout(300);
    expect(await seedShown(page)).toBe('7');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('the embed shows the topology, time controls and only the allowed controls', async () => {
    const base = inject('baseUrl');
    const link = buildLink(`${base}?embed=1`, stateOf({ name: 'Duplicate delivery', seed: 7, faults: { duplicate: 0.3 } }, { allow: ['faults.duplicate', 'remedies.idempotentConsumer'] }));
    const page = await openLink(link, { width: 800, height: 450 });
    await page.getByTestId('embed').waitFor();
    expect(await page.getByTestId('controls-panel').count()).toBe(0);
    expect(await page.getByTestId('side-panel').count()).toBe(0);
    expect(await page.locator('[data-testid^="control-"]').count()).toBe(2);
    expect(await page.getByTestId('play').count()).toBe(1);
    expect(await page.getByTestId('scrubber').count()).toBe(1);
    // Fills its frame exactly: no scrollbars.
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size).toEqual({ w: 800, h: 450 });
    await page.getByTestId('control-remedies.idempotentConsumer').check();
    // "About this run" (mounted, hidden) says when the run ended.
    await page.getByTestId('run-to-end').click();
    await expect.poll(() => page.getByTestId('about-run').textContent(), { timeout: 30_000 }).toContain('(end)');
    await page.screenshot({ path: join(SHOTS, '05-embed-800x450.png') });
    const open = await page.getByTestId('embed-open-full').getAttribute('href');
    expect(open).not.toContain('embed');
    expect(readLink(open!).state.scenario.remedies.idempotentConsumer).toBe(true);

    // In an iframe of someone's blog post, and in a narrow frame.
    const host = await (await browser.newContext({ viewport: { width: 1000, height: 700 } })).newPage();
    await host.setContent(
      `<body style="font-family:sans-serif;margin:24px"><h1>Why my orders got charged twice</h1><p>Press play and switch on the idempotent consumer:</p><iframe src="${link.replace(/"/g, '&quot;')}" width="900" height="480" style="border:1px solid #ccc"></iframe></body>`,
    );
    const frame = host.frameLocator('iframe');
    await frame.getByTestId('node-order').waitFor();
    await host.waitForTimeout(800);
    await host.screenshot({ path: join(SHOTS, '06-embed-in-blog.png') });
    const narrow = await openLink(link, { width: 390, height: 640 });
    await narrow.screenshot({ path: join(SHOTS, '07-embed-narrow.png') });
    expect([...pageErrors(page), ...pageErrors(narrow)]).toEqual([]);
    await page.context().close();
    await host.context().close();
    await narrow.context().close();
  });

  test('export and import a scenario file; export the trace for Perfetto', async () => {
    const link = buildLink(inject('baseUrl'), stateOf({ name: 'Race for the last item', seed: 5, workload: { orders: 20, intervalMs: 10 }, inventory: { stock: 5 }, faults: { raceWindowMs: 40 } }));
    const page = await openLink(link);
    await runToEnd(page);
    await page.getByTestId('side-tab-share').click();
    await page.getByTestId('share-panel').waitFor();
    await page.screenshot({ path: join(SHOTS, '08-share-tab.png') });

    const [scenarioDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenario').click()]);
    expect(scenarioDl.suggestedFilename()).toBe('race-for-the-last-item-seed-5.json');
    const exported = JSON.parse(await downloadedText(scenarioDl));
    expect(parseScenario(exported)).toEqual(readLink(link).state.scenario);

    const [traceDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
    expect(traceDl.suggestedFilename()).toBe('race-for-the-last-item-seed-5.trace.json');
    const trace = JSON.parse(await downloadedText(traceDl));
    expect(trace.otherData.traceHash).toBe(await traceHash(page));
    expect(trace.traceEvents.some((e: { ph: string }) => e.ph === 'X')).toBe(true);
    expect(trace.traceEvents.filter((e: { name: string }) => e.name === 'thread_name').map((e: { args: { name: string } }) => e.args.name)).toContain('inventory (overlap 2)');

    const input = page.getByTestId('import-scenario');
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"seed": "abc"}') });
    await expect
      .poll(() => page.getByTestId('import-message').textContent())
      .toBe('This file\'s seed must be a number between 0 and 4294967295, got the text "abc" — nothing was loaded.');
    expect(await seedShown(page)).toBe('5');
    await page.getByTestId('import-message').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, '09-import-error.png') });
    await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "Imported", "seed": 31, "faults": {"drop": 0.1}}') });
    await expect.poll(() => seedShown(page)).toBe('31');
    expect(await page.getByTestId('import-message').textContent()).toContain('Imported');
    await expect.poll(async () => readLink(await page.evaluate(() => window.location.href)).state.scenario.seed).toBe(31);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
