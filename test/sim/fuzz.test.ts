/**
 * A short fuzz as part of `npm test`: the harness runs, its counts are consistent and printed,
 * it is deterministic for a seed, and a shrunk failure file replays the failure through the
 * ordinary runner. (Zero disagreements is the detectors' job to prove, not this file's.)
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { checkRun } from '../../src/cli/fuzz/check';
import { runFuzzCli } from '../../src/cli/fuzz/cli';
import { compactScenario, everyRemedyOn, randomScenario } from '../../src/cli/fuzz/generate';
import { simplerScenarios } from '../../src/cli/fuzz/shrink';
import { Rng } from '../../src/sim/prng';
import { parseScenario } from '../../src/sim/scenario';

function fakeIo() {
  const files = new Map<string, string>();
  let t = 0;
  return {
    files,
    io: { now: () => (t += 5), writeFile: (p: string, text: string) => files.set(p, text), makeDir: () => {}, defaultOut: '/fuzz-out' },
  };
}

describe('npm run fuzz', () => {
  it('runs 150 scenarios and prints counts that add up', () => {
    const { io, files } = fakeIo();
    const r = runFuzzCli(['--runs', '150', '--seed', '3', '--shrink-budget', '25', '--json'], io);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runs).toBe(150);
    expect(out.runsPerSecond).toBeGreaterThan(0);
    expect(out.quiescentRuns).toBeLessThanOrEqual(150);
    for (const table of [out.violations, out.missed, out.unbacked]) {
      for (const t of Object.values(table) as { runs: number; count: number }[]) {
        expect(t.runs).toBeGreaterThan(0);
        expect(t.runs).toBeLessThanOrEqual(150);
        expect(t.count).toBeGreaterThanOrEqual(t.runs);
      }
    }
    // A rule the report missed was, by definition, broken in at least as many runs.
    for (const [rule, t] of Object.entries(out.missed) as [string, { runs: number }][]) expect(out.violations[rule].runs).toBeGreaterThanOrEqual(t.runs);
    // Every distinct failure was written to its own file, as a scenario the validator accepts.
    const signatures = out.failures.map((f: { signature: string }) => f.signature);
    expect(new Set(signatures).size).toBe(signatures.length);
    expect([...files.keys()].sort()).toEqual(out.failures.map((f: { file: string }) => f.file).sort());
    for (const text of files.values()) expect(() => parseScenario(JSON.parse(text))).not.toThrow();
    const text = runFuzzCli(['--runs', '20', '--seed', '3', '--shrink-budget', '0'], fakeIo().io);
    expect(text.stdout).toMatch(/^fuzz: 20 runs from seed 3 in [\d.]+ s \([\d.]+ runs\/s\)/);
    expect(text.stdout).toContain('every remedy on:');
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = runFuzzCli(['--runs', '25', '--seed', '9', '--shrink-budget', '10'], fakeIo().io).summary;
    const b = runFuzzCli(['--runs', '25', '--seed', '9', '--shrink-budget', '10'], fakeIo().io).summary;
    expect(b).toEqual(a);
    const one = new Rng(9);
    const other = new Rng(10);
    expect(randomScenario(one, { allRemedies: false })).not.toEqual(randomScenario(other, { allRemedies: false }));
  });

  it('a shrunk failure file replays the same failure through npm run sim', () => {
    const { io, files } = fakeIo();
    // Every remedy on still leaves a dead-lettered order holding money (visible, not healed): a
    // failure that stays while the detectors agree with the checker.
    const r = runFuzzCli(['--runs', '60', '--seed', '1', '--shrink-budget', '40', '--all-remedies', '--json'], io);
    const out = JSON.parse(r.stdout);
    expect(out.failures.length).toBeGreaterThan(0);
    for (const f of out.failures as { signature: string; file: string }[]) {
      const text = files.get(f.file)!;
      const scenario = parseScenario(JSON.parse(text));
      expect(checkRun(scenario).signature).toContain(f.signature);
      const sim = runCli([f.file, '--json'], (p) => files.get(p)!);
      expect(sim.code).toBe(0);
      expect(JSON.parse(sim.stdout).scenario.seed).toBe(scenario.seed);
    }
  });

  it('generates only valid scenarios, every remedy on when asked, and simpler neighbours that stay valid', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const s = randomScenario(rng, { allRemedies: i % 2 === 0 });
      expect(parseScenario(compactScenario(s))).toEqual(s);
      if (i % 2 === 0) expect(everyRemedyOn(s)).toBe(true);
      for (const n of simplerScenarios(s)) {
        expect(() => parseScenario(compactScenario(n))).not.toThrow();
        expect(n.remedies).toEqual(s.remedies);
      }
    }
  });

  it('rejects bad arguments with a usage line', () => {
    expect(runFuzzCli(['--runs', 'many'], fakeIo().io)).toMatchObject({ code: 2, stderr: expect.stringContaining('--runs needs a whole number') });
    expect(runFuzzCli(['--fast'], fakeIo().io)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown argument "--fast"') });
  });
});
