/**
 * The runner's logic, separate from the process so tests can call it directly.
 */
import { ChoiceSource } from '../sim/choices';
import { Simulation } from '../sim/engine';
import { parseScenarioJson, ScenarioError } from '../sim/scenario';
import type { Scenario } from '../sim/types';
import { formatReport, jsonReport } from './format';

/** What the runner prints and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Link decoder, provided by the sharing module once it exists. */
export type LinkDecoder = (url: string) => Scenario;

const USAGE = `usage: npm run sim -- <scenario.json> [--json]
       npm run sim -- --link '<playground url>' [--json]`;

/** Parses arguments, runs the scenario, formats the report. */
export function runCli(args: string[], readFile: (path: string) => string, decodeLink?: LinkDecoder): CliResult {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  let scenario: Scenario;
  try {
    if (rest[0] === '--link') {
      if (!rest[1]) return { code: 2, stdout: '', stderr: `--link needs a URL\n${USAGE}` };
      if (!decodeLink) return { code: 2, stdout: '', stderr: 'links are not supported by this build' };
      scenario = decodeLink(rest[1]);
    } else {
      const path = rest[0];
      if (!path || rest.length > 1 || path.startsWith('--')) return { code: 2, stdout: '', stderr: USAGE };
      let text: string;
      try {
        text = readFile(path);
      } catch {
        return { code: 2, stdout: '', stderr: `cannot read scenario file "${path}"` };
      }
      scenario = parseScenarioJson(text);
    }
  } catch (e) {
    if (e instanceof ScenarioError) return { code: 2, stdout: '', stderr: `invalid scenario: ${e.message}` };
    return { code: 2, stdout: '', stderr: `invalid input: ${(e as Error).message}` };
  }
  // A file with recorded choices replays them; if they no longer fit (a file recorded by another
  // engine version, or edited by hand), the run is not the one recorded: say so.
  const choices = scenario.choices ? new ChoiceSource({ kind: 'replay', choices: scenario.choices }) : undefined;
  const sim = new Simulation(scenario, choices ? { choices } : {});
  sim.runToEnd();
  const report = sim.report();
  const misfit = choices && (choices.misfits || choices.unused) ? `recorded choices: ${choices.misfits} did not fit the decision asked and ${choices.unused} were never asked for; this run differs from the one recorded (another engine version, or an edited file)\n` : '';
  const stdout = json ? JSON.stringify(jsonReport(report), null, 2) : formatReport(report);
  // The run is not the one the scenario describes if a recorded what-if could not be made: say so, and fail.
  const skipped = report.skippedWhatIfs ?? [];
  if (skipped.length) return { code: 1, stdout, stderr: misfit + skipped.map((w) => `what-if skipped: ${w.field}: ${w.problem}\n`).join('') };
  if (misfit) return { code: 1, stdout, stderr: misfit };
  return { code: 0, stdout, stderr: '' };
}
