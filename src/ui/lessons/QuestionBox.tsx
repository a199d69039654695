/**
 * A lesson's question and, for signals-only lessons, the note saying what is hidden. Answers are
 * graded by the engine (see src/lessons/question.ts), never against a key in the page.
 */
import type { RenderedLesson } from '../../lessons/types';
import { Markdown } from './Markdown';
import { answerOf, checkAnswer, revealTruth, setAnswerInput, useLessons } from './lessonStore';
import { focusSignals } from './playgroundAdapter';

function waitLabel(ms: number): string {
  if (ms === 0) return 'No wait: page at the first sample above zero';
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The question under the goal, with the engine's verdict. */
export function QuestionBox({ lesson }: { lesson: RenderedLesson }) {
  const a = useLessons((s) => answerOf(s, lesson.id));
  const q = lesson.question;
  if (!q) return null;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    checkAnswer(lesson);
  };
  const disabled = a.checking || a.input.trim() === '';
  return (
    <section className="lesson-question" aria-labelledby={`q-${lesson.id}`} data-testid="lesson-question">
      <h4>Question</h4>
      <p className="lesson-question-prompt" id={`q-${lesson.id}`}>
        {q.prompt}
      </p>
      <form onSubmit={submit} className="lesson-question-form">
        {q.kind === 'order' ? (
          <label className="lesson-question-field">
            <span className="visually-hidden">Order id</span>
            <input
              className="lesson-input"
              value={a.input}
              placeholder="an order id, e.g. o7"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setAnswerInput(lesson.id, e.currentTarget.value)}
              data-testid="question-input"
            />
          </label>
        ) : (
          <fieldset className="lesson-question-options">
            <legend className="visually-hidden">{q.prompt}</legend>
            {q.options.map((ms) => (
              <label key={ms} className="challenge-check">
                <input
                  type="radio"
                  name={`q-${lesson.id}-option`}
                  value={ms}
                  checked={a.input === String(ms)}
                  onChange={() => setAnswerInput(lesson.id, String(ms))}
                  data-testid={`question-option-${ms}`}
                />
                <span>{waitLabel(ms)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" className="lesson-btn primary" disabled={disabled} data-testid="question-check">
          {a.checking ? 'Checking…' : 'Check my answer'}
        </button>
      </form>
      {a.verdict && (
        <div
          className={`lesson-question-verdict ${a.verdict.correct ? 'right' : 'wrong'}`}
          role="status"
          data-testid="question-feedback"
          data-correct={a.verdict.correct}
        >
          <p>
            <span aria-hidden="true">{a.verdict.correct ? '✓ ' : '✗ '}</span>
            {a.verdict.feedback}
          </p>
          {a.verdict.correct && <Markdown html={q.explain} />}
          {a.verdict.outcomes && (
            <>
              <h5>What each waiting time would have done</h5>
              <ul className="lesson-question-outcomes">
                {a.verdict.outcomes.map((o) => (
                  <li key={o.forMs} data-verdict={o.verdict}>
                    {o.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** What a signals-only lesson hides, and the way out. */
export function SignalsOnlyNote({ lesson }: { lesson: RenderedLesson }) {
  const shown = useLessons((s) => s.truthShown[lesson.id] === true);
  const holds = useLessons((s) => s.playgroundHolds === `lesson:${lesson.id}`);
  if (!lesson.signalsOnly) return null;
  return (
    <section className={`lesson-signals-note ${shown ? 'revealed' : ''}`} aria-label="Signals only" data-testid="signals-only-note">
      {shown ? (
        <p>
          <strong>Ground truth showing.</strong> The outcome counts, anomalies, verdicts, traces, money and stock are back, so you can check
          what the signals told you.
        </p>
      ) : (
        <p>
          <strong>Signals only.</strong> Until you finish, the playground hides what a real team would not know: the outcome counts, the
          anomaly list, order verdicts and traces, money and stock, and the fault settings. Work from the alerts, metrics and event log.
        </p>
      )}
      <div className="lesson-actions">
        <button type="button" className="lesson-btn primary" onClick={() => focusSignals()} data-testid="lesson-open-signals">
          Open the Signals tab
        </button>
        {!shown && holds && (
          <button type="button" className="lesson-btn subtle" onClick={() => revealTruth(lesson.id)} data-testid="lesson-reveal-truth">
            Show the ground truth
          </button>
        )}
      </div>
    </section>
  );
}
