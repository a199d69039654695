/**
 * Headless runner: `npm run sim -- <scenario.json> [--json]` or `npm run sim -- --link '<url>'`.
 * Runs a scenario to quiescence (or its durationMs) and prints a report. Bad input exits with
 * code 2 and a message naming the field — never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { scenarioFromLink } from '../share/decode';
import { formatReport } from './format';
import { runCli } from './run';

const result = runCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8'), scenarioFromLink);
if (result.stdout) process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
if (result.stderr) process.stderr.write(result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`);
process.exitCode = result.code;
export { formatReport };
