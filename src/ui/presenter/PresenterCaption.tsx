/**
 * The presenter's caption: one plain sentence about what the last step did, large enough to
 * read from the back of a room. Stepping narrates every step; while playing, only steps with
 * something worth saying replace the sentence, so it does not flicker.
 */
import { memo, useEffect, useState } from 'react';
import { outcomeSentence } from '../a11y/liveNarration';
import { engine } from '../engineController';
import { fmtMs } from '../format';
import { useUi } from '../store';
import { StepNarrator } from './stepCaption';

/** While playing, only events at least this newsworthy (see narration.ts) reach the caption. */
const PLAYING_MIN_WEIGHT = 5;

/** See the module comment. */
export const PresenterCaption = memo(function PresenterCaption() {
  const [caption, setCaption] = useState<{ text: string; t: number } | null>(null);
  // Before the first step worth telling, the hint must not ask a room that is watching it play to press Space to play.
  const playing = useUi((u) => u.playing);
  useEffect(() => {
    const narrator = new StepNarrator();
    let wasDone = engine.done;
    const update = () => {
      const playing = useUi.getState().playing;
      const text = narrator.next(engine.trace, engine.index.messages, playing ? PLAYING_MIN_WEIGHT : 0);
      // Reaching the end, the outcome is the sentence the room needs.
      const ended = engine.done && !wasDone && engine.now > 0;
      wasDone = engine.done;
      if (ended) setCaption({ text: outcomeSentence(engine.report()), t: engine.now });
      else if (text) setCaption({ text, t: engine.now });
      else if (engine.trace.length === 0) setCaption(null);
    };
    update();
    return engine.subscribeTick(update);
  }, []);
  return (
    <div className="presenter-caption" data-testid="presenter-caption">
      {caption ? (
        <>
          <span className="presenter-caption-time">{fmtMs(caption.t)}</span>
          <span className="presenter-caption-text" data-testid="presenter-caption-text">
            {caption.text}
          </span>
        </>
      ) : (
        <span className="presenter-caption-text presenter-caption-hint" data-testid="presenter-caption-text">
          {playing ? 'Playing: the caption will name each step worth telling. Space pauses.' : 'Press Page Down (or →) to step through the run, Space to play.'}
        </span>
      )}
    </div>
  );
});
