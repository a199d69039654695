/**
 * "Break this design": which design is open, the learner's graded run, and whether the
 * explanation shows. The design's remedies are locked in the playground; everything else (faults,
 * seed, workload, what-ifs, the Search tab) is the learner's to use.
 */
import { create } from 'zustand';
import { designById } from '../../lessons/catalog';
import { type DesignVerdict, gradeDesignRun, solutionScenario } from '../../lessons/designGrade';
import { REMEDIES } from '../../sim/catalog';
import { useLessons } from './lessonStore';
import { matchingAnomaly } from '../search/openRun';
import { selectOrder } from '../store';
import { freePlayground, loadIntoPlayground, playground, runPlaygroundToEnd } from './playgroundAdapter';

/** The store's shape. */
export interface DesignState {
  designId: string | null;
  checking: boolean;
  verdict: DesignVerdict | null;
  /** The learner broke the design, or asked to see a run that does. */
  explained: boolean;
  /** The reference run was loaded (so a pass on it is not the learner's own). */
  solutionShown: boolean;
}

/** Every remedy path: the design under test, locked. */
export const REMEDY_PATHS = Object.keys(REMEDIES).map((k) => `remedies.${k}`);

/** The one design store. */
export const useDesign = create<DesignState>(() => ({ designId: null, checking: false, verdict: null, explained: false, solutionShown: false }));

/** Opens a design and loads its system into the playground with its remedies locked. */
export function openDesign(id: string): void {
  const d = designById(id);
  if (!d) {
    useLessons.setState({ notice: `There is no design called "${id}". Pick one from the list.` });
    return;
  }
  useDesign.setState({ designId: id, checking: false, verdict: null, explained: false, solutionShown: false });
  loadIntoPlayground(d.scenario, REMEDY_PATHS);
  useLessons.setState({ playgroundHolds: `design:${id}` });
}

/** Loads the open design's system again, as given. */
export function reloadDesign(): void {
  const { designId } = useDesign.getState();
  const d = designById(designId);
  if (!d) return;
  useDesign.setState({ verdict: null, solutionShown: false });
  loadIntoPlayground(d.scenario, REMEDY_PATHS);
  useLessons.setState({ playgroundHolds: `design:${d.id}` });
}

/** Closes the design and gives the playground back, unlocked. */
export function leaveDesign(): void {
  const holds = useLessons.getState().playgroundHolds;
  useDesign.setState({ designId: null, checking: false, verdict: null, explained: false, solutionShown: false });
  if (holds?.startsWith('design:')) {
    useLessons.setState({ playgroundHolds: null });
    freePlayground();
  }
}

/**
 * Grades the playground's run: plays it to its end (so the learner sees what broke), grades that
 * scenario with the checker on a fresh headless run, and selects the broken rule's order.
 */
export async function checkDesignRun(): Promise<void> {
  const d = designById(useDesign.getState().designId);
  if (!d || useDesign.getState().checking) return;
  useDesign.setState({ checking: true, verdict: null });
  await runPlaygroundToEnd();
  const verdict = gradeDesignRun(d, playground.getScenario());
  useDesign.setState((s) => ({ checking: false, verdict, explained: s.explained || verdict.kind === 'broken' }));
  if (verdict.kind !== 'broken') return;
  const a = matchingAnomaly(playground.getReport()?.anomalyList ?? [], verdict.violation);
  const order = a?.orderIds.find((o) => verdict.violation.orderIds.includes(o)) ?? verdict.violation.orderIds[0];
  if (order) selectOrder(order, a?.messageIds[0] ?? null);
}

/** Gives up: loads a run known to break the design and shows why it breaks. */
export function showDesignSolution(): void {
  const d = designById(useDesign.getState().designId);
  if (!d) return;
  useDesign.setState({ explained: true, solutionShown: true, verdict: null });
  loadIntoPlayground(solutionScenario(d), REMEDY_PATHS);
  useLessons.setState({ playgroundHolds: `design:${d.id}` });
}
