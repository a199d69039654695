/**
 * Challenge mode (interview prep): a system with hidden faults. The learner runs it, names
 * the faults and picks remedies; the diagnosis is graded against the system's real faults and
 * the remedies by running the system headless with them.
 */
import { ANOMALIES, FAULTS, ORDERING_LABELS, REMEDIES } from '../../sim/catalog';
import type { Ordering, Remedies } from '../../sim/types';
import { DIAGNOSABLE_FAULTS } from '../../lessons/challengeGrade';
import { CHALLENGES } from '../../lessons/catalog';
import {
  challengeFor,
  leaveChallenge,
  nextSeed,
  reloadChallenge,
  setRemedy,
  showAnswer,
  startChallenge,
  submitAnswer,
  toggleFault,
  tryRemediesInPlayground,
  useChallenge,
} from './challengeStore';
import { useLessons } from './lessonStore';
import { Markdown } from './Markdown';
import { focusSignals, playground, runFinished, runPlaygroundToEnd } from './playgroundAdapter';

const BOOLEAN_REMEDIES = (Object.keys(REMEDIES) as (keyof Remedies)[]).filter((k) => k !== 'ordering') as Exclude<keyof Remedies, 'ordering'>[];

const VERDICT_TEXT = {
  right: 'Right: this fault is there.',
  wrong: 'Not this one: the system does not have this fault.',
  missed: 'Missed: this fault is there too.',
  skipped: '',
} as const;

function Result() {
  const grade = useChallenge((s) => s.grade);
  const seed = useChallenge((s) => s.seed);
  const answerShown = useChallenge((s) => s.answerShown);
  if (!grade || seed === null) return null;
  const c = challengeFor(seed);
  // Until the answer is shown, only the faults the learner named are judged; missed ones are counted, not named.
  const shown = grade.faults.filter((f) => f.verdict === 'right' || f.verdict === 'wrong' || (answerShown && f.verdict === 'missed'));
  const missed = grade.faults.filter((f) => f.verdict === 'missed').length;
  const solved = grade.faultsCorrect && grade.remediesWork;
  return (
    <section className={`challenge-result ${solved ? 'tone-met' : 'tone-missed'}`} aria-label="Your result" data-testid="challenge-result">
      <h4>{solved ? 'Solved: right diagnosis, working remedies.' : 'Not quite yet.'}</h4>
      <h5>Diagnosis</h5>
      <ul className="verdict-list">
        {shown.map((f) => (
          <li key={f.fault} className={`verdict ${f.verdict}`} data-verdict={f.verdict}>
            <span className="goal-mark" aria-hidden="true">
              {f.verdict === 'right' ? '✓' : '✗'}
            </span>
            <span>
              <strong>{FAULTS[f.fault].label}</strong> {VERDICT_TEXT[f.verdict]}
            </span>
          </li>
        ))}
        {shown.length === 0 && <li>You did not name any fault.</li>}
        {!answerShown && missed > 0 && (
          <li className="verdict missed" data-verdict="missed-count">
            <span className="goal-mark" aria-hidden="true">
              ✗
            </span>
            <span>
              {missed === 1 ? 'One more fault is' : `${missed} more faults are`} at work that you have not named.
            </span>
          </li>
        )}
      </ul>
      <h5>Remedies</h5>
      {grade.remediesWork ? (
        <p className="verdict right" data-testid="remedy-verdict">
          ✓ We ran the system again with your remedies: no anomalies at all.
        </p>
      ) : (
        <div className="verdict missed" data-testid="remedy-verdict">
          <p>✗ We ran the system again with your remedies, and anomalies remain:</p>
          <ul>
            {grade.remaining.map((a) => (
              <li key={a.kind}>
                {ANOMALIES[a.kind].title}: {a.count}
              </li>
            ))}
          </ul>
          <button type="button" className="lesson-btn" onClick={tryRemediesInPlayground}>
            Load my remedies into the playground
          </button>
        </div>
      )}
      {answerShown ? (
        <>
          <h5>What was going on</h5>
          <Markdown html={c.explanation} />
        </>
      ) : (
        <div className="lesson-actions">
          <p className="lesson-muted">Change your answer and check again, or:</p>
          <button type="button" className="lesson-btn subtle" onClick={showAnswer} data-testid="challenge-show-answer">
            Show the answer
          </button>
        </div>
      )}
    </section>
  );
}

/** The challenge half of the lesson panel. */
export function ChallengeMode() {
  const seed = useChallenge((s) => s.seed);
  const named = useChallenge((s) => s.named);
  const remedies = useChallenge((s) => s.remedies);
  const grading = useChallenge((s) => s.grading);
  const holdsChallenge = useLessons((s) => s.playgroundHolds?.startsWith('challenge:') ?? false);
  const submitted = useChallenge((s) => s.submitted);

  if (seed === null) {
    return (
      <div className="challenge-intro">
        <p>
          Practise the part of an interview where someone describes a broken system and asks what is wrong. You get a system with
          hidden faults. Run it, read the anomalies and metrics, name the faults, and choose remedies. Your remedies are checked by
          actually running the system with them.
        </p>
        <p className="lesson-muted">{CHALLENGES.length} challenge systems are available.</p>
        <button type="button" className="lesson-btn primary" onClick={() => startChallenge(nextSeed(null))} data-testid="challenge-start">
          Start a challenge
        </button>
      </div>
    );
  }

  const c = challengeFor(seed);
  const runSystem = () => {
    // A finished run would make the button do nothing visible: start the system afresh instead.
    if (!holdsChallenge || runFinished(playground.getReport())) reloadChallenge();
    void runPlaygroundToEnd();
  };
  return (
    <article className="challenge" data-challenge={c.id}>
      <header className="lesson-header">
        <h3>{c.title}</h3>
        <p className="lesson-muted">
          Challenge #{seed}. The fault sliders are hidden and locked until you check your answer: the diagnosis has to come from what
          you observe.
        </p>
      </header>
      <Markdown html={c.story} />
      {c.signalsOnly && (
        <div className={`lesson-signals-note ${submitted ? 'revealed' : ''}`} data-testid="challenge-signals-note">
          <p>
            {submitted ? (
              <>
                <strong>Ground truth showing.</strong> Compare it with what the signals told you.
              </>
            ) : (
              <>
                <strong>Signals only.</strong> The outcome counts, anomalies, verdicts, traces, money and stock stay hidden until you check your
                answer.
              </>
            )}
          </p>
          <div className="lesson-actions">
            <button type="button" className="lesson-btn" onClick={() => focusSignals()} data-testid="challenge-open-signals">
              Open the Signals tab
            </button>
          </div>
        </div>
      )}
      {!holdsChallenge && (
        <p className="lesson-notice-inline">
          The playground is showing a lesson right now.{' '}
          <button type="button" className="lesson-btn" onClick={reloadChallenge} data-testid="challenge-reload">
            Load the challenge system
          </button>
        </p>
      )}
      <div className="lesson-actions">
        <button type="button" className="lesson-btn" onClick={runSystem} data-testid="challenge-run">
          Run the system
        </button>
        <button type="button" className="lesson-btn subtle" onClick={() => startChallenge(nextSeed(seed))} data-testid="challenge-new">
          New challenge
        </button>
        <button type="button" className="lesson-btn subtle" onClick={leaveChallenge} data-testid="challenge-leave">
          Leave challenge
        </button>
      </div>
      <fieldset className="challenge-fieldset">
        <legend>1. Which faults is this system suffering from?</legend>
        {DIAGNOSABLE_FAULTS.map((f) => (
          <label key={f} className="challenge-check" title={FAULTS[f].help}>
            <input type="checkbox" checked={named.includes(f)} onChange={() => toggleFault(f)} data-fault={f} />
            <span>{FAULTS[f].label}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="challenge-fieldset">
        <legend>2. Which remedies would you switch on?</legend>
        {BOOLEAN_REMEDIES.map((r) => (
          <label key={r} className="challenge-check" title={REMEDIES[r].help}>
            <input type="checkbox" checked={remedies[r]} onChange={(e) => setRemedy(r, e.target.checked)} data-remedy={r} />
            <span>{REMEDIES[r].label}</span>
          </label>
        ))}
        <label className="challenge-select" title={REMEDIES.ordering.help}>
          <span>{REMEDIES.ordering.label}</span>
          <select value={remedies.ordering} onChange={(e) => setRemedy('ordering', e.target.value as Ordering)} data-remedy="ordering">
            {(Object.keys(ORDERING_LABELS) as Ordering[]).map((o) => (
              <option key={o} value={o}>
                {ORDERING_LABELS[o]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <button type="button" className="lesson-btn primary" onClick={submitAnswer} disabled={grading} data-testid="challenge-submit">
        {grading ? 'Checking your remedies…' : 'Check my answer'}
      </button>
      <Result />
    </article>
  );
}
