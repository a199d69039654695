/**
 * Challenge definitions must be solvable and must show a symptom: the system as given has
 * anomalies, and its listed remedies bring it to zero. Grading and the seeded pick are checked too.
 */
import { describe, expect, it } from 'vitest';
import { CHALLENGES } from '../../src/lessons/catalog';
import { gradeChallenge, pickChallenge, seededIndex, withRemedies } from '../../src/lessons/challengeGrade';
import { DIAGNOSABLE_FAULTS } from '../../src/lessons/parseChallenge';
import { runScenario } from '../../src/sim/engine';
import { VISIBLE_NOT_HEALED } from '../../src/sim/catalog';
import type { AnomalyKind, Report } from '../../src/sim/types';

const total = (r: Report) => Object.values(r.anomalies).reduce((a, v) => a + v.count, 0);

describe('challenge definitions', () => {
  for (const c of CHALLENGES) {
    it(`${c.id}: shows anomalies as given`, () => {
      expect(total(runScenario(c.scenario)), `${c.file}: the system shows no symptom`).toBeGreaterThan(0);
    });
    it(`${c.id}: its remedies reach zero anomalies`, () => {
      const r = runScenario(withRemedies(c.scenario, c.remedies));
      // Orders parked for manual review stay visible, not healed: no remedy does better.
      const left = Object.entries(r.anomalies).filter(([k, v]) => v.count > 0 && !VISIBLE_NOT_HEALED.has(k as AnomalyKind));
      expect(left, `${c.file}: anomalies remain with the listed remedies`).toEqual([]);
    });
  }
});

describe('seeded pick', () => {
  it('is stable and spreads over the list', () => {
    expect(pickChallenge(CHALLENGES, 42)).toBe(pickChallenge(CHALLENGES, 42));
    const seen = new Set<number>();
    for (let s = 0; s < 200; s++) seen.add(seededIndex(s, CHALLENGES.length));
    expect(seen.size).toBe(CHALLENGES.length);
  });

  it('refuses an empty list', () => {
    expect(() => pickChallenge([], 1)).toThrow(/no challenges/);
  });
});

describe('gradeChallenge', () => {
  // Two hidden faults, so naming one leaves the other "missed".
  const c = CHALLENGES.find((x) => x.id === 'double-trouble')!;
  const wrongFault = DIAGNOSABLE_FAULTS.find((f) => !c.faults.includes(f))!;

  it('has a two-fault challenge to grade', () => {
    expect(c.faults.length).toBe(2);
  });

  it('marks right, wrong and missed faults, and verifies remedies by running them', () => {
    const g = gradeChallenge(c, [c.faults[0], wrongFault], c.remedies, DIAGNOSABLE_FAULTS, runScenario);
    expect(g.faults.find((f) => f.fault === c.faults[0])?.verdict).toBe('right');
    expect(g.faults.find((f) => f.fault === wrongFault)?.verdict).toBe('wrong');
    for (const f of c.faults.slice(1)) expect(g.faults.find((v) => v.fault === f)?.verdict).toBe('missed');
    expect(g.faultsCorrect).toBe(false);
    expect(g.remediesWork).toBe(true);
  });

  it('fails remedies that leave anomalies, and says which remain', () => {
    const g = gradeChallenge(c, c.faults, c.scenario.remedies, DIAGNOSABLE_FAULTS, runScenario);
    expect(g.faultsCorrect).toBe(true);
    expect(g.remediesWork).toBe(false);
    expect(g.remaining.length).toBeGreaterThan(0);
  });
});
