/** The state box and the transition edge a statechart is drawn with (React Flow custom types). */
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps, getBezierPath, Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { ChartState } from './machineGraph';

/** What a state box shows. */
export interface StateData extends Record<string, unknown> {
  state: ChartState;
  current: boolean;
  visited: boolean;
  count: number | null;
  compound: boolean;
  /** Where the path entered this state, e.g. `1,4` (null when off the path or no path is shown). */
  steps: string | null;
}

/** What a transition edge shows: one line per transition between the same two states. */
export interface TransitionData extends Record<string, unknown> {
  lines: { id: string; text: string; actions: string; faults: string[]; taken: boolean }[];
  /** The transition just taken is among these. */
  taken: boolean;
  /** The instance's path so far went along this edge. */
  onPath: boolean;
  back: boolean;
  /** Bends of a long edge and where its label goes (see `Route`), in chart coordinates. */
  points?: { x: number; y: number }[];
  label?: { x: number; y: number };
}

/** A smooth path through points, leaving and entering each one vertically. */
export function throughPoints(points: { x: number; y: number }[]): string {
  let d = `M ${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1];
    const q = points[i];
    const my = (p.y + q.y) / 2;
    d += p.x === q.x ? ` L ${q.x},${q.y}` : ` C ${p.x},${my} ${q.x},${my} ${q.x},${q.y}`;
  }
  return d;
}

export type StateNodeType = Node<StateData, 'state'>;
export type TransitionEdgeType = Edge<TransitionData, 'transition'>;

const HIDDEN_HANDLE = { opacity: 0, pointerEvents: 'none' as const };

/** A state: name, initial/final marks, internal transitions, count of instances, fault marks. */
export const StateBox = memo(function StateBox({ data }: NodeProps<StateNodeType>) {
  const s = data.state;
  const cls = ['sc-state', `sc-${s.kind}`, data.current && 'sc-current', data.visited && 'sc-visited', data.compound && 'sc-compound'].filter(Boolean).join(' ');
  return (
    <div className={cls} data-testid="sc-state" data-state={s.path} data-current={data.current || undefined}>
      <Handle type="target" position={Position.Top} style={HIDDEN_HANDLE} />
      <Handle type="source" position={Position.Bottom} style={HIDDEN_HANDLE} />
      <Handle id="back-out" type="source" position={Position.Right} style={HIDDEN_HANDLE} />
      <Handle id="back-in" type="target" position={Position.Right} style={HIDDEN_HANDLE} />
      <div className="sc-state-head">
        {s.initial && <span className="sc-initial" title="Initial state" />}
        <span className="sc-state-name">{s.key}</span>
        {s.kind === 'final' && <span className="sc-final-mark" title="Final state" />}
        {data.count !== null && <span className="sc-count">{data.count}</span>}
        {data.steps !== null && (
          <span className="sc-steps" title={`Step ${data.steps} of the path`}>
            {data.steps}
          </span>
        )}
        {s.faultPoints.length > 0 && (
          <span className="sc-fault" title={`Fault point: ${s.faultPoints.join(', ')}`}>
            ⚡
          </span>
        )}
      </div>
      {s.internal.map((t) => (
        <div key={t.id} className="sc-internal" title={t.actions.join(', ')}>
          {t.label}
          {t.guard ? ` [${t.guard}]` : ''}
          {t.faultPoints.length > 0 && <span className="sc-fault"> ⚡ {t.faultPoints.join(', ')}</span>}
        </div>
      ))}
    </div>
  );
});

/** A transition: a curve labelled with its events and guards; back edges go round the right-hand side. */
export const TransitionEdge = memo(function TransitionEdge(props: EdgeProps<TransitionEdgeType>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, id } = props;
  // Curves rather than right angles: edges leaving one state fan out instead of sharing a column.
  let [path, lx, ly] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: data?.back ? 0.6 : 0.25 });
  if (data?.points && data.label) {
    path = throughPoints([{ x: sourceX, y: sourceY }, ...data.points, { x: targetX, y: targetY }]);
    lx = data.label.x;
    ly = data.label.y;
  }
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={['sc-edge', data?.onPath && 'sc-edge-path', data?.taken && 'sc-edge-taken'].filter(Boolean).join(' ')} />
      <EdgeLabelRenderer>
        <div
          className={data?.taken ? 'sc-label sc-label-taken' : 'sc-label'}
          // A back edge's label starts at the curve and runs outwards, clear of the states it joins.
          style={{ transform: `translate(${data?.back ? '4px' : '-50%'}, -50%) translate(${lx}px, ${ly}px)` }}
        >
          {data?.lines.map((l) => (
            <div key={l.id} className={l.taken ? 'sc-label-line sc-label-line-taken' : 'sc-label-line'} data-transition={l.id}>
              <span>{l.text}</span>
              {/* Shown, not hidden in a tooltip: the actions say how far the work got (e.g. commit, then crash). */}
              {l.actions && <span className="sc-actions"> / {l.actions}</span>}
              {l.faults.length > 0 && <span className="sc-fault"> ⚡ {l.faults.filter(Boolean).join(', ')}</span>}
            </div>
          ))}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
