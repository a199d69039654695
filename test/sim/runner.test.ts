/**
 * The headless runner: reports, JSON shape, and exit code 2 with a clear message on bad input.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';

const files: Record<string, string> = {
  'ok.json': JSON.stringify({ seed: 7, faults: { duplicate: 0.3 } }),
  'range.json': JSON.stringify({ faults: { duplicate: 1.5 } }),
  'type.json': JSON.stringify({ workload: { orders: 'many' } }),
  'unknown.json': JSON.stringify({ remedies: { outbox: true, magic: true } }),
  'broken.json': '{"seed": 1,',
};
const read = (p: string) => {
  if (!(p in files)) throw new Error('ENOENT');
  return files[p];
};

describe('npm run sim', () => {
  it('prints a readable report', () => {
    const r = runCli(['ok.json'], read);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Anomalies:/);
    expect(r.stdout).toMatch(/trace [0-9a-f]{16}/);
  });

  it('--json has the documented fields', () => {
    const r = runCli(['ok.json', '--json'], read);
    const j = JSON.parse(r.stdout);
    for (const k of ['traceHash', 'endTimeMs', 'orders', 'anomalies', 'healed', 'ledger', 'stock', 'metrics']) expect(j).toHaveProperty(k);
    expect(j.ledger).toHaveProperty('charged');
    expect(j.ledger).toHaveProperty('refunded');
    expect(j.anomalies.doubleCharge).toHaveProperty('count');
    expect(j.anomalies.doubleCharge).toHaveProperty('orders');
    expect(j.orders[0]).toHaveProperty('anomalies');
  });

  it.each([
    ['range.json', /faults\.duplicate: must be between 0 and 1, got 1\.5/],
    ['type.json', /workload\.orders: must be a number/],
    ['unknown.json', /remedies\.magic: unknown field/],
    ['broken.json', /not valid JSON/],
    ['missing.json', /cannot read/],
  ])('%s exits 2 naming the problem', (file, message) => {
    const r = runCli([file], read);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .+:\d+:\d+/); // no stack trace
  });

  it('runs as a real process, with exit code 2 for bad input', () => {
    const out = execFileSync('npx', ['tsx', 'src/cli/sim.ts', 'scenarios/happy-path.json', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).anomalies.lostOrder.count).toBe(0);
    const bad = spawnSync('npx', ['tsx', 'src/cli/sim.ts', 'package.json'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/invalid scenario: name: must be a text|unknown field/);
  });

  it('the ready scenarios all load and run', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    for (const f of readdirSync('scenarios')) {
      const r = runCli([`scenarios/${f}`, '--json'], (p) => readFileSync(p, 'utf8'));
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
    }
  });
});
