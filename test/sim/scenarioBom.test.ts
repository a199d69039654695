/**
 * A scenario file saved with a UTF-8 byte order mark (as some Windows editors do) loads the same
 * as one without, in the runner and through "Import scenario".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { importScenarioFile, scenarioFromFileText } from '../../src/share/scenarioFile';

const TEXT = '{"seed": 4, "workload": {"orders": 2}}';

describe('a scenario file with a byte order mark', () => {
  it('runs with npm run sim, the same as without the mark', () => {
    const plain = runCli(['plain.json', '--json'], () => TEXT);
    const marked = runCli(['marked.json', '--json'], () => `\uFEFF${TEXT}`);
    expect(marked.stderr).toBe('');
    expect(marked.code).toBe(0);
    expect(JSON.parse(marked.stdout).traceHash).toBe(JSON.parse(plain.stdout).traceHash);
  });

  it('imports, the same as without the mark', () => {
    expect(scenarioFromFileText(`\uFEFF${TEXT}`)).toEqual(scenarioFromFileText(TEXT));
    expect(importScenarioFile(`\uFEFF${TEXT}`)).toMatchObject({ ok: true, scenario: { seed: 4 } });
  });
});
