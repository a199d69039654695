/**
 * "Compare": two runs of the same seed, workload and what-ifs side by side — A is the run on
 * screen, B has its own faults and remedies — both at the one playhead (the timeline drives A,
 * and B follows). Below, what differs at the end of both runs, from their reports; each
 * difference leads to the message where the two runs first part, selected on both sides.
 */
import { memo, useEffect, useReducer, useState } from 'react';
import { FAULTS, ORDERING_LABELS, REMEDIES } from '../../sim/catalog';
import type { EngineView } from '../../sim/api';
import type { Faults, Message, Ordering, Remedies, Report, TraceEvent } from '../../sim/types';
import { engine } from '../engineController';
import { fmtMoney, fmtMs } from '../format';
import { narrateEvent } from '../narration';
import { BUCKET_LABEL, bucketCounts } from '../outcomes';
import { selectMessage, useUi } from '../store';
import { useEngineVersion } from '../useEngine';
import { closeCompare, useCompare } from './compareStore';
import { type Difference, type Divergence, firstDivergence, messagesOfTrace } from './diff';
import { SideBControls } from './SideBControls';
import { controlsOf, differingControls, type SideControls, sideBScenario } from './sideB';
import { type EndComparison, sides } from './sideBRun';
import './compare.css';

function controlText(c: SideControls, path: string): string {
  const [sec, key] = path.split('.') as ['faults' | 'remedies', string];
  if (sec === 'faults') {
    const f = FAULTS[key as keyof Faults];
    const v = c.faults[key as keyof Faults];
    return `${f.label}: ${f.kind === 'probability' ? `${Math.round(v * 100)}%` : `${v} ms`}`;
  }
  const v = c.remedies[key as keyof Remedies];
  const label = REMEDIES[key as keyof Remedies].label;
  return key === 'ordering' ? `${label}: ${ORDERING_LABELS[v as Ordering]}` : `${label}: ${v ? 'on' : 'off'}`;
}

function findMessage(trace: readonly TraceEvent[], id: string): Message | undefined {
  for (const e of trace) if ('msg' in e && e.msg.id === id) return e.msg;
  return undefined;
}

interface SideProps {
  side: 'A' | 'B';
  title: string;
  controls: SideControls;
  differs: string[];
  view: EngineView;
  report: Report;
  selected: Message | null | undefined;
  selectedId: string | null;
  /** Where this side's run is, when it is not yet at the playhead (B re-running after a rewind). */
  behindAt?: number | null;
  children?: React.ReactNode;
}

function SideCard({ side, title, controls, differs, view, report, selected, selectedId, behindAt = null, children }: SideProps) {
  const s = side.toLowerCase();
  const buckets = bucketCounts(report);
  return (
    <section className={`cmp-side cmp-side-${s}`} aria-labelledby={`cmp-${s}-title`} aria-busy={behindAt !== null || undefined} data-testid={`cmp-side-${s}`} data-caught-up={behindAt === null}>
      <h3 id={`cmp-${s}-title`} className="cmp-side-title">
        <span className={`cmp-tag cmp-tag-${s}`}>{side}</span> {title}
      </h3>
      {behindAt !== null && (
        <p className="muted small" role="status" data-testid={`cmp-${s}-behind`}>
          Catching up with the playhead: these figures are at {fmtMs(behindAt)}.
        </p>
      )}
      <ul className="cmp-settings" data-testid={`cmp-${s}-settings`}>
        {differs.length === 0 ? <li className="muted">Same faults and remedies as {side === 'A' ? 'B' : 'A'}.</li> : differs.map((p) => <li key={p}>{controlText(controls, p)}</li>)}
      </ul>
      <dl className="kv cmp-figures">
        <dt>orders</dt>
        <dd data-testid={`cmp-${s}-orders`}>
          {report.orders.length}
          {(Object.keys(buckets) as (keyof typeof buckets)[])
            .filter((k) => buckets[k] > 0)
            .map((k) => ` · ${buckets[k]} ${BUCKET_LABEL[k]}`)
            .join('')}
        </dd>
        <dt>money taken</dt>
        <dd data-testid={`cmp-${s}-charged`}>{fmtMoney(report.ledger.charged)}</dd>
        <dt>refunded</dt>
        <dd data-testid={`cmp-${s}-refunded`}>{fmtMoney(report.ledger.refunded)}</dd>
        <dt>stock</dt>
        <dd data-testid={`cmp-${s}-stock`}>
          {report.stock.available} available, {report.stock.shipped} shipped
        </dd>
        <dt>emails</dt>
        <dd data-testid={`cmp-${s}-emails`}>{view.emails.length}</dd>
        <dt>anomalies</dt>
        <dd data-testid={`cmp-${s}-anomalies`}>{report.anomalyList.length}</dd>
      </dl>
      <div className="cmp-selected" data-testid={`cmp-${s}-selected`}>
        {selectedId === null ? (
          <span className="muted">No message selected.</span>
        ) : selected ? (
          <span>
            Selected: <strong>{selected.type}</strong> <span className="mono">{selected.id}</span>
            {selected.orderId ? ` for ${selected.orderId}` : ''}
          </span>
        ) : (
          <span className="muted">Message {selectedId} does not exist in this run at this time.</span>
        )}
      </div>
      {children}
    </section>
  );
}

function partingSentence(e: TraceEvent | null, messages: Map<string, Message>): string {
  return e ? narrateEvent(e, messages) : 'nothing more happens here.';
}

/** Moves the playhead to where the runs part for a difference and selects the message on both sides. */
async function follow(d: Difference, end: EndComparison): Promise<void> {
  const only = d.requests.length > 0 ? new Set(d.requests) : null;
  const dv = firstDivergence(end.a.trace, end.b.trace, only, end.a.requestOf, end.b.requestOf) ?? firstDivergence(end.a.trace, end.b.trace);
  useCompare.setState({ followed: d.key, parting: dv, selectedB: dv?.bMsg ?? null });
  // The parting sentence and both selections are at the top of the comparison: bring them into
  // view. On a wide screen the comparison scrolls by itself; on a phone the page does.
  const region = document.querySelector<HTMLElement>('[data-testid="compare"]');
  // (scrollIntoView on a wide screen would also shift the fixed layout's clipped containers.)
  if (window.matchMedia('(max-width: 720px)').matches) region?.scrollIntoView({ block: 'start' });
  else if (region) region.scrollTop = 0;
  if (!dv) return;
  const t = Math.max(dv.aMsgT ?? dv.a?.t ?? 0, dv.bMsgT ?? dv.b?.t ?? 0);
  await engine.seek(t);
  if (dv.aMsg) selectMessage(dv.aMsg, findMessage(end.a.trace, dv.aMsg)?.orderId ?? null);
  else useUi.setState({ selectedMessage: null });
}

function Parting({ dv, end }: { dv: Divergence; end: EndComparison }) {
  const t = Math.min(dv.a?.t ?? Number.POSITIVE_INFINITY, dv.b?.t ?? Number.POSITIVE_INFINITY);
  return (
    <div className="cmp-parting" role="status" data-testid="cmp-parting">
      <p>
        <strong>The runs part at {fmtMs(t)}.</strong>
      </p>
      <p>
        <span className="cmp-tag cmp-tag-a">A</span> {partingSentence(dv.a, messagesOfTrace(end.a.trace))}
      </p>
      <p>
        <span className="cmp-tag cmp-tag-b">B</span> {partingSentence(dv.b, messagesOfTrace(end.b.trace))}
      </p>
    </div>
  );
}

function Differences({ end }: { end: EndComparison | null }) {
  const followed = useCompare((s) => s.followed);
  if (!end) {
    return (
      <p className="muted" role="status" data-testid="cmp-computing">
        Running both to the end to compare their outcomes…
      </p>
    );
  }
  const skipped = end.b.report.skippedWhatIfs ?? [];
  return (
    <div data-testid="cmp-diffs" data-ready="true">
      {skipped.length > 0 && (
        <p className="cmp-problem small" data-testid="cmp-skipped">
          B could not make {skipped.length} of A's what-ifs (its run went differently): {skipped.map((s) => s.problem).join('; ')}.
        </p>
      )}
      {end.diffs.length === 0 ? (
        <p data-testid="cmp-same">Both runs end the same way: the same fate for every order, the same money, stock and emails.</p>
      ) : (
        <table className="cmp-table">
          <caption className="visually-hidden">What differs at the end of both runs</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">
                <span className="cmp-tag cmp-tag-a">A</span>
              </th>
              <th scope="col">
                <span className="cmp-tag cmp-tag-b">B</span>
              </th>
              <th scope="col">
                <span className="visually-hidden">Where they part</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {end.diffs.map((d) => (
              <tr key={d.key} data-testid="cmp-diff" data-key={d.key} aria-current={followed === d.key || undefined}>
                <th scope="row">{d.label}</th>
                <td>{d.a}</td>
                <td>{d.b}</td>
                <td>
                  <button type="button" className="btn btn-small" aria-label={`Where A and B part for ${d.label}`} data-testid="cmp-follow" onClick={() => void follow(d, end)}>
                    Where they part
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** See the module comment. */
export const CompareView = memo(function CompareView() {
  useEngineVersion();
  const b = useCompare((s) => s.b);
  const selectedB = useCompare((s) => s.selectedB);
  const selectedA = useUi((u) => u.selectedMessage);
  const parting = useCompare((s) => s.parting);
  // B moves towards the playhead in slices after a rewind; each slice asks for a new drawing.
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => sides.subscribe(redraw), []);
  const a = engine.scenario;
  const bScenario = b ? sideBScenario(a, b) : null;
  const key = bScenario ? JSON.stringify([a, bScenario]) : '';
  const [end, setEnd] = useState<EndComparison | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for both scenarios
  useEffect(() => {
    if (!bScenario) return;
    let live = true;
    setEnd(sides.ready(a, bScenario));
    void sides.compute(a, bScenario).then((r) => {
      if (live && r) setEnd(r);
    });
    return () => {
      live = false;
    };
  }, [key]);
  if (!b || !bScenario) return null;
  const ca = controlsOf(a);
  const differs = differingControls(ca, b);
  const bAt = sides.at(bScenario, engine.now);
  const ready = end && end.key === key ? end : null;
  return (
    <section className="compare" aria-labelledby="cmp-title" data-testid="compare">
      <div className="cmp-head">
        <h2 id="cmp-title" className="panel-title">
          Compare A and B
        </h2>
        <p className="muted small cmp-lead">
          Same seed ({a.seed}), workload and what-ifs; B has its own faults and remedies. Both at the playhead ({fmtMs(engine.now)}).
        </p>
        <button type="button" className="btn btn-small" data-testid="cmp-close" onClick={closeCompare}>
          Close compare
        </button>
      </div>
      {parting && ready && <Parting dv={parting} end={ready} />}
      <div className="cmp-sides">
        <SideCard
          side="A"
          title="the run on screen"
          controls={ca}
          differs={differs}
          view={engine.view()}
          report={engine.report()}
          selectedId={selectedA}
          selected={selectedA ? engine.index.messages.get(selectedA) : null}
        />
        <SideCard
          side="B"
          title="other faults and remedies"
          controls={b}
          differs={differs}
          view={bAt.view}
          report={bAt.report}
          selectedId={selectedB}
          selected={selectedB ? findMessage(bAt.sim.trace, selectedB) : null}
          behindAt={bAt.caughtUp ? null : bAt.sim.now}
        >
          <SideBControls />
        </SideCard>
      </div>
      <h3 className="cmp-sub">At the end of both runs</h3>
      <Differences end={ready} />
    </section>
  );
});
