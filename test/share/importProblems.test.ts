/** An imported file with several mistakes reports each of them, in the validator's words. */
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../src/sim/scenario';
import { allImportProblems } from '../../src/ui/share/importProblems';

describe('allImportProblems', () => {
  test('a valid file has none', () => {
    expect(allImportProblems(JSON.stringify(parseScenario({ seed: 3 })))).toEqual([]);
  });

  test('every bad field is reported, not only the first', () => {
    const text = JSON.stringify({
      seed: 'seven',
      workload: { orders: -5, intervalMs: 150, colour: 'red' },
      faults: { drop: 2 },
      changes: [
        { atMs: 10, path: 'faults.drop', value: 0.1 },
        { atMs: -1, path: 'faults.drop', value: 0.1 },
        { atMs: 20, path: 'faults.nope', value: 1 },
      ],
    });
    const fields = allImportProblems(text).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['seed', 'workload.orders', 'workload.colour', 'faults.drop']));
    expect(fields.filter((f) => f.startsWith('changes[1]'))).toHaveLength(1);
    expect(fields.filter((f) => f.startsWith('changes[2]'))).toHaveLength(1);
    expect(fields.some((f) => f.startsWith('changes[0]'))).toBe(false);
    expect(fields).toHaveLength(6);
  });

  test('text that is not JSON, or not an object, gives one problem', () => {
    expect(allImportProblems('{ nope')).toEqual([{ field: 'file', problem: expect.stringContaining('not valid JSON') }]);
    expect(allImportProblems('[1, 2]')).toHaveLength(1);
  });
});
