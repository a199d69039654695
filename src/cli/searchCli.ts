/**
 * `npm run search`'s logic, apart from the process so tests can drive it: arguments, the search
 * (random or exhaustive) on a pool of workers, the shrink, and what is printed. Exit code 0 when
 * nothing failed (what a course's CI wants for a lesson's solution), 1 with a counterexample, 2
 * for bad input.
 */
import { applySettings } from '../lessons/applySettings';
import { LessonError } from '../lessons/lessonError';
import { parseLesson } from '../lessons/parseLesson';
import { describeBound, type ExploreResult, mergeExplorations } from '../search/exhaustive';
import { randomJobs, type SearchJob, type SearchJobResult } from '../search/jobs';
import type { FailureRule } from '../search/judge';
import type { Counterexample } from '../search/random';
import { shrink } from '../search/shrink';
import type { Violation } from '../sim/checker';
import { DECISION_FAULTS } from '../sim/choices';
import { parseScenarioJson, ScenarioError } from '../sim/scenario';
import type { Faults, Scenario } from '../sim/types';
import type { JobRunner } from './searchPool';

/** What the command needs from the outside world. */
export interface SearchIo {
  readFile: (path: string) => string;
  /** Milliseconds from a monotonic clock (for runs/s only). */
  now: () => number;
  /** A job runner for `workers` workers (1 may run in this thread). */
  runner: (workers: number) => JobRunner;
  /** Cores to use when --workers is not given. */
  cores: number;
  progress?: (line: string) => void;
}

/** The JSON the command prints. */
export interface SearchOutput {
  found: boolean;
  /** Runs made (random search) or schedules run (exhaustive). */
  runs: number;
  runsPerSec: number;
  /** The broken rule the minimal run shows, or null. */
  violation: Violation | null;
  /** A scenario file that `npm run sim` replays to the same violation, or null. */
  minimal: Record<string, unknown> | null;
  mode: 'random' | 'exhaustive';
  workers: number;
  seconds: number;
  /** Runs excused as visible, not healed (see --strict). */
  excused: number;
  /** Runs cut by the event budget. */
  stoppedEarly: number;
  shrinkRuns: number;
  shrinkSeconds: number;
  /** The faults the minimal run needs, decision by decision. */
  faultDecisions: { fault: string; stream: string; index: number }[];
  /** What the result means, in words (exhaustive: the bound; random: that it is not a proof). */
  meaning: string;
}

/** What the command prints and its exit code. */
export interface SearchCliResult {
  code: number;
  stdout: string;
  stderr: string;
  output?: SearchOutput;
}

const USAGE = `usage: npm run search -- <scenario.json> [--runs N] [--seed S] [--workers W] [--json] [--strict] [--shrink-budget N]
       npm run search -- <scenario.json> --exhaustive --max-faults K [--faults drop,duplicate,…] [--workers W] [--json] [--strict]
       npm run search -- <lesson.md> [--start] …   (a lesson's solution, or with --start its starting point)`;

const VALUED = new Set(['--runs', '--seed', '--workers', '--max-faults', '--shrink-budget', '--faults', '--max-schedules']);
const FLAGS = new Set(['--json', '--exhaustive', '--strict', '--start']);

function intArg(args: string[], name: string, fallback: number, min: number, max: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} needs a whole number between ${min} and ${max}, got ${args[i + 1] ?? 'nothing'}`);
  return v;
}

function faultsArg(args: string[]): (keyof Faults)[] | undefined {
  const i = args.indexOf('--faults');
  if (i < 0) return undefined;
  const names = (args[i + 1] ?? '').split(',').filter(Boolean);
  const bad = names.filter((n) => !DECISION_FAULTS.includes(n as keyof Faults));
  if (!names.length || bad.length) throw new Error(`--faults needs a comma-separated list of ${DECISION_FAULTS.join(', ')}; got ${bad.join(', ') || 'nothing'}`);
  return names as (keyof Faults)[];
}

/** Parses the arguments, searches, shrinks, formats. */
export async function runSearchCli(args: string[], io: SearchIo): Promise<SearchCliResult> {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (VALUED.has(args[i])) i++;
    else if (FLAGS.has(args[i])) continue;
    else if (args[i].startsWith('--')) return { code: 2, stdout: '', stderr: `unknown argument "${args[i]}"\n${USAGE}` };
    else positional.push(args[i]);
  }
  if (positional.length !== 1) return { code: 2, stdout: '', stderr: USAGE };
  const exhaustive = args.includes('--exhaustive');
  let runs: number;
  let seedArg: number;
  let workers: number;
  let maxFaults: number;
  let shrinkBudget: number;
  let maxSchedules: number;
  let faults: (keyof Faults)[] | undefined;
  try {
    runs = intArg(args, '--runs', 1000, 1, 100_000_000);
    seedArg = intArg(args, '--seed', -1, 0, 4_294_967_295);
    workers = intArg(args, '--workers', io.cores, 1, 256);
    maxFaults = intArg(args, '--max-faults', -1, 0, 5);
    shrinkBudget = intArg(args, '--shrink-budget', 400, 0, 100_000);
    maxSchedules = intArg(args, '--max-schedules', 1_000_000, 1, 100_000_000);
    faults = faultsArg(args);
    if (exhaustive && maxFaults < 0) throw new Error('--exhaustive needs --max-faults K (0 to 5)');
    if (!exhaustive && maxFaults >= 0) throw new Error('--max-faults only goes with --exhaustive');
  } catch (e) {
    return { code: 2, stdout: '', stderr: `${(e as Error).message}\n${USAGE}` };
  }
  let scenario: Scenario;
  try {
    let text: string;
    try {
      text = io.readFile(positional[0]);
    } catch {
      return { code: 2, stdout: '', stderr: `cannot read scenario file "${positional[0]}"` };
    }
    if (positional[0].endsWith('.md')) {
      // A lesson: its reference solution applied to its scenario (--start: the lesson as the learner meets it).
      const lesson = parseLesson(text, positional[0]);
      scenario = args.includes('--start') ? lesson.scenario : applySettings(lesson.scenario, lesson.solution);
    } else scenario = parseScenarioJson(text);
  } catch (e) {
    if (e instanceof LessonError) return { code: 2, stdout: '', stderr: `invalid lesson: ${e.message}` };
    if (e instanceof ScenarioError) return { code: 2, stdout: '', stderr: `invalid scenario: ${e.message}` };
    return { code: 2, stdout: '', stderr: `invalid input: ${(e as Error).message}` };
  }
  // What the design shows as visible, not healed (an order parked for a human) is honest, not a failure, unless --strict.
  const rule: FailureRule = args.includes('--strict') ? {} : { visible: ['manualReview'] };
  const seed = seedArg >= 0 ? seedArg : scenario.seed;
  // Exhaustive search explores one seed's timing: --seed picks it.
  if (exhaustive) scenario = { ...scenario, seed };
  const runner = io.runner(workers);
  // The rate leaves out the workers' start-up (loading the engine takes a second or two).
  await runner.ready();
  const t0 = io.now();
  let found: Counterexample | null = null;
  let done = 0;
  let excused = 0;
  let stoppedEarly = 0;
  let explored: ExploreResult | null = null;
  try {
    if (!exhaustive) {
      // Jobs of ascending run numbers; a job is still handed out only if it could hold a lower
      // failing run than the one found, so the answer is the same whatever the number of workers.
      let lowest = Number.POSITIVE_INFINITY;
      await runner.run(
        randomJobs(scenario, seed, runs, rule),
        (job) => job.kind === 'random' && job.from < lowest,
        (r: SearchJobResult) => {
          if (r.kind !== 'random') return;
          done += r.result.runs;
          excused += r.result.excused;
          stoppedEarly += r.result.stoppedEarly;
          const f = r.result.found;
          if (f && f.run < lowest) {
            lowest = f.run;
            found = f;
          }
          io.progress?.(`${done} runs${found ? `, failing run ${lowest} found` : ''}`);
        },
      );
    } else {
      const slices: SearchJob[] = Array.from({ length: workers }, (_, index) => ({
        kind: 'explore',
        scenario,
        maxFaults,
        faults,
        slice: { index, of: workers },
        rule,
        maxSchedules: Math.ceil(maxSchedules / workers),
      }));
      const parts: ExploreResult[] = [];
      await runner.run(
        slices,
        () => true,
        (r) => {
          if (r.kind !== 'explore') return;
          parts.push(r.result);
          // The first counterexample ends the exploration: the other slices stop between runs.
          if (r.result.found) runner.stop();
          io.progress?.(`slice ${r.job.kind === 'explore' ? r.job.slice.index : 0} done: ${r.result.schedules} schedules`);
        },
      );
      explored = mergeExplorations(parts);
      done = explored.schedules;
      excused = explored.excused;
      found = explored.found;
    }
  } finally {
    await runner.close();
  }
  const seconds = (io.now() - t0) / 1000;
  const out: SearchOutput = {
    found: found !== null,
    runs: done,
    runsPerSec: seconds > 0 ? Math.round(done / seconds) : 0,
    violation: null,
    minimal: null,
    mode: exhaustive ? 'exhaustive' : 'random',
    workers,
    seconds: Math.round(seconds * 1000) / 1000,
    excused,
    stoppedEarly,
    shrinkRuns: 0,
    shrinkSeconds: 0,
    faultDecisions: [],
    meaning: '',
  };
  const f = found as Counterexample | null;
  if (f) {
    const t1 = io.now();
    const m = shrink(f, { rule, budget: shrinkBudget });
    out.violation = m.violation;
    out.minimal = m.file;
    out.shrinkRuns = m.runs;
    out.shrinkSeconds = Math.round(io.now() - t1) / 1000;
    out.faultDecisions = m.faultDecisions;
  }
  out.meaning = explored
    ? describeBound(scenario, explored)
    : f
      ? `Run ${f.run} of ${done} (seed ${f.scenario.seed}) broke a business rule; the minimal run below replays it: ${out.violation?.sentence}`
      : `No failing run in ${done} random runs (seeds from ${seed}, the scenario's fault rates and remedies). That is evidence, not a proof.`;
  const code = out.found ? 1 : 0;
  if (args.includes('--json')) return { code, stdout: JSON.stringify(out, null, 2), stderr: '', output: out };
  return { code, stdout: formatText(out), stderr: '', output: out };
}

function formatText(o: SearchOutput): string {
  const lines = [`${o.mode} search: ${o.runs} ${o.mode === 'exhaustive' ? 'schedules' : 'runs'} in ${o.seconds} s on ${o.workers} worker${o.workers === 1 ? '' : 's'} (${o.runsPerSec}/s)`];
  if (o.excused) lines.push(`${o.excused} runs broke only rules the design shows as visible, not healed (manual review); --strict counts them`);
  if (o.stoppedEarly) lines.push(`${o.stoppedEarly} runs stopped at the event budget`);
  lines.push(o.meaning);
  if (o.minimal) {
    lines.push(`shrunk in ${o.shrinkRuns} runs (${o.shrinkSeconds} s); faults it needs: ${o.faultDecisions.map((d) => d.fault).join(', ') || 'none beyond the scenario'}`);
    lines.push('minimal scenario (save it and run `npm run sim -- file.json`):');
    lines.push(JSON.stringify(o.minimal, null, 2));
  }
  return lines.join('\n');
}
