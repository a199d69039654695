/** Choosing a lesson: a compact picker above an open lesson, and the full course list. */
import { LESSONS } from '../../lessons/catalog';
import { openLesson, useLessons } from './lessonStore';

/** A select box with every lesson, ticked when completed. */
export function LessonPicker({ currentId }: { currentId: string }) {
  const completed = useLessons((s) => s.progress.completed);
  return (
    <label className="lesson-picker">
      <span className="visually-hidden">Lesson</span>
      <select value={currentId} onChange={(e) => openLesson(e.target.value)} aria-label="Choose a lesson">
        {LESSONS.map((l, i) => (
          <option key={l.id} value={l.id}>
            {completed.includes(l.id) ? '✓ ' : ''}
            {i + 1}. {l.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The course overview shown before a lesson is opened. */
export function LessonList() {
  const completed = useLessons((s) => s.progress.completed);
  return (
    <ol className="lesson-list" aria-label="Lessons">
      {LESSONS.map((l, i) => {
        const done = completed.includes(l.id);
        return (
          <li key={l.id} className={done ? 'done' : ''}>
            <button type="button" className="lesson-list-item" onClick={() => openLesson(l.id)} data-lesson-id={l.id}>
              <span className="lesson-list-num" aria-hidden="true">
                {done ? '✓' : i + 1}
              </span>
              <span className="lesson-list-text">
                <span className="lesson-list-title">
                  {l.title}
                  {done && <span className="visually-hidden"> (completed)</span>}
                </span>
                <span className="lesson-list-summary">{l.summary}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** "3 of 14 completed", with a bar. */
export function ProgressSummary() {
  const completed = useLessons((s) => s.progress.completed);
  const done = LESSONS.filter((l) => completed.includes(l.id)).length;
  return (
    <div className="lesson-progress" data-testid="lesson-progress">
      <span>
        {done} of {LESSONS.length} lessons completed
      </span>
      <progress max={LESSONS.length} value={done} aria-label="Lessons completed" />
    </div>
  );
}
