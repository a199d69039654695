/**
 * Links stay short: every ready-made scenario's link (mid-run, with a selection) is well under
 * 2,000 characters. The lengths are printed so a change that bloats links shows in the log.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLink } from '../../src/share/decode';
import { MAX_HASH_CHARS } from '../../src/share/linkFormat';
import { formatLengths, measureLink } from '../../src/share/linkLengths';
import { parseScenario, parseScenarioJson } from '../../src/sim/scenario';

const dir = join(__dirname, '../../scenarios');

describe('link length', () => {
  it('is under 2,000 characters for every ready-made scenario', () => {
    const rows = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => measureLink(f, parseScenarioJson(readFileSync(join(dir, f), 'utf8'))));
    console.log(`Link lengths (npm run bench:links):\n${formatLengths(rows)}`);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) expect(r.chars, r.name).toBeLessThan(2000);
  });

  it('stays under 2,000 characters with every fault, every remedy and 20 control changes', () => {
    const everything = parseScenarioJson(readFileSync(join(dir, 'everything.json'), 'utf8'));
    const changes = Array.from({ length: 20 }, (_, i) => ({
      atMs: 137.5 * (i + 1),
      // Positions as a long steered run records them (version 2 links carry them).
      atEvent: 4_321 * (i + 1),
      path: ['faults.duplicate', 'remedies.outbox', 'faults.latencyMs', 'remedies.ordering'][i % 4],
      value: [0.05 * (i % 10), i % 3 === 0, 20 + i, 'partitionByKey'][i % 4],
    }));
    const r = measureLink('everything + 20 changes', parseScenario({ ...everything, changes }));
    console.log(formatLengths([r]));
    expect(r.chars).toBeLessThan(2000);
  });

  it("fits the reader's cap with the most changes a scenario may hold, and reads back whole", () => {
    const paths = ['faults.drop', 'faults.duplicate', 'faults.reorder', 'faults.poison'];
    const changes = Array.from({ length: 500 }, (_, i) => ({ atMs: 12_345.678 + i * 97.31, atEvent: 1_000_000 + i * 1_234, path: paths[i % 4], value: ((i * 37) % 100) / 100 }));
    const s = parseScenario({ durationMs: 86_400_000, changes });
    const r = measureLink('500 positioned changes', s);
    console.log(formatLengths([r]));
    expect(r.link.length - r.link.indexOf('#') - 1).toBeLessThan(MAX_HASH_CHARS);
    expect(readLink(r.link).state.scenario).toEqual(s);
  });

  it('fits the cap with 500 what-ifs too, written as a version 3 link', () => {
    const actions = ['crashAfterCommit', 'duplicate', 'drop', 'delay'] as const;
    const changes = Array.from({ length: 500 }, (_, i) => {
      const action = actions[i % 4];
      const to = i % 2 === 0 ? 'inventory' : undefined;
      return { atMs: 12_345.678 + i * 97.31, atEvent: 1_000_000 + i * 1_234, whatIf: { msg: `m${100_000 + i * 7}`, ...(to ? { to } : {}), action, ...(action === 'delay' ? { ms: 250 + i } : {}) } };
    });
    const s = parseScenario({ durationMs: 86_400_000, changes });
    const r = measureLink('500 what-ifs', s);
    console.log(formatLengths([r]));
    expect(r.link).toMatch(/#v=3&/);
    expect(readLink(r.link).problems).toEqual([]);
    expect(r.link.length - r.link.indexOf('#') - 1).toBeLessThan(MAX_HASH_CHARS);
    expect(readLink(r.link).state.scenario).toEqual(s);
  });
});
