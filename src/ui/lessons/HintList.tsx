/** Hints, revealed one at a time so the learner can stop at the first one that helps. */
import type { RenderedLesson } from '../../lessons/types';
import { revealHint } from './lessonStore';
import { Markdown } from './Markdown';

/** The revealed hints plus a button for the next one. */
export function HintList({ lesson, shown }: { lesson: RenderedLesson; shown: number }) {
  const left = lesson.hints.length - shown;
  return (
    <section className="lesson-hints" aria-label="Hints">
      {shown > 0 && (
        <ol className="hint-list">
          {lesson.hints.slice(0, shown).map((h) => (
            <li key={h}>
              <Markdown html={h} inline />
            </li>
          ))}
        </ol>
      )}
      {left > 0 && (
        <button type="button" className="lesson-btn" onClick={revealHint} data-testid="lesson-hint">
          {shown === 0 ? 'Show a hint' : 'Show another hint'} ({shown + 1} of {lesson.hints.length})
        </button>
      )}
    </section>
  );
}
