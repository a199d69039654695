/**
 * The what-if buttons of the message inspector: while paused, each place the selected message is
 * (on its way to the broker, or stored for one consumer) offers the actions the engine allows
 * there, each with a one-line explanation. A what-if is recorded in the scenario's changes at this
 * exact point of the run; the list below the buttons shows those made to this message and takes
 * one back by rewinding to where it was made.
 */
import { memo, useId, useState } from 'react';
import type { WhatIfAction } from '../../sim/types';
import type { WhatIfOption } from '../../sim/whatIf';
import { engine } from '../engineController';
import { fmtMs, serviceName } from '../format';
import { useUi } from '../store';
import { useEngineVersion } from '../useEngine';
import { doneSentence, explain, groupTitle, readDelay, WHAT_IF_LABELS } from './whatIfWords';
import './whatIf.css';

function targetKey(o: WhatIfOption): string {
  return `${o.target.msg}>${o.target.to ?? 'broker'}`;
}

function ActionGroup({ option, onDone }: { option: WhatIfOption; onDone: (text: string, ok: boolean) => void }) {
  const id = useId();
  const [delay, setDelay] = useState('500');
  const [delayProblem, setDelayProblem] = useState<string | null>(null);
  const make = (action: WhatIfAction) => {
    let ms: number | null = null;
    if (action === 'delay') {
      const d = readDelay(delay);
      if (!d.ok) {
        setDelayProblem(d.problem);
        return;
      }
      ms = d.ms;
    }
    setDelayProblem(null);
    const at = engine.now;
    const w = action === 'delay' ? { ...option.target, action, ms: ms as number } : { ...option.target, action };
    engine.whatIf(w).then(
      () => onDone(doneSentence(action, option, ms, at), true),
      (e: unknown) => onDone(`Not possible: ${e instanceof Error ? e.message : String(e)}.`, false),
    );
  };
  const title = groupTitle(option);
  return (
    <fieldset className="whatif-group" data-testid={`whatif-group-${option.where}-${option.target.to ?? 'broker'}`}>
      <legend>{title}</legend>
      <ul className="whatif-actions">
        {option.actions.map((a) => (
          <li key={a}>
            <div className="whatif-row">
              <button
                type="button"
                className="btn btn-small"
                aria-describedby={`${id}-${a}`}
                data-testid={`whatif-${a}`}
                onClick={() => make(a)}
              >
                {WHAT_IF_LABELS[a]}
              </button>
              {a === 'delay' && (
                <label className="whatif-delay">
                  by{' '}
                  <input
                    type="text"
                    inputMode="decimal"
                    className="whatif-ms mono"
                    value={delay}
                    aria-invalid={delayProblem !== null || undefined}
                    aria-describedby={delayProblem ? `${id}-delay-problem` : undefined}
                    data-testid="whatif-delay-ms"
                    onChange={(e) => setDelay(e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') make('delay');
                    }}
                  />{' '}
                  ms
                </label>
              )}
            </div>
            <p id={`${id}-${a}`} className="whatif-explain muted small">
              {explain(a, option)}
            </p>
            {a === 'delay' && delayProblem && (
              <p id={`${id}-delay-problem`} className="whatif-problem small" role="alert" data-testid="whatif-delay-problem">
                {delayProblem}
              </p>
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** What-ifs already made to this message, each with a way back. */
function MadeToThisMessage({ id }: { id: string }) {
  const changes = engine.scenario.changes;
  const made = changes.map((c, i) => ({ c, i })).filter(({ c }) => c.whatIf?.msg === id);
  if (made.length === 0) return null;
  return (
    <>
      <h5 className="whatif-made-title">Made to this message</h5>
      <ul className="plain-list whatif-made" data-testid="whatif-made">
        {made.map(({ c, i }) => {
          const w = c.whatIf!;
          const what = w.action === 'delay' ? `Delay by ${w.ms} ms` : WHAT_IF_LABELS[w.action];
          return (
            <li key={i} data-testid="whatif-made-item">
              <span>
                {what}
                {w.to ? ` (${serviceName(w.to)}'s copy)` : ''} <span className="muted mono">at {fmtMs(c.atMs)}</span>
              </span>{' '}
              <button
                type="button"
                className="link-btn"
                data-testid="whatif-take-back"
                aria-label={`Take back “${what}” and every change after it, rewinding to ${fmtMs(c.atMs)}`}
                onClick={() => void engine.takeBackChange(i)}
              >
                Take back
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** See the module comment. */
export const WhatIfActions = memo(function WhatIfActions({ id }: { id: string }) {
  useEngineVersion();
  const playing = useUi((u) => u.playing);
  const busy = useUi((u) => u.busy);
  const [said, setSaid] = useState<{ text: string; ok: boolean } | null>(null);
  const options = playing || busy ? [] : engine.whatIfTargets().filter((o) => o.target.msg === id);
  return (
    <section className="whatif" aria-labelledby="whatif-title" data-testid="whatif">
      <h4 id="whatif-title" className="inspect-sub">
        What if…
      </h4>
      {playing || busy ? (
        <p className="empty">Pause to change what happens to this message.</p>
      ) : options.length === 0 ? (
        <p className="empty" data-testid="whatif-none">
          {engine.done ? 'The run is over: nothing can be changed now.' : 'Nothing can be done to it now: it is neither on its way to the broker nor waiting in a partition.'}
        </p>
      ) : (
        options.map((o) => <ActionGroup key={targetKey(o)} option={o} onDone={(text, ok) => setSaid({ text, ok })} />)
      )}
      <p className={`small ${said?.ok === false ? 'whatif-problem' : 'muted'}`} role="status" aria-live="polite" data-testid="whatif-said">
        {said?.text ?? ''}
      </p>
      <MadeToThisMessage id={id} />
    </section>
  );
});
