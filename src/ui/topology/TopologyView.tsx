/**
 * The live topology: services around the broker, drawn by React Flow with fixed positions.
 * Nodes and edges are constants; live figures come from each node's own engine slice and
 * the moving messages from the canvas overlay.
 */
import { Background, Controls, type Edge, type Node, Panel, ReactFlow, useReactFlow } from '@xyflow/react';
import { memo, type MouseEvent, type ReactNode, type RefObject, useCallback, useEffect, useRef } from 'react';
import { SERVICES } from '../../sim/api';
import type { ServiceId } from '../../sim/types';
import { FAMILIES } from '../messageColors';
import { selectMessage, useUi } from '../store';
import { BrokerNode } from './BrokerNode';
import { BusEdge } from './BusEdge';
import { BOXES, type TopologyNodeId } from './layout';
import { hitTestMessage, MessageOverlay } from './MessageOverlay';
import { ServiceNode } from './ServiceNode';
import { DlqNode, ProviderNode } from './SmallNodes';

/** Fit with a little room for the mark pills, and never blow the nodes up past 1.3×. */
const FIT = { padding: 0.05, maxZoom: 1.3 };

const nodeTypes = { service: ServiceNode, broker: BrokerNode, dlq: DlqNode, provider: ProviderNode };
const edgeTypes = { bus: BusEdge };

function box(id: TopologyNodeId) {
  const b = BOXES[id];
  return { position: { x: b.x, y: b.y }, width: b.w, height: b.h, draggable: false, selectable: false, focusable: false };
}

const NODES: Node[] = [
  ...SERVICES.map((s) => ({ id: s, type: 'service', data: { service: s }, ...box(s) })),
  { id: 'broker', type: 'broker', data: {}, ...box('broker') },
  { id: 'dlq', type: 'dlq', data: {}, ...box('dlq') },
  { id: 'provider', type: 'provider', data: {}, ...box('provider') },
];

const EDGES: Edge[] = [
  ...SERVICES.map((s: ServiceId) => ({
    id: `bus-${s}`,
    source: s,
    target: 'broker',
    targetHandle: s,
    type: 'bus',
    data: { kind: 'bus' },
    focusable: false,
  })),
  { id: 'payment-provider', source: 'payment', sourceHandle: 'provider', target: 'provider', type: 'bus', data: { kind: 'external' }, focusable: false },
  { id: 'broker-dlq', source: 'broker', sourceHandle: 'dlq', target: 'dlq', type: 'bus', data: { kind: 'dlq' }, focusable: false },
];

/** Keeps the whole graph in view when the pane changes size. */
function FitOnResize({ target }: { target: RefObject<HTMLDivElement | null> }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const ro = new ResizeObserver(() => void fitView(FIT));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fitView, target]);
  return null;
}

const Legend = memo(function Legend() {
  return (
    <details className="legend">
      <summary>Legend</summary>
      <ul>
        {FAMILIES.map((f) => (
          <li key={f.name}>
            <span className="legend-dot" style={{ background: f.color }} />
            {f.name}
          </li>
        ))}
        <li>
          <span className="legend-dot legend-dup" />
          Duplicate / redelivery
        </li>
        <li>
          <span className="legend-dot legend-faint" />
          Stored in the broker
        </li>
      </ul>
    </details>
  );
});

/** See the module comment. */
export const TopologyView = memo(function TopologyView({ children }: { children?: ReactNode }) {
  const wrap = useRef<HTMLDivElement>(null);
  const theme = useUi((u) => u.theme);
  const onPaneClick = useCallback((e: MouseEvent) => {
    const rect = wrap.current?.getBoundingClientRect();
    if (!rect) return;
    const hit = hitTestMessage(e.clientX - rect.left, e.clientY - rect.top);
    if (hit) selectMessage(hit.msg.id, hit.msg.orderId);
  }, []);
  return (
    <div className="topology" ref={wrap} data-testid="topology">
      <ReactFlow
        nodes={NODES}
        edges={EDGES}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        fitView
        fitViewOptions={FIT}
        minZoom={0.3}
        maxZoom={2.5}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        onPaneClick={onPaneClick}
        zoomOnDoubleClick={false}
        aria-label="Topology of the order system"
        attributionPosition="top-right"
      >
        <Background gap={22} size={1} />
        <Controls showInteractive={false} position="bottom-right" orientation="horizontal" />
        <Panel position="bottom-right" className="legend-panel">
          <Legend />
        </Panel>
        <MessageOverlay />
        <FitOnResize target={wrap} />
      </ReactFlow>
      {children}
    </div>
  );
});
