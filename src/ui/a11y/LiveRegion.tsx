/**
 * The polite live region screen readers hear: steps, crashes, alerts and order outcomes, worded
 * by the narration function and paced by `LiveNarrator`. Invisible; everything it says is also
 * on screen somewhere.
 */
import { memo, useEffect, useState } from 'react';
import { engine } from '../engineController';
import { useUi } from '../store';
import { LiveNarrator } from './liveNarration';

function input(wallMs: number) {
  return {
    trace: engine.trace,
    messages: engine.index.messages,
    alerts: engine.recorder?.alerts ?? [],
    playing: useUi.getState().playing,
    done: engine.done,
    report: () => engine.report(),
    wallMs,
  };
}

/** See the module comment. */
export const LiveRegion = memo(function LiveRegion() {
  const [text, setText] = useState('');
  useEffect(() => {
    const narrator = new LiveNarrator();
    // What is on screen when the page opens is not news: start listening from here.
    narrator.tick(input(performance.now()));
    return engine.subscribeTick(() => {
      const said = narrator.tick(input(performance.now()));
      if (said) setText(said);
    });
  }, []);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-narration">
      {text}
    </div>
  );
});
