/** Opening the playground on a shared link that holds a scenario, as a learner following a link does. */
import type { Browser, Page } from 'playwright-core';
import { buildLink } from '../../src/share/encode';
import { parseScenario } from '../../src/sim/scenario';
import type { ScenarioInput } from '../../src/sim/types';
import { openPlayground } from '../e2e-setup/browser';

/** Options for the page: viewport, colour scheme, and extra query parameters (e.g. `present`). */
export interface OpenOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  query?: string;
}

/** The link a learner would be sent for this scenario. */
export function scenarioLink(base: string, scenario: ScenarioInput, query = ''): string {
  return buildLink(`${base}${query}`, {
    scenario: parseScenario(scenario),
    playhead: 0,
    events: null,
    selectedOrder: null,
    selectedMessage: null,
    allow: null,
  });
}

/** Opens the link and waits until the page has applied it. */
export async function openScenario(browser: Browser, base: string, scenario: ScenarioInput, opts: OpenOptions = {}): Promise<Page> {
  const page = await openPlayground(browser, scenarioLink(base, scenario, opts.query), opts);
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}
