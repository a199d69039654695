/** Scenario export and import: a file written here reads back as the same scenario, with the runner's rules. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { ENGINE_VERSION } from '../../src/sim/engineVersion';
import { scenarioFileName, scenarioFromFileText, scenarioToJson } from '../../src/share/scenarioFile';
import { parseScenarioJson, ScenarioError } from '../../src/sim/scenario';
import { scenario } from './arbitraries';

describe('scenario files', () => {
  it('round-trip any valid scenario (property)', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        expect(scenarioFromFileText(scenarioToJson(s))).toEqual(s);
      }),
      { numRuns: 150 },
    );
  });

  it('write every setting, versions first, readable', () => {
    const s = parseScenarioJson(readFileSync(join(__dirname, '../../scenarios/duplicate-delivery.json'), 'utf8'));
    const text = scenarioToJson(s);
    expect(text.split('\n')[1]).toBe('  "version": 1,');
    expect(text.split('\n')[2]).toBe(`  "engineVersion": ${ENGINE_VERSION},`);
    expect(text.split('\n')[3]).toBe('  "name": "Duplicate delivery, no remedies",');
    expect(JSON.parse(text).faults.latencyMs).toBe(20);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('an exported file runs in the command-line runner with the same result', () => {
    const s = parseScenarioJson('{"seed": 5, "faults": {"drop": 0.2}}');
    const text = scenarioToJson(s);
    const viaFile = runCli(['x.json', '--json'], () => text);
    const viaOrig = runCli(['y.json', '--json'], () => '{"seed": 5, "faults": {"drop": 0.2}}');
    expect(JSON.parse(viaFile.stdout).traceHash).toBe(JSON.parse(viaOrig.stdout).traceHash);
  });

  it('imports reject bad files with the runner\'s messages', () => {
    const bad: [string, RegExp][] = [
      ['{"seed": "abc"}', /^seed: must be a number/],
      ['{"faults": {"meteor": 1}}', /^faults\.meteor: unknown field/],
      ['not json', /^file: is not valid JSON/],
      ['[]', /^scenario: must be a JSON object/],
    ];
    for (const [text, words] of bad) {
      expect(() => scenarioFromFileText(text)).toThrow(ScenarioError);
      expect(() => scenarioFromFileText(text)).toThrow(words);
      const cli = runCli(['f.json'], () => text);
      expect(cli.stderr).toContain((() => {
        try {
          scenarioFromFileText(text);
        } catch (e) {
          return (e as Error).message;
        }
        return '';
      })());
    }
  });

  it('refuses a huge file before parsing it', () => {
    expect(() => scenarioFromFileText('{}', 5_000_000)).toThrow(/^file: is 5000 kB/);
  });

  it('names files after the scenario', () => {
    const s = parseScenarioJson('{"name": "Race for the last item!", "seed": 5}');
    expect(scenarioFileName(s)).toBe('race-for-the-last-item-seed-5.json');
    expect(scenarioFileName(parseScenarioJson('{"seed": 2}'), '.trace.json')).toBe('scenario-seed-2.trace.json');
    expect(scenarioFileName(parseScenarioJson('{"name": "../../etc/passwd", "seed": 1}'))).toBe('etc-passwd-seed-1.json');
  });
});
