/**
 * `npm run search -- scenario.json [--runs N] [--seed S] [--exhaustive --max-faults K] [--workers W] [--json]`:
 * searches many seeded runs (or every schedule of up to K fault decisions) for a broken business
 * rule on worker threads, shrinks what it finds, and prints `{ found, runs, runsPerSec, violation,
 * minimal, … }`, where `minimal` is a scenario file that `npm run sim` replays to the same violation.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runSearchCli } from './searchCli';
import { inThread, workerThreads } from './searchPool';

const result = await runSearchCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  now: () => performance.now(),
  runner: (n) => (n === 1 ? inThread() : workerThreads(n)),
  cores: availableParallelism(),
  progress: process.stderr.isTTY ? (line) => process.stderr.write(`\r${line}   `) : undefined,
});
if (process.stderr.isTTY) process.stderr.write('\n');
if (result.stdout) process.stdout.write(`${result.stdout}\n`);
if (result.stderr) process.stderr.write(`${result.stderr}\n`);
process.exitCode = result.code;
