/**
 * The live topology: services around the broker, drawn by React Flow with fixed positions.
 * Nodes and edges are constants; live figures come from each node's own engine slice and
 * the moving messages from the canvas overlay. A one-line caption under it says how to read
 * it (what the dots are) and holds the colour legend.
 */
import { Background, Controls, type Edge, type Node, ReactFlow, useReactFlow } from '@xyflow/react';
import { memo, type MouseEvent, type PointerEvent, type ReactNode, type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { SERVICES } from '../../sim/api';
import type { ServiceId } from '../../sim/types';
import { FAMILIES } from '../messageColors';
import { AsOf } from '../panels/AsOf';
import { usePresenter } from '../presenter/presenterStore';
import { selectMessage, useUi } from '../store';
import { BrokerNode } from './BrokerNode';
import { BusEdge } from './BusEdge';
import { type Layout, NARROW, type TopologyNodeId, WIDE } from './layout';
import { hitTestMessage, MessageOverlay } from './MessageOverlay';
import { ServiceNode } from './ServiceNode';
import { DlqNode, ProviderNode } from './SmallNodes';
import { useTopologyLayout } from './useLayout';

/** Fit with a little room for the mark pills, and never blow the nodes up past 1.3×. */
const FIT = { padding: 0.05, maxZoom: 1.3 };
/** On a projector the graph may fill the screen: type has to be read from the back of the room. */
const FIT_PRESENTING = { padding: 0.04, maxZoom: 2.4 };

const nodeTypes = { service: ServiceNode, broker: BrokerNode, dlq: DlqNode, provider: ProviderNode };
const edgeTypes = { bus: BusEdge };

function box(layout: Layout, id: TopologyNodeId) {
  const b = layout.boxes[id];
  // React Flow turns pointer events off on nodes that are neither selectable nor draggable;
  // ours are buttons that open the inspector, so they must take clicks.
  return { position: { x: b.x, y: b.y }, width: b.w, height: b.h, draggable: false, selectable: false, focusable: false, style: { pointerEvents: 'all' as const } };
}

/** The same nodes in either arrangement; each node is told which, for its handles. */
function nodesFor(layout: Layout): Node[] {
  const data = { layout: layout.kind };
  return [
    ...SERVICES.map((s) => ({ id: s, type: 'service', data: { service: s, ...data }, ...box(layout, s) })),
    { id: 'broker', type: 'broker', data, ...box(layout, 'broker') },
    { id: 'dlq', type: 'dlq', data, ...box(layout, 'dlq') },
    { id: 'provider', type: 'provider', data, ...box(layout, 'provider') },
  ];
}

const NODES = { wide: nodesFor(WIDE), narrow: nodesFor(NARROW) };

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
function FitOnResize({ target, fit, layout }: { target: RefObject<HTMLDivElement | null>; fit: typeof FIT; layout: Layout['kind'] }) {
  const { fitView } = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new arrangement moves the nodes, so it must refit though the effect does not read it.
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const ro = new ResizeObserver(() => void fitView(fit));
    ro.observe(el);
    // A change of mode or arrangement may keep the pane's size, so fit once now as well (after
    // React Flow has measured the moved nodes).
    void fitView(fit);
    const again = requestAnimationFrame(() => void fitView(fit));
    return () => {
      cancelAnimationFrame(again);
      ro.disconnect();
    };
  }, [fitView, target, fit, layout]);
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
          <span className="legend-cell">2</span>
          Messages stored in a partition
        </li>
        <li>
          <span className="legend-pill">crash</span>
          What just happened there
        </li>
      </ul>
    </details>
  );
});

/** How to read the topology, in one line; with reduced motion the dots are counts instead. */
const Caption = memo(function Caption() {
  const reduced = useUi((u) => u.reducedMotion);
  const text = reduced
    ? 'Reduced motion: the counts on the lines are messages in flight to each service. Click a box to inspect it.'
    : 'Each dot is a message in flight: sender → broker → every subscriber. Click a dot or a box to inspect it.';
  return (
    <div className="topology-caption" data-testid="topology-caption">
      <span className="caption-text" title={text}>
        {!reduced && <span className="caption-dot" aria-hidden="true" />}
        {text}
      </span>
      <Legend />
    </div>
  );
});

/** See the module comment. */
export const TopologyView = memo(function TopologyView({ children }: { children?: ReactNode }) {
  const wrap = useRef<HTMLDivElement>(null);
  const theme = useUi((u) => u.theme);
  const fit = usePresenter((p) => p.on) ? FIT_PRESENTING : FIT;
  const layout = useTopologyLayout();
  const nodes = useMemo(() => NODES[layout.kind], [layout]);
  const pick = useCallback((clientX: number, clientY: number) => {
    const rect = wrap.current?.getBoundingClientRect();
    if (!rect) return;
    const hit = hitTestMessage(clientX - rect.left, clientY - rect.top);
    if (hit) selectMessage(hit.msg.id, hit.msg.orderId);
  }, []);
  const onPaneClick = useCallback((e: MouseEvent) => pick(e.clientX, e.clientY), [pick]);
  // A tap on a touch screen: the pane's pan handling swallows the click a tap would make, so
  // a finger that lands and lifts without moving picks the dot under it here.
  const touchStart = useRef<{ x: number; y: number } | null>(null);
  const onPointerDown = useCallback((e: PointerEvent) => {
    touchStart.current = e.pointerType === 'mouse' ? null : { x: e.clientX, y: e.clientY };
  }, []);
  const onPointerUp = useCallback(
    (e: PointerEvent) => {
      const start = touchStart.current;
      touchStart.current = null;
      if (start && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 10) pick(e.clientX, e.clientY);
    },
    [pick],
  );
  return (
    <div className="topology" data-testid="topology" data-layout={layout.kind}>
      <div className="topology-canvas" ref={wrap} onPointerDownCapture={onPointerDown} onPointerUpCapture={onPointerUp}>
        <ReactFlow
          nodes={nodes}
          edges={EDGES}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={theme}
          fitView
          fitViewOptions={fit}
          minZoom={0.3}
          maxZoom={2.5}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          disableKeyboardA11y
          elementsSelectable={false}
          onPaneClick={onPaneClick}
          zoomOnDoubleClick={false}
          aria-label="Topology of the order system"
          attributionPosition="top-right"
        >
          <Background gap={22} size={1} />
          <Controls showInteractive={false} position="bottom-right" orientation="horizontal" />
          <MessageOverlay />
          <FitOnResize target={wrap} fit={fit} layout={layout.kind} />
        </ReactFlow>
        {/* Laid over the pane's top corner, under the headline: the headline and the boxes share its
            time, and a line of its own there would push the pane down on Play (on a phone). */}
        <AsOf where="canvas" short />
        {children}
      </div>
      <Caption />
    </div>
  );
});
