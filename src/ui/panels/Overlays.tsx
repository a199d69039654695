/** The two overlays: keyboard help, and "About this run" (seed, trace hash, scenario). */
import { memo, useEffect, useRef, useState } from 'react';
import { engine } from '../engineController';
import { fmtMs } from '../format';
import { SHORTCUTS } from '../shortcuts';
import { useUi, VIRTUAL_MS_PER_SECOND } from '../store';
import { useEngine } from '../useEngine';

/** Keyboard help, as a modal dialog. */
export const HelpOverlay = memo(function HelpOverlay() {
  const open = useUi((u) => u.helpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="help-title" onClose={() => useUi.setState({ helpOpen: false })} data-testid="help-overlay">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Every control is reachable with Tab. At 1× the system runs {VIRTUAL_MS_PER_SECOND} ms of its time per second, so a 20 ms hop takes
        0.4 s to watch.
      </p>
      <form method="dialog">
        <button type="submit" className="btn">
          Close
        </button>
      </form>
    </dialog>
  );
});

/**
 * "About this run": always mounted (hidden when closed) so `data-testid="trace-hash"` can be
 * read by tests and tools at any time.
 */
export const AboutRun = memo(function AboutRun() {
  const open = useUi((u) => u.aboutOpen);
  const playing = useUi((u) => u.playing);
  const info = useEngine((e) => ({
    // Hashing while playing would cost a frame budget slice for nothing nobody sees.
    hash: open || !playing ? e.traceHash() : '…',
    events: e.trace.length,
    now: e.now,
    seed: e.scenario.seed,
    name: e.scenario.name ?? 'Untitled scenario',
    changes: e.scenario.changes.length,
    done: e.done,
  }));
  const [copied, setCopied] = useState(false);
  return (
    <div className="popover about" role="dialog" aria-label="About this run" hidden={!open} data-testid="about-run">
      <h2 className="panel-title">About this run</h2>
      <dl className="kv">
        <dt>Scenario</dt>
        <dd>{info.name}</dd>
        <dt>Seed</dt>
        <dd className="mono">{info.seed}</dd>
        <dt>Trace hash</dt>
        <dd className="mono" data-testid="trace-hash">
          {info.hash}
        </dd>
        <dt>Events</dt>
        <dd>{info.events}</dd>
        <dt>Time</dt>
        <dd>
          {fmtMs(info.now)}
          {info.done ? ' (end)' : ''}
        </dd>
        <dt>Control changes</dt>
        <dd>{info.changes}</dd>
      </dl>
      <p className="muted small">Same scenario and seed, same trace hash: in this browser, in Node, anywhere.</p>
      <div className="popover-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            void navigator.clipboard?.writeText(JSON.stringify(engine.scenario, null, 2)).then(() => setCopied(true));
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? 'Copied' : 'Copy scenario JSON'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => useUi.setState({ aboutOpen: false })}>
          Close
        </button>
      </div>
    </div>
  );
});
