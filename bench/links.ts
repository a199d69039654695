/**
 * `npm run bench:links`: prints the link length of every ready-made scenario (scenarios/*.json)
 * plus a run with control changes, as the playground's "Copy link" would make them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLengths, measureLink } from '../src/share/linkLengths';
import { parseScenario, parseScenarioJson } from '../src/sim/scenario';

const dir = join(import.meta.dirname, '..', 'scenarios');
const rows = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => measureLink(f, parseScenarioJson(readFileSync(join(dir, f), 'utf8'))));
const everything = parseScenarioJson(readFileSync(join(dir, 'everything.json'), 'utf8'));
const changes = Array.from({ length: 10 }, (_, i) => ({ atMs: 250.5 * (i + 1), path: i % 2 ? 'faults.duplicate' : 'remedies.outbox', value: i % 2 ? 0.05 * i : i % 4 === 0 }));
rows.push(measureLink('everything.json + 10 changes', parseScenario({ ...everything, changes })));
console.log(formatLengths(rows));
if (process.argv.includes('--links')) for (const r of rows) console.log(`\n${r.name}\n${r.link}`);
