/**
 * One lesson in the side panel: its steps, the live goal, hints, the reference solution
 * and, after the last step, the interview card. Completion is recorded when a finished
 * run meets the goal.
 */
import { useEffect, useMemo, useState } from 'react';
import { FACT_LABELS, isSignalFact, showValue } from '../../lessons/facts';
import { sameSetup } from '../../lessons/applySettings';
import { evaluateGoal, type GoalResult, goalFacts } from '../../lessons/goal';
import { controlPaths } from '../../sim/scenario';
import type { RenderedLesson } from '../../lessons/types';
import { GoalChecklist } from './GoalChecklist';
import { HintList } from './HintList';
import { InterviewCard } from './InterviewCard';
import { answerOf, completeLesson, goToStep, nextLessonId, openLesson, resetLesson, showSolution, useLessons } from './lessonStore';
import { Markdown } from './Markdown';
import { focusSignals, liveSignals, runFinished, runPlaygroundToEnd } from './playgroundAdapter';
import { QuestionBox, SignalsOnlyNote } from './QuestionBox';
import { useLiveReport } from './useLiveReport';

/** True if a goal reads the run's metrics or alerts. */
function readsSignals(lesson: RenderedLesson): boolean {
  return goalFacts(lesson.goal.check).some((f) => f.startsWith('metrics.max.') || f.startsWith('metrics.end.') || f.startsWith('alerts.'));
}

/** Every condition row of a result, flattened. */
function rowsOf(r: GoalResult): GoalResult[] {
  return r.children ? r.children.flatMap(rowsOf) : [r];
}

const maskTruth = (fact: string) => !isSignalFact(fact);

function GoalBox({ lesson }: { lesson: RenderedLesson }) {
  const report = useLiveReport();
  const signals = useMemo(() => readsSignals(lesson), [lesson]);
  const answerCorrect = useLessons((s) => answerOf(s, lesson.id).verdict?.correct === true);
  const hideTruth = useLessons((s) => lesson.signalsOnly && !s.truthShown[lesson.id]);
  // The report is a new object whenever the playhead or the trace moves, so the signals are read at the same moment.
  const result = useMemo(
    () => (report ? evaluateGoal(lesson.goal, report, { signals: signals ? liveSignals() : null, answerCorrect }) : null),
    [report, lesson, signals, answerCorrect],
  );
  const finished = runFinished(report);
  const started = (report?.endTimeMs ?? 0) > 0;
  const completed = useLessons((s) => s.progress.completed.includes(lesson.id));
  const justCompleted = useLessons((s) => s.justCompleted === lesson.id);
  const holdsLesson = useLessons((s) => s.playgroundHolds === `lesson:${lesson.id}`);
  // The reference solution shows the way; it does not earn the lesson.
  const solutionShown = useLessons((s) => s.solutionShown);
  const setupKept = !report || sameSetup(report.scenario, lesson.scenario);
  const [running, setRunning] = useState(false);

  // Record completion once per load when a finished run of this lesson's system meets the goal by the learner's own hand.
  useEffect(() => {
    if (holdsLesson && setupKept && finished && result?.ok && !justCompleted && !solutionShown) completeLesson(lesson.id);
  }, [holdsLesson, setupKept, finished, result?.ok, justCompleted, solutionShown, lesson.id]);

  if (!holdsLesson) {
    return (
      <section className="lesson-goal tone-idle" aria-label="Goal">
        <h4>Goal</h4>
        <p className="lesson-goal-text">{lesson.goal.text}</p>
        <p className="lesson-muted">The playground is showing a different system right now.</p>
        <button type="button" className="lesson-btn primary" onClick={resetLesson} data-testid="lesson-load">
          Load this lesson's scenario
        </button>
      </section>
    );
  }

  let status: string;
  let tone: 'idle' | 'pending' | 'met' | 'missed';
  if (!setupKept) {
    status = "The seed, workload or stock differs from the lesson's, so the goal does not count. Reset the lesson to get its setup back.";
    tone = 'idle';
  } else if (!started) {
    status = 'Run the scenario to check the goal.';
    tone = 'idle';
  } else if (!finished) {
    status = result?.ok ? 'On track so far. Let the run finish.' : 'Running. The ticks below update as the run goes.';
    tone = 'pending';
  } else if (result?.ok && solutionShown) {
    status = 'The reference solution meets the goal. To complete the lesson, reset it and get there yourself.';
    tone = 'met';
  } else if (result?.ok) {
    status = 'Goal met. Lesson complete!';
    tone = 'met';
  } else if (hideTruth && result && rowsOf(result).every((r) => r.ok || maskTruth(r.fact ?? ''))) {
    // Every signal looks fine, yet the hidden ground truth disagrees: say so, without saying what.
    status = 'Your signals look clean, but the ground truth says something is still wrong that no signal shows. Think about what your remedy does not cover.';
    tone = 'missed';
  } else {
    status = 'The run finished without meeting the goal. Change something and run again.';
    tone = 'missed';
  }

  const run = () => {
    setRunning(true);
    void runPlaygroundToEnd().finally(() => setRunning(false));
  };

  return (
    <section className={`lesson-goal tone-${tone}`} aria-label="Goal">
      <div className="lesson-goal-head">
        <h4>Goal</h4>
        {completed && <span className="lesson-badge">Completed</span>}
      </div>
      <p className="lesson-goal-text">{lesson.goal.text}</p>
      {/* Before anything ran, "0 double charges" is true of nothing having happened: no ticks yet. */}
      {result && <GoalChecklist result={result} masked={hideTruth ? maskTruth : undefined} pending={!started} />}
      <p className="lesson-goal-status" role="status" data-testid="goal-status" data-tone={tone}>
        {status}
      </p>
      <div className="lesson-actions">
        <button type="button" className="lesson-btn primary" onClick={run} disabled={running || finished} data-testid="lesson-run">
          {running ? 'Running…' : finished ? 'Run finished' : 'Run to end'}
        </button>
        <button type="button" className="lesson-btn" onClick={resetLesson} data-testid="lesson-reset">
          Reset lesson
        </button>
        {signals && !lesson.signalsOnly && (
          <button type="button" className="lesson-btn subtle" onClick={() => focusSignals()} data-testid="lesson-signals">
            Open Signals
          </button>
        )}
      </div>
      {tone === 'met' && !solutionShown && <NextLesson id={lesson.id} />}
    </section>
  );
}

function NextLesson({ id }: { id: string }) {
  const next = nextLessonId(id);
  if (!next) return <p className="lesson-next">That was the last lesson. Try challenge mode next.</p>;
  return (
    <button type="button" className="lesson-btn primary lesson-next" onClick={() => openLesson(next)} data-testid="lesson-next-lesson">
      Next lesson →
    </button>
  );
}

function Solution({ lesson }: { lesson: RenderedLesson }) {
  const shown = useLessons((s) => s.solutionShown);
  if (!shown) {
    return (
      <button type="button" className="lesson-btn subtle" onClick={showSolution} data-testid="lesson-show-solution">
        Show solution
      </button>
    );
  }
  return (
    <section className="lesson-solution" aria-label="Solution">
      <h4>Solution applied</h4>
      <ul>
        {lesson.solution.map((c) => (
          <li key={c.path}>
            {FACT_LABELS[c.path] ?? c.path}: <strong>{showValue(c.path, c.value)}</strong>
          </li>
        ))}
        {lesson.question && (
          <li>
            Answer to the question:{' '}
            <strong>{lesson.question.kind === 'order' ? lesson.question.answer : `wait ${lesson.question.answer} ms`}</strong>
          </li>
        )}
      </ul>
      <p>The scenario was reloaded with these settings. Run it to see the goal met.</p>
    </section>
  );
}

const FAULT_PATHS = controlPaths().filter((p) => p.startsWith('faults.'));

function Locked({ lesson }: { lesson: RenderedLesson }) {
  if (lesson.locked.length === 0) return null;
  // A long list of every fault reads worse than saying so.
  const allFaults = FAULT_PATHS.every((p) => lesson.locked.includes(p));
  const rest = allFaults ? lesson.locked.filter((p) => !FAULT_PATHS.includes(p)) : lesson.locked;
  const names = [...(allFaults ? ['every fault'] : []), ...rest.map((p) => FACT_LABELS[p] ?? p)];
  return <p className="lesson-locked">Locked for this lesson: {names.join(', ')}.</p>;
}

/** The open lesson. */
export function LessonPlayer({ lesson }: { lesson: RenderedLesson }) {
  const step = useLessons((s) => s.step);
  const hintsShown = useLessons((s) => s.hintsShown);
  const total = lesson.steps.length + 1;
  const onCard = step >= lesson.steps.length;
  const current = lesson.steps[Math.min(step, lesson.steps.length - 1)];

  return (
    <article className="lesson-player" data-lesson={lesson.id}>
      <header className="lesson-header">
        <h3>{lesson.title}</h3>
        <p className="lesson-summary">{lesson.summary}</p>
      </header>
      <SignalsOnlyNote lesson={lesson} />
      <nav className="lesson-steps-nav" aria-label="Lesson steps">
        <ol className="lesson-dots">
          {Array.from({ length: total }, (_, i) => (
            // Steps are positions in the lesson; their index is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: positional step markers.
            <li key={i}>
              <button
                type="button"
                className={`lesson-dot ${i === step ? 'current' : ''} ${i === total - 1 ? 'card' : ''}`}
                aria-label={i === total - 1 ? 'Interview card' : `Step ${i + 1}: ${lesson.steps[i].title}`}
                aria-current={i === step ? 'step' : undefined}
                onClick={() => goToStep(i)}
              />
            </li>
          ))}
        </ol>
        <span className="lesson-step-count">
          {onCard ? 'Interview card' : `Step ${step + 1} of ${lesson.steps.length}`}
        </span>
      </nav>
      <section className="lesson-step" aria-live="polite">
        {onCard ? (
          <InterviewCard card={lesson.interview} />
        ) : (
          <>
            <h4 className="lesson-step-title">{current.title}</h4>
            <Markdown html={current.markdown} />
          </>
        )}
      </section>
      <div className="lesson-pager">
        <button type="button" className="lesson-btn" onClick={() => goToStep(step - 1)} disabled={step === 0} data-testid="lesson-prev-step">
          ← Previous
        </button>
        <button type="button" className="lesson-btn" onClick={() => goToStep(step + 1)} disabled={onCard} data-testid="lesson-next-step">
          {step === lesson.steps.length - 1 ? 'Interview card →' : 'Next →'}
        </button>
      </div>
      <Locked lesson={lesson} />
      <GoalBox lesson={lesson} />
      <QuestionBox lesson={lesson} />
      <HintList lesson={lesson} shown={hintsShown} />
      <Solution lesson={lesson} />
    </article>
  );
}
