/**
 * A run that reached its end in the foreground knows where it ends, whatever the background run
 * is doing: after "Run to end" the timeline showed "25094.0 / ~31.37 s", an estimate with its
 * thumb at 80%, until the background run had measured the same end in idle time. Idle callbacks
 * never come here, so only the foreground run can know.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { EngineController } from '../../src/ui/engineController';
import { useUi } from '../../src/ui/store';

const g = globalThis as { requestIdleCallback?: unknown };
let had: unknown;
beforeEach(() => {
  had = g.requestIdleCallback;
  g.requestIdleCallback = () => 0;
});
afterEach(() => {
  g.requestIdleCallback = had;
});

test('after a run to the end the timeline shows the exact end, not an estimate', async () => {
  const s = parseScenario({ seed: 11, workload: { orders: 60, intervalMs: 40 }, faults: { duplicate: 0.2, latencyMs: 300 } });
  const end = new Simulation(s);
  end.runToEnd();
  const c = new EngineController(s);
  expect(useUi.getState().horizonKnown).toBe(false);
  await c.runToEnd();
  expect(c.now).toBe(end.now);
  expect(useUi.getState()).toMatchObject({ horizon: end.now, horizonKnown: true, playhead: end.now });
});
