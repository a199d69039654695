/**
 * `npm run sim -- --link '<url>'` runs the scenario a link holds: same trace hash as running
 * the decoded scenario (which is what the browser runs), and clear messages for bad links.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { readLink, scenarioFromLink } from '../../src/share/decode';
import { buildLink } from '../../src/share/encode';
import { runScenario } from '../../src/sim/engine';
import { parseScenario, parseScenarioJson } from '../../src/sim/scenario';

const ROOT = join(__dirname, '../..');
const noFile = () => {
  throw new Error('no files here');
};

function linkFor(file: string): string {
  const s = parseScenarioJson(readFileSync(join(ROOT, 'scenarios', file), 'utf8'));
  return buildLink('http://localhost:5173/', { scenario: s, playhead: 900, events: null, selectedOrder: 'o4', selectedMessage: null, allow: null });
}

describe('runner --link', () => {
  for (const file of ['duplicate-delivery.json', 'race-for-the-last-item.json']) {
    it(`gives the trace hash of the decoded scenario (${file})`, () => {
      const link = linkFor(file);
      const r = runCli(['--link', link, '--json'], noFile, scenarioFromLink);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { traceHash: string };
      expect(report.traceHash).toBe(runScenario(readLink(link).state.scenario).traceHash);
      // …and of the scenario file the link was made from.
      const fromFile = runCli([join('scenarios', file), '--json'], (p) => readFileSync(join(ROOT, p), 'utf8'));
      expect(JSON.parse(fromFile.stdout).traceHash).toBe(report.traceHash);
    });
  }

  it('runs a link with control changes made mid-run', () => {
    const s = parseScenario({ seed: 4, faults: { duplicate: 0.3 }, changes: [{ atMs: 1500.5, path: 'remedies.idempotentConsumer', value: true }] });
    const link = buildLink('http://h/', { scenario: s, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const r = runCli(['--link', link, '--json'], noFile, scenarioFromLink);
    expect(JSON.parse(r.stdout).traceHash).toBe(runScenario(s).traceHash);
  });

  it('bad links exit 2 with the field named, never a stack trace', () => {
    const cases: [string, RegExp][] = [
      ['http://h/#v=1&s=N4IgdghgtgpiBcIAiBXADgGwJYGMIBcYACAExmwDcYAnATwBoiwB7I6mW', /^invalid scenario: link: is damaged/],
      ['http://h/#seed=abc', /^invalid scenario: seed: must be a number/],
      ['http://h/#v=9&s=abc', /^invalid scenario: version: is 9/],
      ['http://h/', /^invalid scenario: link: holds no scenario/],
    ];
    for (const [link, words] of cases) {
      const r = runCli(['--link', link], noFile, scenarioFromLink);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(words);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('the real command line works end to end', () => {
    const link = linkFor('duplicate-delivery-healed.json');
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', '--link', link, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out).traceHash).toBe(runScenario(readLink(link).state.scenario).traceHash);
  }, 30_000);
});
