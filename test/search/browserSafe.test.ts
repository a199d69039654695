/**
 * src/search runs in Web Workers as well as in Node: none of its files (nor the simulation files
 * they reach) may import a Node module or the command-line code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', 'src');

/** Every file reachable from `start` through relative imports. */
function reachable(start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
      const base = resolve(dirname(f), m[1]);
      const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
      const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
      if (found) todo.push(found);
    }
  }
  return seen;
}

it('src/search and what it reaches import nothing from Node or the CLI', () => {
  const entries = readdirSync(join(ROOT, 'search')).filter((f) => f.endsWith('.ts'));
  const files = new Set(entries.flatMap((f) => [...reachable(join(ROOT, 'search', f))]));
  expect(files.size).toBeGreaterThan(20);
  const bad = [...files].filter((f) => /from '(node:|fs'|path'|os'|worker_threads')/.test(readFileSync(f, 'utf8')) || f.includes('/src/cli/'));
  expect(bad).toEqual([]);
});
