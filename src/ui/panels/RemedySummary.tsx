/**
 * "What the remedies did", shown once a run has reached its end and kept while the learner
 * jumps back to the messages it lists (the run's setup is unchanged, so the summary still
 * holds). Each link seeks to the moment and selects the message or order.
 */
import { memo, useId } from 'react';
import type { Scenario } from '../../sim/types';
import { type EngineController, engine } from '../engineController';
import { fmtMs } from '../format';
import { type RemedyItem, type RemedyLine, summariseRemedies } from '../remedySummary';
import { selectOrder, selectMessage, useUi } from '../store';
import { useEngine } from '../useEngine';

/** The summary of one finished run. */
interface EndSummary {
  lines: RemedyLine[];
  anomalies: number;
}

let cache: { scenario: Scenario; summary: EndSummary } | null = null;

/** The end-of-run summary for the current setup, computed when the playhead first reaches the end. */
function endSummary(e: EngineController): EndSummary | null {
  if (e.done && e.now > 0 && cache?.scenario !== e.scenario) {
    const report = e.report();
    cache = { scenario: e.scenario, summary: { lines: summariseRemedies(report, e.trace), anomalies: report.anomalyList.length } };
  }
  return cache && cache.scenario === e.scenario ? cache.summary : null;
}

async function open(i: RemedyItem): Promise<void> {
  useUi.setState({ playing: false });
  await engine.seek(i.t);
  if (i.orderId) selectOrder(i.orderId, i.msgId);
  else if (i.msgId) selectMessage(i.msgId, null);
}

const TONE_WORD: Record<RemedyLine['tone'], string> = {
  healed: 'healed',
  idle: 'nothing to do',
  prevent: 'prevents',
  visible: 'visible, not healed',
};

const Line = memo(function Line({ line, selected }: { line: RemedyLine; selected: string | null }) {
  return (
    <li className="remedy-line" data-tone={line.tone} data-testid={`remedy-line-${line.remedy}`}>
      <div className="remedy-line-head">
        <span className="remedy-name">{line.label}</span>
        <span className="remedy-tone">{TONE_WORD[line.tone]}</span>
      </div>
      <p className="remedy-sentence">
        {line.sentence}
        {line.onFrom > 0 && <span className="muted"> (switched on at {fmtMs(line.onFrom)})</span>}
      </p>
      {line.caveat && (
        <p className="remedy-caveat" data-testid="remedy-caveat">
          {line.caveat}
        </p>
      )}
      {line.items.length > 0 && (
        <ul className="remedy-items" aria-label={`What ${line.label} acted on`}>
          {line.items.map((i) => (
            <li key={`${i.t}:${i.msgId}:${i.orderId}:${i.label}`}>
              <button
                type="button"
                className="remedy-item"
                data-testid="remedy-item"
                aria-pressed={(i.msgId !== null && i.msgId === selected) || undefined}
                title={`Go to ${fmtMs(i.t)} and select it`}
                onClick={() => void open(i)}
              >
                {i.label}
              </button>
            </li>
          ))}
          {line.more > 0 && <li className="muted remedy-more">+{line.more} more</li>}
        </ul>
      )}
    </li>
  );
});

/** True once the current setup's run has reached its end (the summary exists). */
export function useHasEndSummary(): boolean {
  return useEngine((e) => endSummary(e) !== null, Object.is);
}

/** See the module comment. */
export const RemedySummary = memo(function RemedySummary() {
  const summary = useEngine(endSummary, Object.is);
  const selected = useUi((u) => u.selectedMessage);
  // Presenter mode shows a second copy over the graph: ids must stay unique.
  const titleId = useId();
  if (!summary) return null;
  return (
    <section className="remedy-summary" aria-labelledby={titleId} data-testid="remedy-summary">
      <h2 id={titleId} className="panel-title">
        What the remedies did
      </h2>
      {summary.lines.length === 0 ? (
        <p className="empty" data-testid="remedy-none">
          No remedy was on in this run. Switch one on at the left and run again to see what it absorbs.
        </p>
      ) : (
        <ul className="remedy-lines">
          {summary.lines.map((l) => (
            <Line key={l.remedy} line={l} selected={selected} />
          ))}
        </ul>
      )}
      {summary.anomalies > 0 && summary.lines.length > 0 && (
        <p className="remedy-caveat" data-testid="remedy-unhealed">
          Not everything was healed: {summary.anomalies} {summary.anomalies === 1 ? 'anomaly remains' : 'anomalies remain'}, listed below.
        </p>
      )}
    </section>
  );
});
