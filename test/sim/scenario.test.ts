/**
 * Scenario validation: defaults, and a clear message naming the field for bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { DEFAULT_SCENARIO, parseScenario, parseScenarioJson, ScenarioError } from '../../src/sim/scenario';

function errorOf(input: unknown): ScenarioError {
  try {
    parseScenario(input);
  } catch (e) {
    return e as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario', () => {
  it('fills every missing field with its documented default', () => {
    expect(parseScenario({})).toEqual(DEFAULT_SCENARIO);
    expect(parseScenario({ faults: { drop: 0.5 } }).faults.duplicate).toBe(0);
  });

  it.each([
    [{ seed: 'x' }, 'seed', /number/],
    [{ seed: 1.5 }, 'seed', /whole number/],
    [{ faults: { drop: 2 } }, 'faults.drop', /between 0 and 1/],
    [{ faults: { dorp: 1 } }, 'faults.dorp', /unknown field/],
    [{ remedies: { outbox: 'yes' } }, 'remedies.outbox', /true or false/],
    [{ remedies: { ordering: 'fifo' } }, 'remedies.ordering', /"none", "partitionByKey", "versioned"/],
    [{ workload: { orders: 0 } }, 'workload.orders', /between 1 and/],
    [{ inventory: [] }, 'inventory', /object/],
    [{ version: 2 }, 'version', /version 1/],
    [{ extra: 1 }, 'extra', /unknown field/],
    [{ changes: [{ atMs: 5, path: 'faults.nope', value: 1 }] }, 'changes[0].path', /not a control/],
    [{ changes: [{ atMs: 5, path: 'faults.drop.extra', value: 0.1 }] }, 'changes[0].path', /"faults.drop.extra" is not a control; did you mean faults.drop\?$/],
    [{ changes: [{ atMs: 5, path: 'faults.constructor', value: 1 }] }, 'changes[0].path', /not a control/],
    [{ changes: [{ atMs: 5, path: 'faults', value: 1 }] }, 'changes[0].path', /not a control; allowed: faults.drop, .*faults.raceWindowMs$/],
    [{ changes: [{ atMs: 5, path: 'remedies.sagas', value: true }] }, 'changes[0].path', /not a control; allowed: remedies.outbox, .*remedies.lastWriteWins$/],
    [{ changes: [{ atMs: 1, path: 'faults.drop', value: 0.1 }, { atMs: 5, path: 'faults.drop', value: 2 }] }, 'changes[1].value', /^changes\[1\]\.value: must be between 0 and 1, got 2 \(a value for faults\.drop\)$/],
    [{ changes: [{ atMs: 5, path: 'remedies.ordering', value: 'fifo' }] }, 'changes[0].value', /must be one of .* \(a value for remedies\.ordering\)/],
    [{ changes: [{ atMs: 5, path: 'remedies.outbox', value: 1 }] }, 'changes[0].value', /true or false/],
    [{ changes: [{ atMs: 5, path: 'faults.latencyMs', value: 0 }] }, 'changes[0].value', /between 1 and/],
    [{ changes: [{ atMs: 5, path: 'faults.drop', value: 1 }, { atMs: 1, path: 'faults.drop', value: 0 }] }, 'changes[1].atMs', /time order/],
    [[], 'scenario', /JSON object/],
    [{ alerts: [{ id: 'Bad Id', metric: 'dlq.size', above: 0 }] }, 'alerts[0].id', /lower-case id/],
    [{ alerts: 'loud' }, 'alerts', /list/],
  ])('%j → %s', (input, field, problem) => {
    const e = errorOf(input);
    expect(e).toBeInstanceOf(ScenarioError);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(problem);
  });

  it('accepts alert rules and keeps them', () => {
    const s = parseScenario({ alerts: [{ id: 'dlq', title: 'DLQ', metric: 'dlq.size', above: 0 }] });
    expect(s.alerts?.[0]).toMatchObject({ id: 'dlq', metric: 'dlq.size', above: 0 });
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    expect(parseScenarioJson('\uFEFF{"seed": 3, "workload": {"orders": 2}}')).toMatchObject({ seed: 3, workload: { orders: 2 } });
    // Only a leading mark is skipped; one anywhere else is still bad JSON.
    expect(() => parseScenarioJson('{"seed": 3}\uFEFF')).toThrow(ScenarioError);
  });

  it('a control change made during a run is checked like one in a file', () => {
    const sim = new Simulation(parseScenario({ workload: { orders: 1 } }));
    expect(() => sim.setControl('faults.drop.extra', 0.1)).toThrow(/"faults.drop.extra" is not a control/);
    expect(() => sim.setControl('faults.drop', 3)).toThrow(/^value: must be between 0 and 1, got 3 \(a value for faults\.drop\)$/);
    expect(sim.scenario.changes).toEqual([]);
    sim.setControl('faults.drop', 0.25);
    expect(sim.controls().faults.drop).toBe(0.25);
  });

  it('invalid JSON is a ScenarioError, not a crash', () => {
    expect(() => parseScenarioJson('{oops')).toThrow(ScenarioError);
  });

  it('never throws anything but a ScenarioError, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          parseScenario(input);
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
