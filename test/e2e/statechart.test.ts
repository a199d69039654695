/**
 * The statechart view in real Chromium: click a service on the topology and an order in the
 * orders list, and the inspector draws their machines from the definitions with the right
 * state highlighted — checked against a Node run of the same scenario. Screenshots land in
 * /tmp/shots-statechart for a human to look at.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { buildLink } from '../../src/share/encode';
import { type Simulation, seek } from '../../src/sim/engine';
import { MACHINES } from '../../src/sim/machines';
import { consumerMachine } from '../../src/sim/machines/consumerMachine';
import { paymentMachine } from '../../src/sim/machines/paymentMachine';
import { reservationMachine } from '../../src/sim/machines/reservationMachine';
import { pathStatus, serviceStatus } from '../../src/ui/statechart/chartStatus';
import { type EntityRef, entitiesOfOrder, entityRecord, JOB_REF, latestEntities } from '../../src/ui/statechart/entityRefs';
import { lastStepText, stepText } from '../../src/ui/statechart/pathText';
import { activeStateIds, machineToGraph } from '../../src/ui/statechart/machineGraph';
import { parseScenario } from '../../src/sim/scenario';
import type { TraceEvent } from '../../src/sim/types';
import { openPlayground, pageErrors } from '../e2e-setup/browser';
import { browserForFile, playhead } from './helpers';

const SHOTS = '/tmp/shots-statechart';
// One Chromium for the file, launched once the build is served (the build outlasts a page load's timeout).
const chromium = browserForFile(SHOTS);

// Low stock and the saga on: some orders are refunded through the guarded branch; crashes take services down.
const SCENARIO = parseScenario({
  seed: 3,
  workload: { orders: 12 },
  inventory: { stock: 4 },
  faults: { crashAfterCommit: 0.08 },
  remedies: { saga: true, outbox: true },
});


async function openAt(t: number, opts: { reducedMotion?: 'reduce'; width?: number; height?: number } = {}, scenario = SCENARIO): Promise<Page> {
  const link = buildLink(inject('baseUrl'), { scenario, playhead: t, events: null, selectedOrder: null, selectedMessage: null, allow: null });
  const page = await openPlayground(chromium.browser, link, { width: 1280, height: 800, ...opts });
  await page.waitForFunction(() => document.documentElement.dataset.link === 'ready');
  await expect.poll(() => playhead(page)).toBe(t);
  return page;
}

/** The first time `service` is down in the Node run, and the middle of that stretch. */
function downStretch(service: string): number {
  const trace = seek(SCENARIO, 60_000).trace as TraceEvent[];
  const crash = trace.find((e) => e.kind === 'crash' && e.service === service);
  const back = trace.find((e) => e.kind === 'restart' && e.service === service && crash && e.t > crash.t);
  if (!crash || !back) throw new Error(`${service} never crashed and restarted`);
  return Math.round((crash.t + back.t) / 2);
}

describe('statechart view', () => {
  test('a crashed service shows its consumer loop in "down", with the crash counted on the branch it took', async () => {
    const t = downStretch('payment');
    const node = seek(SCENARIO, t);
    expect(node.view().services.payment.status).toBe('down');
    // What the chart should say, from the Node run: crashes per branch, checked against the trace.
    const expected = serviceStatus(machineToGraph(consumerMachine), 'payment', node.s.payment.process, node.trace);
    const crashes = node.trace.filter((e) => e.kind === 'crash' && e.service === 'payment' && e.why === 'crashAfterCommit').length;
    expect(crashes).toBeGreaterThan(0);
    const struck = [...expected.faultHits].map(([id, hits]) => [id, hits.get('crashAfterCommit') ?? 0] as const).filter(([, n]) => n > 0);
    expect(struck.reduce((a, [, n]) => a + n, 0)).toBe(crashes);
    let page: Page | null = null;
    for (const size of [
      { width: 1280, height: 800, name: 'desktop' },
      { width: 1920, height: 1080, name: 'presenter' },
    ]) {
      page = await openAt(t, size);
      await page.getByTestId('node-payment').click();
      const region = page.getByRole('region', { name: 'Consumer loop state machine' });
      await region.waitFor();
      await expect.poll(() => region.locator('[data-testid="sc-state"][data-current]').getAttribute('data-state')).toBe('down');
      // Both states are drawn, from the machine's own definition.
      expect(await region.locator('[data-testid="sc-state"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['up', 'down']);
      // Each crash branch into down is its own line, with its guard and the actions it ran; the
      // branch where this crash struck carries its count.
      const line = (id: string) => region.locator(`[data-transition="${id}"]`);
      expect(await line('consumer.up:DELIVER:6').textContent()).toContain('DELIVER [crashAfterCommit] / commit, crash');
      expect(await line('consumer.up:DELIVER:7').textContent()).toContain('DELIVER [crashBeforeAck] / commit, publish, crash');
      for (const [id, n] of struck) expect(await line(id).textContent()).toMatch(new RegExp(`\\[crashAfterCommit\\] / commit, crash ⚡ ×${n}$`));
      expect(await region.locator('.sc-label').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('RESTART')]));
      // The caption names the guard that sent the loop down.
      expect(await region.getByTestId('sc-caption').textContent()).toMatch(/up → down on (DELIVER|FINISH|LOCAL) \(.*guard crashAfterCommit was true\)/);
      // Screen readers get the states as a list, with the current one marked.
      expect(await region.getByRole('list', { name: /States of the Consumer loop/ }).locator('[aria-current="true"]').textContent()).toMatch(/^down \(current state/);
      await region.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/registry-consumer-${size.name}.png` });
      await region.screenshot({ path: `/tmp/registry-consumer-chart-${size.name}.png` });
      // Enlarged, as on a projector.
      await region.getByRole('button', { name: 'Enlarge' }).click();
      await expect.poll(() => region.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1000);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/registry-consumer-enlarged-${size.name}.png` });
      await page.keyboard.press('Escape');
      expect(pageErrors(page)).toEqual([]);
      if (size.name === 'desktop') await page.context().close();
    }
    if (!page) throw new Error('no page');

    // The Order service also runs one saga per order: counts per state.
    await page.getByTestId('node-order').click();
    const saga = page.getByRole('region', { name: 'Order saga state machine' });
    await saga.waitFor();
    const counts: Record<string, number> = {};
    for (const o of seek(SCENARIO, t).view().orders) counts[o.state] = (counts[o.state] ?? 0) + 1;
    for (const [state, n] of Object.entries(counts)) {
      await expect.poll(() => saga.locator(`[data-state="${state}"] .sc-count`).textContent()).toBe(String(n));
    }
    await saga.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/order-service.png` });
    await saga.screenshot({ path: `${SHOTS}/order-saga-chart.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('an order shows its saga with its path, and names the guard that decided the last step', async () => {
    const trace = seek(SCENARIO, 60_000).trace as TraceEvent[];
    const guarded = trace.find((e) => e.kind === 'state' && e.from === 'PaymentAuthorized' && e.to === 'RefundPending');
    if (guarded?.kind !== 'state') throw new Error('no order took the saga branch');
    const t = guarded.t + 1;
    const page = await openAt(t);
    await page.getByTestId('dock-tab-orders').click();
    await page.locator(`[data-testid="order-row"][data-order="${guarded.orderId}"]`).click();
    const region = page.getByRole('region', { name: `Order ${guarded.orderId} state machine` });
    await region.waitFor();
    const state = seek(SCENARIO, t).view().orders.find((o) => o.id === guarded.orderId)?.state;
    await expect.poll(() => region.locator('[data-testid="sc-state"][data-current]').getAttribute('data-state')).toBe(state);
    // The path so far: every state the order went through is marked visited.
    const visited = await region.locator('.sc-visited').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(visited).toEqual(expect.arrayContaining(['PendingPayment', 'PaymentAuthorized', 'RefundPending']));
    expect(await region.getByTestId('sc-caption').textContent()).toMatch(/PaymentAuthorized → RefundPending on (STOCK_REJECTED|CANCEL) \(guard saga was true\)/);
    // The edge just taken moves (and stands still under reduced motion, below).
    expect(await region.locator('.react-flow__edge.animated').count()).toBe(1);
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/order-path.png` });
    await region.screenshot({ path: `${SHOTS}/order-chart.png` });
    // Enlarged for a projector, and back with Escape.
    await region.getByRole('button', { name: 'Enlarge' }).click();
    await expect.poll(() => region.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1000);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/order-chart-enlarged.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => region.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThan(400);
    await page.context().close();

    const still = await openAt(t, { reducedMotion: 'reduce' });
    await still.getByTestId('dock-tab-orders').click();
    await still.locator(`[data-testid="order-row"][data-order="${guarded.orderId}"]`).click();
    const r2 = still.getByRole('region', { name: `Order ${guarded.orderId} state machine` });
    await r2.waitFor();
    expect(await r2.locator('.sc-edge-taken').count()).toBe(1);
    expect(await r2.locator('.react-flow__edge.animated').count()).toBe(0);
    expect(pageErrors(still)).toEqual([]);
    await still.context().close();
  });

  // Two Inventory instances race for little stock, and the provider loses replies: reservations
  // sit in the race window and payments retry.
  const ENTITIES = parseScenario({
    seed: 5,
    workload: { orders: 16, intervalMs: 10 },
    inventory: { stock: 6 },
    faults: { raceWindowMs: 40, paymentTimeout: 0.5 },
    remedies: { retries: true, conditionalUpdate: true },
  });

  test('a service shows the machine of each entity it runs, with counts from the snapshots and fault points marked', async () => {
    const t = 200;
    const page = await openAt(t, {}, ENTITIES);
    await page.getByTestId('node-inventory').click();
    const region = page.getByRole('region', { name: 'Reservation state machine' });
    await region.waitFor();
    // The counts per state are the Node run's reservation snapshots at the same moment.
    const truth = seek(ENTITIES, t).s.inventory.machines;
    const graph = machineToGraph(reservationMachine);
    const expected = new Map<string, number>();
    for (const snap of truth.values()) for (const id of activeStateIds(graph, snap.value)) expected.set(id, (expected.get(id) ?? 0) + 1);
    expect(expected.size).toBeGreaterThan(0);
    for (const [id, n] of expected) {
      const path = graph.states.find((st) => st.id === id)!.path;
      await expect.poll(() => region.locator(`[data-state="${path}"] .sc-count`).textContent()).toBe(String(n));
    }
    // Where the race strikes is marked on the chart, and said in the list for screen readers.
    expect(await region.locator('[data-state="deciding"] .sc-fault').count()).toBe(1);
    expect(await region.getByRole('list', { name: /States of the Reservation/ }).textContent()).toContain('fault point: raceWindowMs');
    // The guards that decide are named on the chart.
    const labels = (await region.locator('.sc-label').allTextContents()).join(' | ');
    expect(labels).toContain('casFailed');
    expect(labels).toContain('enoughStock');
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/inventory-reservations.png` });
    await region.screenshot({ path: `${SHOTS}/reservation-chart.png` });

    // The Payment service: its consumer loop and the payment lifecycle, side by side in the inspector.
    await page.getByTestId('node-payment').click();
    const payments = page.getByRole('region', { name: 'Payment lifecycle state machine' });
    await payments.waitFor();
    expect(await page.getByRole('region', { name: 'Consumer loop state machine' }).isVisible()).toBe(true);
    expect(await payments.locator('[data-state="charging.awaitingProvider"] .sc-fault').count()).toBe(1);
    await payments.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/payment-service.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('an order opens the machines of its payment and reservation from its buttons, in their current states (presenter size)', async () => {
    // An order whose payment retried after a lost reply, seen once it has settled.
    const end = seek(ENTITIES, 60_000);
    const retried = end.s.payment.rows.find((r) => r.attempts > 1 && r.status === 'captured');
    if (!retried) throw new Error('no payment retried in this scenario');
    const id = retried.orderId;
    // Once the run is over (the playhead cannot go past its end).
    const t = Math.floor(end.now);
    const page = await openAt(t, { width: 1920, height: 1080 }, ENTITIES);
    await page.getByTestId('dock-tab-orders').click();
    await page.locator(`[data-testid="order-row"][data-order="${id}"]`).click();
    const truth = seek(ENTITIES, t).s;
    // The order lists its other machines as buttons; each opens that machine's chart.
    const picker = page.getByRole('group', { name: `Machines of ${id}` });
    const paymentLabel = truth.payment.byOrder.get(id)!.length > 1 ? `Payment ${truth.payment.byOrder.get(id)!.length} of ${truth.payment.byOrder.get(id)!.length}` : 'Payment';
    await picker.getByRole('button', { name: paymentLabel, exact: true }).click();
    const payment = page.getByRole('region', { name: new RegExp(`^${id} ${paymentLabel.toLowerCase()} state machine`) });
    await payment.waitFor();
    const paymentPath = machineToGraph(paymentMachine).states.find((st) => st.id === [...activeStateIds(machineToGraph(paymentMachine), truth.payment.byOrder.get(id)!.at(-1)!.machine.value)].at(-1))!.path;
    await expect.poll(() => payment.locator('[data-testid="sc-state"][data-current]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toContain(paymentPath);
    // Screen readers hear the current state of each in its list.
    expect(await payment.getByRole('list', { name: /States of the/ }).locator('[aria-current="true"]').first().textContent()).toMatch(/current state/);
    await payment.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/order-entities-presenter.png` });
    await payment.screenshot({ path: `${SHOTS}/order-payment-chart.png` });
    await picker.getByRole('button', { name: 'Reservation', exact: true }).click();
    const reservation = page.getByRole('region', { name: `${id} reservation state machine` });
    await expect.poll(() => reservation.locator('[data-testid="sc-state"][data-current]').getAttribute('data-state')).toBe(String(truth.inventory.machines.get(id)!.value));
    const order = page.getByRole('region', { name: `Order ${id} state machine` });
    await expect.poll(() => order.locator('[data-testid="sc-state"][data-current]').getAttribute('data-state')).toBe(truth.order.orders.get(id)!.state);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  // The provider loses replies and the broker duplicates messages (two payments for one order);
  // two Inventory instances race; reconciliation runs its rounds.
  const PATHS = parseScenario({
    seed: 5,
    workload: { orders: 16, intervalMs: 10 },
    inventory: { stock: 6 },
    faults: { raceWindowMs: 40, paymentTimeout: 0.5, duplicate: 0.3 },
    remedies: { retries: true, conditionalUpdate: true, reconciliation: true },
  });

  /** The path list the chart should show, worked out from the Node run's records. */
  function expectedPath(sim: Simulation, ref: EntityRef): string[] {
    const graph = machineToGraph(MACHINES.find((m) => m.entity === ref.kind)!.machine);
    const record = entityRecord(sim, ref)!;
    const steps = pathStatus(graph, record.path, record.snapshot).path.map((p, i) => stepText(graph, p, i === 0));
    return steps.slice(-12);
  }

  const pathItems = (region: Locator) => region.getByRole('list', { name: 'Path so far' }).locator('li').allTextContents();

  test('an order opens each payment and its reservation with their paths, by mouse and by keyboard', async () => {
    const end = seek(PATHS, 60_000);
    // An order charged twice (a duplicate ChargePayment), one payment retried, its reservation in the race window.
    const id = [...end.s.payment.byOrder].find(([oid, l]) => l.length > 1 && l.some((r) => r.attempts > 1) && end.s.inventory.paths.get(oid)?.some((p) => p.state === 'deciding'))?.[0];
    if (!id) throw new Error('no order with two payments, a retry and a race-window reservation');
    const t = Math.floor(end.now);
    const truth = seek(PATHS, t);
    const refs = entitiesOfOrder(truth, id);
    const payments = refs.filter((r) => r.kind === 'payment');
    expect(payments.length).toBeGreaterThan(1);
    for (const size of [
      { width: 1280, height: 800, name: 'desktop' },
      { width: 1920, height: 1080, name: 'presenter' },
    ]) {
      const page = await openAt(t, size, PATHS);
      await page.getByTestId('dock-tab-orders').click();
      await page.locator(`[data-testid="order-row"][data-order="${id}"]`).click();
      const picker = page.getByRole('group', { name: `Machines of ${id}` });
      await picker.waitFor();
      // Each payment has its own button, and opens its own chart with its own path.
      for (const ref of payments) {
        await picker.getByRole('button', { name: ref.label, exact: true }).click();
        const region = page.getByRole('region', { name: `${id} ${ref.label.toLowerCase()} state machine` });
        await region.waitFor();
        await expect.poll(() => pathItems(region)).toEqual(expectedPath(truth, ref));
        expect(await picker.getByRole('button', { name: ref.label, exact: true }).getAttribute('aria-pressed')).toBe('true');
      }
      // The retried payment: its path marks the states it went through, numbered, and the list says why it retried.
      const retried = payments.find((r) => entityRecord(truth, r)!.path.some((e) => e.state === 'charging.retryScheduled'))!;
      await picker.getByRole('button', { name: retried.label, exact: true }).click();
      const pay = page.getByRole('region', { name: `${id} ${retried.label.toLowerCase()} state machine` });
      await pay.waitFor();
      expect((await pathItems(pay)).join(' → ')).toMatch(/retryScheduled at .* on TIMEOUT \[retriesLeft\]/);
      const visited = await pay.locator('.sc-visited').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      expect(visited).toEqual(expect.arrayContaining(['requested', 'charging.calling', 'charging.awaitingProvider', 'charging.retryScheduled']));
      expect(await pay.locator('[data-state="requested"] .sc-steps').textContent()).toBe('1');
      const payGraph = machineToGraph(paymentMachine);
      const payRecord = entityRecord(truth, retried)!;
      const said = lastStepText(payGraph, pathStatus(payGraph, payRecord.path, payRecord.snapshot));
      expect(said).toMatch(/guard \w+ was true/);
      expect(await pay.getByTestId('sc-caption').textContent()).toContain(said);
      // Only the step just taken moves.
      expect(await pay.locator('.react-flow__edge.animated').count()).toBe(1);
      // The fault point where a reply goes missing is marked.
      expect(await pay.locator('[data-state="charging.awaitingProvider"] .sc-fault').count()).toBe(1);
      await pay.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/paths-payment-${size.name}.png` });
      await pay.screenshot({ path: `/tmp/paths-payment-chart-${size.name}.png` });

      // By keyboard: from the pressed payment button, Tab to the reservation's and press Enter.
      const resIndex = refs.findIndex((r) => r.kind === 'reservation');
      const fromIndex = refs.findIndex((r) => r.kind === retried.kind && r.key === retried.key);
      await picker.getByRole('button', { name: retried.label, exact: true }).focus();
      for (let i = fromIndex; i < resIndex; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reservation');
      await page.keyboard.press('Enter');
      const res = page.getByRole('region', { name: `${id} reservation state machine` });
      await res.waitFor();
      const resRef = refs[resIndex];
      await expect.poll(() => pathItems(res)).toEqual(expectedPath(truth, resRef));
      expect((await pathItems(res)).join(' → ')).toMatch(/deciding at .* on READ \[raceWindowOpen\]/);
      // The eventless step through "reading" is part of the path drawn.
      expect(await res.locator('.sc-visited[data-state="reading"]').count()).toBe(1);
      expect(await res.locator('[data-state="deciding"] .sc-fault').count()).toBe(1);
      await res.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/paths-reservation-${size.name}.png` });
      // Space closes it again (a pressed button toggles).
      await page.keyboard.press('Space');
      await expect.poll(() => res.count()).toBe(0);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });

  test('the reconciliation round is opened from the Order service, with its state and path (mouse, keyboard, projector)', async () => {
    const end = seek(PATHS, 60_000);
    // Mid-round: the job is waiting for the sources.
    const path = end.reconciler.path;
    const i = path.findIndex((p, k) => p.state === 'readingSources' && k > 3 && path[k + 1] && path[k + 1].t > p.t + 2);
    if (i < 0) throw new Error('no round waiting for its sources');
    const t = path[i].t + 1;
    const truth = seek(PATHS, t);
    expect(truth.reconciler.machine.value).toBe('readingSources');
    const page = await openAt(t, { width: 1280, height: 800 }, PATHS);
    await page.getByTestId('node-order').click();
    const button = page.getByRole('group', { name: 'The reconciliation job' }).getByRole('button', { name: 'Reconciliation round' });
    await button.click();
    const region = page.getByRole('region', { name: 'Reconciliation round state machine' });
    await region.waitFor();
    await expect.poll(() => region.locator('[data-testid="sc-state"][data-current]').getAttribute('data-state')).toBe('readingSources');
    await expect.poll(() => pathItems(region)).toEqual(expectedPath(truth, JOB_REF));
    expect(await region.getByTestId('sc-caption').textContent()).toMatch(/idle → readingDashboard on TICK|readingDashboard → readingSources on ANSWER \(guard answered was true\)/);
    expect(await region.getByRole('list', { name: /States of the Reconciliation round/ }).locator('[aria-current="true"]').textContent()).toMatch(/^readingSources \(current state.*fault point: drop, crashAfterCommit/);
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/paths-job-desktop.png' });
    await region.screenshot({ path: '/tmp/paths-job-chart-desktop.png' });
    // Enlarged, as on a projector; Escape brings it back.
    await region.getByRole('button', { name: 'Enlarge' }).click();
    await expect.poll(() => region.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1000);
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/paths-job-enlarged-desktop.png' });
    await page.keyboard.press('Escape');
    // The keyboard closes and opens it again.
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => region.count()).toBe(0);
    await page.keyboard.press('Enter');
    await region.waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();

    // The Payment service lists its payments: one opens with its path (presenter size).
    const big = await openAt(t, { width: 1920, height: 1080 }, PATHS);
    await big.getByTestId('node-payment').click();
    const list = big.getByRole('group', { name: 'Open one payment' });
    const ref = latestEntities(truth, 'payment').refs[0];
    await list.getByRole('button', { name: ref.label, exact: true }).click();
    const one = big.getByRole('region', { name: `Payment lifecycle ${ref.label} state machine` });
    await one.waitFor();
    await expect.poll(() => pathItems(one)).toEqual(expectedPath(truth, ref));
    await one.scrollIntoViewIfNeeded();
    await big.screenshot({ path: '/tmp/paths-payment-service-presenter.png' });
    expect(pageErrors(big)).toEqual([]);
    await big.context().close();
  });
});
