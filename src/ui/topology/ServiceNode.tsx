/**
 * A service on the topology: its machine state (up / down / handling) and key figures.
 * It reads its own slice of the engine view, so the React Flow nodes array never changes.
 */
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { ServiceId } from '../../sim/types';
import { figureLabel, humanize, serviceName } from '../format';
import { useUi } from '../store';
import { shallowEqual, useEngine } from '../useEngine';
import { NodeIcon } from './icons';
import { layoutFor, type Side } from './layout';

/** Data carried by a service node. */
export type ServiceNodeType = Node<{ service: ServiceId; layout: 'wide' | 'narrow' }, 'service'>;

interface Slice {
  status: 'up' | 'down';
  handling: number;
  figures: Record<string, number>;
}

function sliceEqual(a: Slice, b: Slice): boolean {
  return a.status === b.status && a.handling === b.handling && shallowEqual(a.figures, b.figures);
}

const MAX_FIGURES = 3;

/** React Flow's name for each side. */
export const POSITION: Record<Side, Position> = { top: Position.Top, bottom: Position.Bottom, left: Position.Left, right: Position.Right };

/** See the module comment. */
export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceNodeType>) {
  const id = data.service;
  const s = useEngine<Slice>((e) => {
    const v = e.view().services[id];
    return v ? { status: v.status, handling: v.handling.length, figures: v.figures } : { status: 'up', handling: 0, figures: {} };
  }, sliceEqual);
  const selected = useUi((u) => u.inspect?.kind === 'service' && u.inspect.id === id);
  const state = s.status === 'down' ? 'down' : s.handling > 0 ? 'handling' : 'up';
  const layout = layoutFor(data.layout === 'narrow');
  const figures = Object.entries(s.figures).slice(0, MAX_FIGURES);
  return (
    <button
      type="button"
      className="topo-node svc-node nodrag"
      data-state={state}
      data-selected={selected || undefined}
      data-testid={`node-${id}`}
      aria-label={`${serviceName(id)} service, ${state}${s.handling > 0 ? `, handling ${s.handling}` : ''}. Inspect`}
      onClick={() => useUi.setState({ inspect: { kind: 'service', id } })}
    >
      <Handle type="source" position={POSITION[layout.facing[id]]} className="hidden-handle" isConnectable={false} />
      {id === 'payment' && <Handle id="provider" type="source" position={POSITION[layout.providerSide]} className="hidden-handle" isConnectable={false} />}
      <span className="node-head">
        <NodeIcon id={id} />
        <span className="node-name">{serviceName(id)}</span>
        {/* One element whose class and text change: swapping a dot for a pill (and its clipped
            hidden text) every tick made the browser re-layer the whole page in the next frame. */}
        <span className={state === 'up' ? 'state-dot' : 'state-pill'} data-state={state === 'up' ? undefined : state} title={state === 'up' ? 'up' : undefined}>
          <span className="visually-hidden">{state === 'up' ? 'up' : ''}</span>
          {state === 'up' ? null : state === 'handling' ? `busy ${s.handling}` : state}
        </span>
      </span>
      <span className="node-figures" title={Object.entries(s.figures).map(([k, v]) => `${humanize(k)}: ${v}`).join('\n')}>
        {figures.length === 0 && <span className="fig-empty">idle</span>}
        {figures.map(([k, v]) => (
          <span key={k} className="fig">
            <span className="fig-v">{v}</span>
            <span className="fig-k">{figureLabel(k, v)}</span>
          </span>
        ))}
      </span>
    </button>
  );
});
