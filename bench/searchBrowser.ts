/**
 * Search in the browser: runs per second of "Find a failing run" in headless Chromium against the
 * production build, on one worker and on one per core, next to the same search code on one Node
 * thread. The scenario has five orders, faults on and every remedy on, so no run fails and every
 * search covers its whole budget. It prints numbers and ratios; it is not a test.
 *
 *   npx tsx bench/searchBrowser.ts [runs]        (default 600 runs per measurement)
 */
import { availableParallelism } from 'node:os';
import type { Page } from 'playwright-core';
import { buildLink } from '../src/share/encode';
import { parseScenario } from '../src/sim/scenario';
import { ALL_REMEDIES } from '../src/sim/truthTable';
import { searchSlice } from '../src/ui/search/backend';
import { RULE } from '../src/ui/search/rule';
import { launchChromium, openPlayground } from '../test/e2e-setup/browser';
import { serveBuiltApp } from '../test/e2e-setup/server';

const RUNS = Number(process.argv[2] ?? 600);
const SCENARIO = parseScenario({ name: 'search bench', seed: 1, workload: { orders: 5 }, faults: { duplicate: 0.2, drop: 0.1, crashAfterCommit: 0.05 }, remedies: ALL_REMEDIES });

interface Figures {
  runs: number;
  rate: number;
  workers: number;
  elapsed: number;
}

/** Runs one search in the page with `workers` cores reported, and reads its figures. */
async function measure(page: Page, workers: number): Promise<Figures> {
  // A string, not a function: tsx would wrap a function's inner arrows in a helper the page lacks.
  await page.evaluate(`Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, value: ${workers} })`);
  await page.getByTestId('side-tab-search').click();
  const field = page.getByTestId('search-budget');
  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(RUNS));
  await page.getByTestId('find-failing-run').click();
  const none = page.getByTestId('search-none');
  await none.waitFor({ timeout: 600_000 });
  const read = async (name: string) => Number(await none.getAttribute(`data-${name}`));
  const out = { runs: await read('runs'), rate: await read('rate'), workers: await read('workers'), elapsed: await read('elapsed') };
  // Hide the outcome again so the next measurement waits for its own.
  await page.evaluate(`document.querySelector('[data-testid="search-none"]')?.removeAttribute('data-testid')`);
  return out;
}

function nodeRate(): number {
  // Warm up the engine first, as the browser's workers do not get to.
  searchSlice(SCENARIO, 0, 30, RULE, () => {});
  const t0 = performance.now();
  searchSlice(SCENARIO, 0, RUNS, RULE, () => {});
  return (RUNS * 1000) / (performance.now() - t0);
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  try {
    const link = buildLink(server.url, { scenario: SCENARIO, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const page = await openPlayground(browser, link, { width: 1280, height: 800 });
    const reported = await page.evaluate(() => navigator.hardwareConcurrency);
    const one = await measure(page, 1);
    const all = await measure(page, reported);
    await page.context().close();
    const node = nodeRate();
    const fmt = (n: number) => n.toFixed(1);
    console.log(`search bench: ${RUNS} runs of a 5-order scenario (faults on, every remedy on); machine has ${cores} cores, Chromium reports ${reported}`);
    console.log(`  Chromium, 1 worker:   ${fmt(one.rate)} runs/s (${one.runs} runs in ${fmt(one.elapsed / 1000)} s)`);
    console.log(`  Chromium, ${all.workers} workers:  ${fmt(all.rate)} runs/s (${all.runs} runs in ${fmt(all.elapsed / 1000)} s)`);
    console.log(`  Node, 1 thread:       ${fmt(node)} runs/s`);
    console.log(`  ratios: ${all.workers} workers / 1 worker = ${(all.rate / one.rate).toFixed(2)}×; Chromium 1 worker / Node 1 thread = ${(one.rate / node).toFixed(2)}×`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
