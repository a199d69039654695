/**
 * One machine drawn as a statechart: states laid out from the machine's definition, the current
 * state highlighted, the path so far traced, the transition just taken animated (still when the
 * learner prefers reduced motion), guards and fault points named. The drawing is hidden from
 * screen readers; a list of the states and a sentence about the last step say the same in words.
 */
import { ReactFlow, useReactFlow } from '@xyflow/react';
import { memo, type RefObject, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useUi } from '../store';
import { StateBox, TransitionEdge } from './ChartParts';
import { layoutGraph } from './chartLayout';
import { chartElements, transitionText } from './chartElements';
import type { ChartStatus } from './chartStatus';
import { lastStepText, stepText } from './pathText';
import type { MachineGraph } from './machineGraph';
import './statechart.css';

/** `room` is an empty node that only widens the fitted area (see chartElements). */
const nodeTypes = { state: StateBox, room: () => null };
const edgeTypes = { transition: TransitionEdge };
/** Enlarged, fill the space; in the side panel a chart that fits its width is shown whole, never zoomed past 1 (labels spill past the states' boxes). */
const FIT_SMALL = { padding: 0.12, maxZoom: 1 };
const FIT_LARGE = { padding: 0.06, maxZoom: 1.6 };
/**
 * A chart wider than the side panel used to be shrunk to fit it, down to 5 px labels at 1280×800.
 * It is shown at this zoom instead, centred on its current state, and dragged to see the rest
 * (Enlarge shows it whole): the states' 11 px names and the transitions' labels read as drawn.
 */
const SIDE_ZOOM = 1;
/** Tallest the side panel's box grows for a chart shown at SIDE_ZOOM. */
const SIDE_MAX_HEIGHT = 420;
/** Until the box is measured, the side panel is about this wide. */
const PANEL_WIDTH = 320;

function label(graph: MachineGraph, id: string): string {
  return graph.states.find((s) => s.id === id)?.key ?? id;
}

/** How the chart is framed: whole when it fits (or enlarged), else at SIDE_ZOOM around `focus`. */
function fitOptions(large: boolean, whole: boolean, focus: string | null) {
  if (large) return FIT_LARGE;
  if (whole || focus === null) return FIT_SMALL;
  return { nodes: [{ id: focus }], minZoom: SIDE_ZOOM, maxZoom: SIDE_ZOOM, padding: 0 };
}

/** Frames the chart when its box changes size (e.g. when enlarged) and when its current state moves. */
function Framing({ target, large, whole, focus }: { target: RefObject<HTMLDivElement | null>; large: boolean; whole: boolean; focus: string | null }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    // Observing reports the current size at once, so this also frames on mount and on a new focus.
    const ro = new ResizeObserver(() => void fitView(fitOptions(large, whole, focus)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fitView, target, large, whole, focus]);
  return null;
}

/** The width of a box, kept up to date. */
function useWidth(target: RefObject<HTMLElement | null>, initial: number): number {
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth || initial));
    ro.observe(el);
    return () => ro.disconnect();
  }, [target, initial]);
  return width;
}

/** How many steps of a path are listed; a long one (the reconciliation job's rounds) shows its latest. */
const PATH_SHOWN = 12;

/** The path so far as an ordered list, numbered like the marks on the states. */
function PathList({ graph, status }: { graph: MachineGraph; status: ChartStatus }) {
  const from = Math.max(0, status.path.length - PATH_SHOWN);
  return (
    <div className="sc-path-box">
      <span className="sc-path-title">Path so far{from > 0 ? ` (latest ${PATH_SHOWN} of ${status.path.length} steps)` : ''}:</span>
      <ol className="sc-path" aria-label="Path so far" data-testid="sc-path" start={from + 1}>
        {status.path.slice(from).map((p, i) => (
          <li key={`${p.t}-${p.state}-${p.cause}`}>{stepText(graph, p, from + i === 0)}</li>
        ))}
      </ol>
    </div>
  );
}

/** See the module comment. `name` makes the region's name: "<name> state machine". */
export const StatechartView = memo(function StatechartView({ name, graph, status }: { name: string; graph: MachineGraph; status: ChartStatus }) {
  const headingId = useId();
  const box = useRef<HTMLDivElement>(null);
  const [large, setLarge] = useState(false);
  useEffect(() => {
    if (!large) return;
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setLarge(false);
      }
    };
    window.addEventListener('keydown', close, true);
    return () => window.removeEventListener('keydown', close, true);
  }, [large]);
  const theme = useUi((u) => u.theme);
  const reduced = useUi((u) => u.reducedMotion);
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const { nodes, edges, width, height } = useMemo(() => chartElements(graph, status, { animate: !reduced, layout }), [graph, status, reduced, layout]);
  const boxWidth = useWidth(box, PANEL_WIDTH);
  const current = graph.states.filter((s) => status.active.has(s.id) && !graph.states.some((c) => c.parent === s.id && status.active.has(c.id)));
  const focus = current[0]?.id ?? null;
  // A chart with no single current state (a service's counts) is an overview: shown whole.
  const whole = (width + 40) * SIDE_ZOOM <= boxWidth || focus === null;
  const scale = Math.min(1, boxWidth / (width + 40));
  const boxHeight = Math.round(whole ? Math.min(560, Math.max(110, (height + 40) * scale)) : Math.min(SIDE_MAX_HEIGHT, height + 40));
  const last = lastStepText(graph, status);
  return (
    <section className={large ? 'statechart statechart-large' : 'statechart'} aria-labelledby={headingId} data-testid="statechart" data-machine={graph.id}>
      <div className="sc-head">
        <h4 id={headingId} className="inspect-sub">
          {name} state machine
        </h4>
        <button type="button" className="btn btn-small" aria-pressed={large} onClick={() => setLarge(!large)} data-testid="sc-enlarge">
          {large ? 'Close (Esc)' : 'Enlarge'}
        </button>
      </div>
      <div className={whole || large ? 'sc-flow' : 'sc-flow sc-flow-pan'} ref={box} style={large ? undefined : { height: boxHeight }} aria-hidden="true" data-framing={large ? 'large' : whole ? 'whole' : 'current'}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={theme}
          fitView
          fitViewOptions={fitOptions(large, whole, focus)}
          minZoom={0.2}
          maxZoom={1.5}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          disableKeyboardA11y
          zoomOnScroll={false}
          zoomOnDoubleClick={false}
          panOnScroll={false}
          preventScrolling={false}
          attributionPosition="bottom-left"
        >
          <Framing target={box} large={large} whole={whole} focus={focus} />
        </ReactFlow>
      </div>
      {!large && !whole && (
        <p className="sc-hint" data-testid="sc-hint">
          Drawn full size around the current state: drag to see the rest, or Enlarge for the whole machine.
        </p>
      )}
      <p className="sc-caption" data-testid="sc-caption">
        {current.length > 0 ? (
          <>
            Now: <strong>{current.map((s) => s.key).join(', ')}</strong>.{' '}
          </>
        ) : null}
        {last}
      </p>
      <ul className="visually-hidden" aria-label={`States of the ${name} state machine`} data-testid="sc-state-list">
        {graph.states.map((s) => {
          const notes = [
            status.active.has(s.id) && 'current state',
            s.initial && 'initial',
            s.kind === 'final' && 'final',
            status.counts.has(s.id) && `${status.counts.get(s.id)} in this state`,
            s.faultPoints.length > 0 && `fault point: ${s.faultPoints.join(', ')}`,
          ].filter(Boolean);
          const out = graph.transitions.filter((t) => t.source === s.id).map((t) => `${transitionText(t)} → ${label(graph, t.target ?? '')}`);
          return (
            <li key={s.id} aria-current={status.active.has(s.id) ? 'true' : undefined}>
              {s.key}
              {notes.length ? ` (${notes.join(', ')})` : ''}
              {out.length ? `; leaves on ${out.join('; ')}` : ''}
            </li>
          );
        })}
      </ul>
      {status.path.length > 0 && <PathList graph={graph} status={status} />}
    </section>
  );
});
