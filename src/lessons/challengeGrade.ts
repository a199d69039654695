/**
 * Challenge mode's pick and grading. The remedy part is not judged against an answer key:
 * the learner's remedies are run headless on the same system, and zero anomalies is a pass.
 */
import { ANOMALY_KINDS, VISIBLE_NOT_HEALED } from '../sim/catalog';
import { parseScenario } from '../sim/scenario';
import type { AnomalyKind, Faults, Remedies, Report, Scenario } from '../sim/types';
import type { Challenge } from './types';

/** Faults that are background conditions rather than something to diagnose. */
const AMBIENT: (keyof Faults)[] = ['latencyMs', 'jitterMs'];

/** Fault keys a learner can name in challenge mode, in catalog order. */
export const DIAGNOSABLE_FAULTS = (Object.keys(parseScenario({}).faults) as (keyof Faults)[]).filter((k) => !AMBIENT.includes(k));

/** The diagnosable faults switched on in a scenario. */
export function activeFaults(s: Scenario): (keyof Faults)[] {
  return DIAGNOSABLE_FAULTS.filter((k) => s.faults[k] > 0);
}

/** A small seeded generator (mulberry32), so a seed always picks the same challenge. */
export function seededIndex(seed: number, n: number): number {
  let t = (seed >>> 0) + 0x6d2b79f5;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return Math.floor(r * n);
}

/** Picks one challenge from the list by seed. */
export function pickChallenge<T>(list: readonly T[], seed: number): T {
  if (list.length === 0) throw new Error('no challenges defined');
  return list[seededIndex(seed, list.length)];
}

/** How one fault checkbox was answered. */
export interface FaultVerdict {
  fault: keyof Faults;
  chosen: boolean;
  present: boolean;
  /** right: named and present; wrong: named but absent; missed: present but not named. */
  verdict: 'right' | 'wrong' | 'missed' | 'skipped';
}

/** The graded answer. */
export interface ChallengeGrade {
  faults: FaultVerdict[];
  faultsCorrect: boolean;
  /** Anomalies left after running the system with the learner's remedies. */
  remaining: { kind: AnomalyKind; count: number }[];
  remediesWork: boolean;
  report: Report;
}

/** The challenge's system with the learner's remedies in place of its own. */
export function withRemedies(s: Scenario, remedies: Remedies): Scenario {
  return { ...s, remedies: { ...remedies }, changes: [] };
}

/** Grades a diagnosis (fault names) and a treatment (remedies, verified by running `run`). */
export function gradeChallenge(
  challenge: Challenge,
  namedFaults: readonly (keyof Faults)[],
  remedies: Remedies,
  diagnosable: readonly (keyof Faults)[],
  run: (s: Scenario) => Report,
): ChallengeGrade {
  const faults: FaultVerdict[] = diagnosable.map((fault) => {
    const chosen = namedFaults.includes(fault);
    const present = challenge.faults.includes(fault);
    const verdict = chosen ? (present ? 'right' : 'wrong') : present ? 'missed' : 'skipped';
    return { fault, chosen, present, verdict };
  });
  const report = run(withRemedies(challenge.scenario, remedies));
  // An order parked for a human is what a dead-letter queue is for: visible, not healed, and no
  // remedy could do better, so it does not count against the learner's treatment.
  const remaining = ANOMALY_KINDS.filter((kind) => !VISIBLE_NOT_HEALED.has(kind))
    .map((kind) => ({ kind, count: report.anomalies[kind]?.count ?? 0 }))
    .filter((a) => a.count > 0);
  return {
    faults,
    faultsCorrect: faults.every((f) => f.verdict === 'right' || f.verdict === 'skipped'),
    remaining,
    remediesWork: remaining.length === 0,
    report,
  };
}
