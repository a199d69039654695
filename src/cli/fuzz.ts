/**
 * `npm run fuzz -- [--runs N] [--seed S] [--json] [--out DIR] [--all-remedies]`: random
 * scenarios through the engine and the invariant checker, compared with each report; distinct
 * failures are shrunk and written as scenario files that `npm run sim -- file.json` replays.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runFuzzCli } from './fuzz/cli';

const result = runFuzzCli(process.argv.slice(2), {
  now: () => performance.now(),
  cpuMs: () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
  writeFile: (path, text) => writeFileSync(path, text),
  makeDir: (path) => mkdirSync(path, { recursive: true }),
  defaultOut: join(tmpdir(), 'eventually-fuzz'),
  progress: (line) => process.stderr.write(`${line}\n`),
});
if (result.stdout) process.stdout.write(`${result.stdout}\n`);
if (result.stderr) process.stderr.write(`${result.stderr}\n`);
process.exitCode = result.code;
