/**
 * Entity paths as the statechart view reads them: every transition a recorded step names is one
 * the chart draws from the machine's definition, the guards the engine recorded are the ones the
 * chart's own verdict names, and the path ends in the state the chart highlights.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { MACHINES } from '../../src/sim/machines';
import { parseScenario } from '../../src/sim/scenario';
import { pathStatus } from '../../src/ui/statechart/chartStatus';
import { entitiesOfOrder, entityRecord, JOB_REF, latestEntities } from '../../src/ui/statechart/entityRefs';
import { guardVerdict, machineToGraph } from '../../src/ui/statechart/machineGraph';
import { stepText } from '../../src/ui/statechart/pathText';
import { randomScenario } from '../sim/support/randomScenario';

const GRAPHS = new Map(MACHINES.map((m) => [m.entity, machineToGraph(m.machine)]));

/** The chart's verdict in the engine's words: "guard a was false, guard b was true" → "not a, b". */
const asRecorded = (verdict: string) => verdict.replace(/guard (\S+) was false/g, 'not $1').replace(/guard (\S+) was true/g, '$1');

describe('entity paths on the chart', () => {
  it('name only drawn transitions, agree with the chart on the guards, and end where the chart highlights', () => {
    fc.assert(
      fc.property(randomScenario, (input) => {
        const sim = new Simulation(parseScenario(input));
        sim.runToEnd();
        const refs = [...sim.s.order.orders.keys()].flatMap((id) => entitiesOfOrder(sim, id));
        // Every step is checked, but the mismatches are gathered and asserted once per run: an
        // expect() per step cost most of this test's time, and the list names each wrong step.
        const wrong: string[] = [];
        for (const ref of [...refs, JOB_REF]) {
          const graph = GRAPHS.get(ref.kind)!;
          const record = entityRecord(sim, ref)!;
          const ids = new Set(graph.transitions.map((t) => t.id));
          for (const e of record.path) for (const id of e.taken) if (!ids.has(id)) wrong.push(`${ref.kind} ${ref.key}: ${id} is not a drawn transition`);
          const status = pathStatus(graph, record.path, record.snapshot);
          expect(status.path).toHaveLength(record.path.length);
          for (const [i, p] of status.path.entries()) {
            const verdicts = (p.via ?? []).map((t) => guardVerdict(graph, t)).filter((v) => v !== null);
            const said = verdicts.length ? verdicts.map(asRecorded).join('; ') : null;
            if (said !== record.path[i].guard) wrong.push(`${ref.kind} ${ref.key} step ${i}: the chart says ${said}, the engine recorded ${record.path[i].guard}`);
          }
          const last = status.path.at(-1);
          if (last && !status.active.has(last.state)) wrong.push(`${ref.kind} ${ref.key}: the path ends in ${last.state}, which the chart does not highlight`);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it('reads a retried payment as a sentence per step', () => {
    const sim = new Simulation(parseScenario({ seed: 7, workload: { orders: 6 }, faults: { paymentTimeout: 0.9 }, remedies: { retries: true } }));
    sim.runToEnd();
    const graph = GRAPHS.get('payment')!;
    const ref = latestEntities(sim, 'payment').refs.find((r) => entityRecord(sim, r)?.path.some((e) => e.state === 'charging.retryScheduled'));
    if (!ref) throw new Error('no payment retried');
    const record = entityRecord(sim, ref)!;
    const steps = pathStatus(graph, record.path, record.snapshot).path.map((p, i) => stepText(graph, p, i === 0));
    expect(steps[0]).toMatch(/^requested at \d+ ms \(start\)$/);
    expect(steps[1]).toMatch(/^calling at \d+ ms on CHARGE$/);
    expect(steps[2]).toMatch(/^awaitingProvider at \d+ ms on CALL$/);
    expect(steps.find((s) => s.startsWith('retryScheduled'))).toMatch(/on TIMEOUT \[retriesLeft\]$/);
  });
});
