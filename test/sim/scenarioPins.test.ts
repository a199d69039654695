/**
 * Every shipped scenario file runs to a pinned trace hash. A change that alters how any of them
 * runs fails here, naming the file; when the change is meant, re-pin with one command.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/engine';
import { parseScenarioJson } from '../../src/sim/scenario';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'scenarios');
const PINS = join(__dirname, 'scenarioPins.json');
const REPIN = 'UPDATE_PINS=1 npx vitest run test/sim/scenarioPins.test.ts';

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const actual: Record<string, string> = {};
for (const f of files) actual[f] = runScenario(parseScenarioJson(readFileSync(join(DIR, f), 'utf8'))).traceHash;

describe('scenario trace-hash pins', () => {
  if (process.env.UPDATE_PINS) {
    it('rewrites the pins (UPDATE_PINS is set)', () => {
      writeFileSync(PINS, `${JSON.stringify(actual, null, 2)}\n`);
      expect(JSON.parse(readFileSync(PINS, 'utf8'))).toEqual(actual);
    });
    return;
  }
  const pins: Record<string, string> = JSON.parse(readFileSync(PINS, 'utf8'));

  it('pins every scenario file, and only those', () => {
    const missing = files.filter((f) => !(f in pins));
    const stale = Object.keys(pins).filter((f) => !files.includes(f));
    if (missing.length || stale.length) {
      expect.fail(`scenario pins are out of date (unpinned: ${missing.join(', ') || 'none'}; pinned but gone: ${stale.join(', ') || 'none'}). Re-pin with: ${REPIN}`);
    }
  });

  for (const f of files) {
    it(`scenarios/${f} runs to its pinned trace hash`, () => {
      if (actual[f] !== pins[f]) {
        expect.fail(
          `scenarios/${f} now runs differently: trace hash ${actual[f]}, pinned ${pins[f] ?? '(none)'}. A change altered how scenarios run ` +
            `(and so every link and lesson built on them). If that is intended, re-pin with: ${REPIN} and commit test/sim/scenarioPins.json.`,
        );
      }
    });
  }
});
