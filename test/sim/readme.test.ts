/**
 * The README's fault → symptom → remedy table must be the table the tests prove.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ANOMALIES, REMEDIES } from '../../src/sim/catalog';
import { truthTableMarkdown } from '../../src/sim/truthTable';

it('README shows exactly the proven truth table', () => {
  const readme = readFileSync('README.md', 'utf8');
  const rows = truthTableMarkdown({ anomaly: (k) => ANOMALIES[k].title, remedy: (k) => REMEDIES[k].label });
  for (const row of rows) expect(readme).toContain(row);
  const inReadme = readme.split('\n').filter((l) => /^\| `[a-zA-Z-]+` \|/.test(l));
  expect(inReadme.length).toBe(rows.length);
});
