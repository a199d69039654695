/**
 * The shrunk fuzz findings kept under test/sim/fixtures/fuzz stay loadable: each is a valid
 * scenario that the runner replays, and the file's name matches its failure's shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { INVARIANTS } from '../../src/sim/checker';
import { parseScenarioJson } from '../../src/sim/scenario';

const DIR = join(__dirname, 'fixtures', 'fuzz');
const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('fuzz fixtures', () => {
  it('there are some', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s is a valid scenario the runner replays', (f) => {
    const text = readFileSync(join(DIR, f), 'utf8');
    const s = parseScenarioJson(text);
    const [kind, name] = f.split('/').pop()!.replace('.json', '').split('-');
    expect(['missed', 'unbacked', 'violation']).toContain(kind);
    if (kind !== 'unbacked') expect(INVARIANTS).toContain(name);
    const out = runCli([join(DIR, f), '--json'], (p) => readFileSync(p, 'utf8'));
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).scenario.seed).toBe(s.seed);
  });
});
