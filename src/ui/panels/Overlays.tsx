/** The two overlays: keyboard help, and "About this run" (seed, trace hash, scenario). */
import { memo, useEffect, useRef, useState } from 'react';
import { engine } from '../engineController';
import { fmtMs } from '../format';
import { useSecrets } from '../secrets';
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
      <h2 id="help-title">How to use the playground</h2>
      <ul className="help-steps">
        <li>
          <strong>Play</strong> the run and watch orders flow: each dot is a message, from its sender to the broker and on to every service
          that subscribes.
        </li>
        <li>
          Switch a <strong>fault</strong> on (left) and the headline counts what goes wrong; switch a <strong>remedy</strong> on to heal it.
        </li>
        <li>
          <strong>Click</strong> a service, a dot, an order or an anomaly to inspect it; the timeline replays any moment exactly.
        </li>
      </ul>
      <h3 className="help-sub">Keyboard shortcuts</h3>
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
        Every control is reachable with Tab, and the arrow keys move between tabs. At 1× the system runs {VIRTUAL_MS_PER_SECOND} ms of its time per second, so a 20 ms hop takes
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
  // Closed while playing, nobody can see it (it is hidden): its moving figures wait, so a tick
  // does not re-render it; opening it or pausing brings them to the playhead at once.
  const seen = open || !playing;
  const info = useEngine((e) => ({
    // Hashing while playing would cost a frame budget slice for nothing nobody sees.
    hash: seen ? e.traceHash() : '…',
    events: seen ? e.trace.length : -1,
    now: seen ? e.now : -1,
    seed: e.scenario.seed,
    name: e.scenario.name ?? 'Untitled scenario',
    changes: e.scenario.changes.length,
    done: e.done,
  }));
  const [copied, setCopied] = useState(false);
  // The scenario JSON names a challenge's hidden faults.
  const secret = useSecrets((s) => s.shareQuery !== null);
  const box = useRef<HTMLDivElement>(null);
  // A click anywhere else closes it, like any popover (its own button toggles it).
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target as Element | null;
      if (!t || box.current?.contains(t) || t.closest('[aria-controls="about-run"]')) return;
      useUi.setState({ aboutOpen: false });
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    <div ref={box} id="about-run" className="popover about" role="dialog" aria-label="About this run" hidden={!open} data-testid="about-run">
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
        <dd className="about-hash-help" data-testid="trace-hash-help">
          A fingerprint of every event up to this moment: two people see the same run when these match.
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
      <p className="muted small">The same scenario and seed always give the same trace hash: in this browser, in Node, anywhere.</p>
      <div className="popover-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={secret}
          title={secret ? 'Available once you have checked your answer: the JSON shows the hidden faults.' : undefined}
          data-testid="copy-scenario-json"
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
