/** Transport buttons: back a step, play/pause, a step forward, run to the end, and the speed. */
import { useSelector } from '@xstate/react';
import { memo } from 'react';
import { engine } from '../engineController';
import { SPEEDS, useUi, VIRTUAL_MS_PER_SECOND } from '../store';
import { JobProgress } from './JobProgress';

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

const PLAY = 'M7 4.5v15l13-7.5z';
const PAUSE = 'M6 4h4v16H6zM14 4h4v16h-4z';
const STEP = 'M5 5v14l9-7zM16 5h3v14h-3z';
const BACK = 'M19 5v14l-9-7zM5 5h3v14H5z';
const END = 'M3 5v14l8-7zM11 5v14l8-7zM19 5h2v14h-2z';
const START = 'M21 5v14l-8-7zM13 5v14l-8-7zM3 5h2v14H3z';

/** See the module comment. */
export const TimeControls = memo(function TimeControls() {
  // Straight from the playback machine: playing, or a seek started while playing that will play on.
  const playing = useSelector(engine.player.actor, (s) => s.matches({ transport: 'playing' }) || (s.context.job !== null && s.context.resume));
  const speed = useUi((u) => u.speed);
  return (
    <div className="transport" role="toolbar" aria-label="Time controls">
      <button type="button" className="icon-btn" aria-label="Back to start (Home)" title="Back to start (Home)" onClick={() => void engine.seek(0)}>
        <Icon d={START} />
      </button>
      <button type="button" className="icon-btn" aria-label="Step back (←)" title="Step back (←)" onClick={() => void engine.stepBack()}>
        <Icon d={BACK} />
      </button>
      <button
        type="button"
        className="icon-btn primary"
        aria-label={playing ? 'Pause (Space)' : 'Play (Space)'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        data-testid="play"
        data-playing={playing || undefined}
        onClick={() => engine.togglePlay()}
      >
        <Icon d={playing ? PAUSE : PLAY} />
      </button>
      <button type="button" className="icon-btn" aria-label="Step to next event (→)" title="Step to next event (→)" data-testid="step" onClick={() => engine.stepForward()}>
        <Icon d={STEP} />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Run to end (Shift+→)"
        title="Run to end (Shift+→)"
        data-testid="run-to-end"
        onClick={() => {
          useUi.setState({ playing: false });
          void engine.runToEnd();
        }}
      >
        <Icon d={END} />
      </button>
      <label className="speed" title={`1× shows ${VIRTUAL_MS_PER_SECOND} ms of system time per second. Keys: [ and ]`}>
        <span className="visually-hidden">Speed</span>
        <select value={speed} data-testid="speed" aria-label="Speed" onChange={(e) => useUi.setState({ speed: Number(e.currentTarget.value) })}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <JobProgress />
    </div>
  );
});
