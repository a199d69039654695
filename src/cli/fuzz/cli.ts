/**
 * The fuzzer's command line, apart from the process so tests can drive it: arguments, the
 * printed counts (text or one JSON object), and the minimal scenario files it writes.
 */
import { type FuzzSummary, fuzz, type Tally } from './loop';

/** What the command needs from the outside world. */
export interface FuzzIo {
  /** Milliseconds from a monotonic clock, for the runs/s figure only. */
  now: () => number;
  /** CPU milliseconds this process used, so the figure can be read apart from other load. */
  cpuMs?: () => number;
  writeFile: (path: string, text: string) => void;
  makeDir: (path: string) => void;
  /** Where failures go when --out is not given. */
  defaultOut: string;
  progress?: (line: string) => void;
}

/** What the command prints and its exit code. */
export interface FuzzCliResult {
  code: number;
  stdout: string;
  stderr: string;
  summary?: FuzzSummary;
}

const USAGE = 'usage: npm run fuzz -- [--runs N] [--seed S] [--json] [--out DIR] [--all-remedies] [--shrink-budget N]';

function intArg(args: string[], name: string, fallback: number, min: number, max: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} needs a whole number between ${min} and ${max}, got ${args[i + 1] ?? 'nothing'}`);
  return v;
}

/** Parses the arguments, fuzzes, writes the minimal scenarios, formats the counts. */
export function runFuzzCli(args: string[], io: FuzzIo): FuzzCliResult {
  const known = new Set(['--runs', '--seed', '--json', '--out', '--all-remedies', '--shrink-budget']);
  const valued = new Set(['--runs', '--seed', '--out', '--shrink-budget']);
  for (let i = 0; i < args.length; i++) {
    if (!known.has(args[i])) return { code: 2, stdout: '', stderr: `unknown argument "${args[i]}"\n${USAGE}` };
    if (valued.has(args[i])) i++;
  }
  let runs: number;
  let seed: number;
  let shrinkBudget: number;
  try {
    runs = intArg(args, '--runs', 200, 1, 10_000_000);
    seed = intArg(args, '--seed', 1, 0, 4_294_967_295);
    shrinkBudget = intArg(args, '--shrink-budget', 400, 0, 100_000);
  } catch (e) {
    return { code: 2, stdout: '', stderr: `${(e as Error).message}\n${USAGE}` };
  }
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : io.defaultOut;
  if (!out) return { code: 2, stdout: '', stderr: `--out needs a directory\n${USAGE}` };
  const started = io.now();
  const cpuStarted = io.cpuMs?.() ?? 0;
  let explored = started;
  let cpuExplored = cpuStarted;
  const summary = fuzz({ runs, seed, allRemedies: args.includes('--all-remedies'), shrinkBudget }, (done) => {
    if (io.progress && done % 100 === 0) io.progress(`${done}/${runs} runs`);
    if (done === runs) {
      explored = io.now();
      cpuExplored = io.cpuMs?.() ?? 0;
    }
  });
  const cpuSeconds = io.cpuMs ? (cpuExplored - cpuStarted) / 1000 : null;
  const runsPerCpuSecond = cpuSeconds ? Math.round((summary.runs / cpuSeconds) * 10) / 10 : null;
  const ended = io.now();
  // The runs/s figure counts the random runs only; shrinking is timed on its own.
  const seconds = (explored - started) / 1000;
  const shrinkSeconds = (ended - explored) / 1000;
  const files: string[] = [];
  if (summary.failures.length) io.makeDir(out);
  for (const f of summary.failures) {
    const path = `${out.replace(/\/$/, '')}/${f.signature.replace(':', '-')}.json`;
    io.writeFile(path, `${JSON.stringify(f.minimal, null, 2)}\n`);
    files.push(path);
  }
  const runsPerSecond = Math.round((summary.runs / Math.max(seconds, 1e-9)) * 10) / 10;
  if (args.includes('--json')) {
    const failures = summary.failures.map((f, i) => ({ ...f, file: files[i] }));
    return { code: 0, stdout: JSON.stringify({ ...summary, failures, seconds: Math.round(seconds * 100) / 100, runsPerSecond, runsPerCpuSecond, shrinkSeconds: Math.round(shrinkSeconds * 100) / 100 }), stderr: '', summary };
  }
  return { code: 0, stdout: formatSummary(summary, { seconds, runsPerSecond, runsPerCpuSecond, shrinkSeconds }, files), stderr: '', summary };
}

function table(title: string, rows: Record<string, Tally>): string[] {
  const keys = Object.keys(rows).sort((a, b) => rows[b].runs - rows[a].runs || a.localeCompare(b));
  if (!keys.length) return [`${title}: none`];
  const width = Math.max(...keys.map((k) => k.length));
  return [`${title}:`, ...keys.map((k) => `  ${k.padEnd(width)}  ${String(rows[k].runs).padStart(6)} runs  ${String(rows[k].count).padStart(6)} in all`)];
}

/** The counts as text. */
export function formatSummary(
  s: FuzzSummary,
  time: { seconds: number; runsPerSecond: number; runsPerCpuSecond: number | null; shrinkSeconds: number },
  files: string[],
): string {
  const e = s.everyRemedyOn;
  const { seconds, runsPerSecond, runsPerCpuSecond, shrinkSeconds } = time;
  const cpu = runsPerCpuSecond === null ? '' : `, ${runsPerCpuSecond} per CPU second`;
  const lines = [
    `fuzz: ${s.runs} runs from seed ${s.seed} in ${seconds.toFixed(1)} s (${runsPerSecond} runs/s${cpu}); ${s.quiescentRuns} came to rest, ${s.runs - s.quiescentRuns} were cut by their duration`,
    ...table('broken business rules (checker)', s.violations),
    ...table('missed by the report (rule broken, no anomaly names the order)', s.missed),
    ...table('unbacked anomalies (reported, no rule broken)', s.unbacked),
    `every remedy on: ${e.runs} runs, ${e.violatingRuns} broke a rule`,
    ...(e.violatingRuns ? table('  broken with every remedy on', e.violations) : []),
    `distinct failures: ${s.failures.length}${s.failures.length ? `, shrunk in ${shrinkSeconds.toFixed(1)} s` : ''}`,
  ];
  s.failures.forEach((f, i) => {
    lines.push(`  ${f.signature}: ${f.runs} runs, first in run ${f.firstRun}; shrunk in ${f.shrinkRuns} runs to ${files[i]}`);
    if (f.example) lines.push(`    ${f.example}`);
  });
  if (s.failures.length) lines.push(`reproduce one with: npm run sim -- ${files[0]}`);
  return lines.join('\n');
}
