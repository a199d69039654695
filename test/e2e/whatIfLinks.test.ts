/**
 * Per-message what-ifs made in Node (the page's buttons come later) travel in a version 3 link:
 * the page replays them to Node's trace hash and anomalies, and names them truthfully in the
 * selected order's trace. Screenshots land in /tmp/shots-whatifs.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildLink } from '../../src/share/encode';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { anomalyTotal, traceHash, waitForEnd } from './helpers';

const SHOTS = '/tmp/shots-whatifs';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A two-order run with one what-if made on the first ChargePayment, in Node. */
function steered(make: (sim: Simulation, msg: string) => void): Simulation {
  const sim = new Simulation(parseScenario({ seed: 1, workload: { orders: 2 } }));
  let charge: string | undefined;
  while (!charge) {
    sim.step();
    charge = sim.whatIfTargets().find((o) => o.msgType === 'ChargePayment' && o.where === 'partition')?.target.msg;
  }
  make(sim, charge);
  sim.runToEnd();
  return sim;
}

async function openLink(url: string, width: number, height: number): Promise<Page> {
  const page = await openPlayground(browser, url, { width, height });
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  return page;
}

describe('what-ifs through links in the browser', () => {
  const cases = [
    { name: 'duplicate', sim: steered((s, m) => s.whatIf({ msg: m, to: 'payment', action: 'duplicate' })), row: null },
    { name: 'drop-stored-copy', sim: steered((s, m) => s.whatIf({ msg: m, to: 'payment', action: 'drop' })), row: /ChargePayment's copy for payment was dropped by a what-if/ },
  ];
  for (const c of cases) {
    test(`${c.name}: the page replays the link to Node's trace hash and says what happened`, async () => {
      const link = buildLink(inject('baseUrl'), { scenario: c.sim.scenario, playhead: 0, events: null, selectedOrder: 'o1', selectedMessage: null, allow: null });
      expect(link).toMatch(/#v=3&c=/);
      const page = await openLink(link, 1280, 800);
      await page.getByRole('button', { name: /Run to end/ }).click();
      await waitForEnd(page);
      expect(await traceHash(page)).toBe(c.sim.traceHash());
      expect(await anomalyTotal(page)).toBe(c.sim.report().anomalyList.length);
      if (c.row) await expect.poll(async () => (await page.locator('body').textContent()) ?? '').toMatch(c.row);
      await page.screenshot({ path: join(SHOTS, `${c.name}-1280.png`) });
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    });
  }
});
