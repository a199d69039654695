/**
 * `npm run search` end to end: on worker threads under tsx (as npm runs it) and in one thread,
 * the printed JSON has the promised fields, the minimal file replays through the runner to the
 * same broken rule, nothing found exits 0, and bad input gets a clear message and exit code 2.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { runSearchCli, type SearchIo } from '../../src/cli/searchCli';
import { inThread } from '../../src/cli/searchPool';
import { ANOMALIES_FOR } from '../../src/sim/checker';
import { ALL_REMEDIES } from '../../src/sim/truthTable';

const ROOT = join(__dirname, '..', '..');
const files: Record<string, string> = {
  'dup.json': JSON.stringify({ workload: { orders: 3 }, faults: { duplicate: 0.3 } }),
  'healed.json': JSON.stringify({ workload: { orders: 3 }, faults: { duplicate: 0.3 }, remedies: { idempotentConsumer: true } }),
  'tiny.json': JSON.stringify({ workload: { orders: 1 }, faults: { drop: 0.1, duplicate: 0.1 }, remedies: ALL_REMEDIES }),
  'bad.json': JSON.stringify({ faults: { drop: 2 } }),
};
const io: SearchIo = {
  readFile: (p) => {
    if (!(p in files)) throw new Error('no such file');
    return files[p];
  },
  now: () => performance.now(),
  runner: () => inThread(),
  cores: 1,
};

function replaysTo(minimal: Record<string, unknown>, invariant: keyof typeof ANOMALIES_FOR): void {
  const out = runCli(['min.json', '--json'], () => JSON.stringify(minimal));
  expect(out.code).toBe(0);
  const kinds: string[] = JSON.parse(out.stdout).anomalyList.map((a: { kind: string }) => a.kind);
  expect(kinds.some((k) => ANOMALIES_FOR[invariant].includes(k))).toBe(true);
}

describe('npm run search', () => {
  it('finds, shrinks and prints { found, runs, runsPerSec, violation, minimal }; the minimal file replays', async () => {
    const r = await runSearchCli(['dup.json', '--runs', '50', '--json'], io);
    expect(r.code).toBe(1);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ found: true, mode: 'random' });
    expect(o.runs).toBeGreaterThanOrEqual(1);
    expect(typeof o.runsPerSec).toBe('number');
    expect(o.minimal.workload?.orders ?? 20).toBeLessThanOrEqual(3);
    replaysTo(o.minimal, o.violation.invariant);
  });

  it('with the remedy on finds nothing, exits 0 and says it is not a proof', async () => {
    const r = await runSearchCli(['healed.json', '--runs', '15', '--json'], io);
    const o = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(o).toMatchObject({ found: false, runs: 15, violation: null, minimal: null });
    expect(o.meaning).toMatch(/not a proof/);
  });

  it('explores every schedule of one fault and states the bound; without the remedy, the counterexample has one fault and replays', async () => {
    const r = await runSearchCli(['tiny.json', '--exhaustive', '--max-faults', '1', '--json'], io);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ mode: 'exhaustive', found: false });
    expect(r.code).toBe(0);
    expect(o.runs).toBeGreaterThan(10);
    expect(o.meaning).toMatch(new RegExp(`^No violation in all ${o.runs} schedules of 1 order.*It says nothing about more than 1 faults`));
    const bad = await runSearchCli(['dup.json', '--exhaustive', '--max-faults', '1', '--json'], io);
    const b = JSON.parse(bad.stdout);
    expect(b).toMatchObject({ found: true });
    expect(b.faultDecisions.map((d: { fault: string }) => d.fault)).toEqual(['duplicate']);
    replaysTo(b.minimal, b.violation.invariant);
  });

  it('bad input: a clear message and exit code 2', async () => {
    expect((await runSearchCli(['bad.json'], io)).stderr).toMatch(/invalid scenario: faults\.drop/);
    expect((await runSearchCli(['missing.json'], io)).stderr).toMatch(/cannot read scenario file "missing.json"/);
    expect((await runSearchCli(['dup.json', '--runs', 'many'], io)).stderr).toMatch(/--runs needs a whole number/);
    expect((await runSearchCli(['dup.json', '--exhaustive'], io)).stderr).toMatch(/--exhaustive needs --max-faults/);
    expect((await runSearchCli(['dup.json', '--faults', 'meteor'], io)).stderr).toMatch(/--faults needs .*drop.*got meteor/);
    expect((await runSearchCli(['dup.json', '--frobnicate'], io)).code).toBe(2);
  });

  it('runs on two worker threads through npm run (tsx), and the same search finds the same failing run', async () => {
    const path = '/tmp/search-core-cli-test.json';
    writeFileSync(path, files['dup.json']);
    const run = promisify(execFile);
    const { stdout } = await run('npm', ['run', '-s', 'search', '--', path, '--runs', '60', '--workers', '2', '--json'], { cwd: ROOT }).catch((e) => e);
    const o = JSON.parse(stdout);
    expect(o).toMatchObject({ found: true, workers: 2 });
    const one = JSON.parse((await runSearchCli(['dup.json', '--runs', '60', '--json'], io)).stdout);
    expect(o.minimal.seed).toBe(one.minimal.seed);
    expect(o.violation.invariant).toBe(one.violation.invariant);
    replaysTo(o.minimal, o.violation.invariant);
    expect(readFileSync(path, 'utf8')).toBe(files['dup.json']);
  }, 120_000);

  it("reads a lesson file: its solution has no failing run, its starting point has one", async () => {
    const lessonIo: SearchIo = { ...io, readFile: (p) => readFileSync(join(ROOT, p), 'utf8') };
    const solved = await runSearchCli(['lessons/idempotent-consumer.md', '--runs', '3', '--json'], lessonIo);
    expect(JSON.parse(solved.stdout)).toMatchObject({ found: false, runs: 3 });
    expect(solved.code).toBe(0);
    const start = await runSearchCli(['lessons/idempotent-consumer.md', '--start', '--runs', '3', '--json'], lessonIo);
    expect(start.code).toBe(1);
    const bad = await runSearchCli(['lessons/x.md'], { ...io, readFile: () => '---\nid: Not An Id\n---\n' });
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toMatch(/invalid lesson: .*id/);
  });
});
