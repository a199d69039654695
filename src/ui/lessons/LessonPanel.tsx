/** The side panel tab: lessons and challenge mode, with the progress notice on top. */
import { lessonById } from '../../lessons/catalog';
import { BreakDesign } from './BreakDesign';
import { ChallengeMode } from './ChallengeMode';
import { LessonList, LessonPicker, ProgressSummary } from './LessonPicker';
import { LessonPlayer } from './LessonPlayer';
import { dismissNotice, type LessonMode, leaveLesson, setMode, useLessons } from './lessonStore';
import './lessons.css';

const MODES: { id: LessonMode; label: string }[] = [
  { id: 'lessons', label: 'Lessons' },
  { id: 'challenge', label: 'Challenge' },
  { id: 'design', label: 'Break it' },
];

function Notice() {
  const notice = useLessons((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="lesson-notice" role="alert">
      <span>{notice}</span>
      <button type="button" className="lesson-btn subtle" onClick={dismissNotice} aria-label="Dismiss notice">
        ✕
      </button>
    </div>
  );
}

function Lessons() {
  const lessonId = useLessons((s) => s.lessonId);
  const lesson = lessonById(lessonId);
  if (!lesson) {
    return (
      <>
        <p className="lesson-intro">
          Short, hands-on lessons about what happens to orders when messages are lost, repeated, reordered or delayed. Each one loads
          a scenario into the playground and gives you a goal to reach.
        </p>
        <ProgressSummary />
        <LessonList />
      </>
    );
  }
  return (
    <>
      <div className="lesson-toolbar">
        <button type="button" className="lesson-btn subtle" onClick={leaveLesson} data-testid="lesson-all">
          ← All lessons
        </button>
        <ProgressSummary />
      </div>
      <LessonPicker currentId={lesson.id} />
      <LessonPlayer key={lesson.id} lesson={lesson} />
    </>
  );
}

/** The whole lesson tab. */
export function LessonPanel() {
  const mode = useLessons((s) => s.mode);
  return (
    <div className="lesson-panel">
      <div className="lesson-modes" role="tablist" aria-label="Lesson mode">
        {MODES.map((m) => (
          <button
            key={m.id}
            type="button"
            role="tab"
            aria-selected={mode === m.id}
            className={`lesson-mode ${mode === m.id ? 'current' : ''}`}
            onClick={() => setMode(m.id)}
            data-testid={`lesson-mode-${m.id}`}
          >
            {m.label}
          </button>
        ))}
      </div>
      <Notice />
      {mode === 'lessons' ? <Lessons /> : mode === 'challenge' ? <ChallengeMode /> : <BreakDesign />}
    </div>
  );
}
