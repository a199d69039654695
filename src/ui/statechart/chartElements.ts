/**
 * Builds React Flow nodes and edges from a machine graph, its layout and its status. Plain
 * data, so it is tested without a browser.
 */
import { MarkerType } from '@xyflow/react';
import type { StateNodeType, TransitionEdgeType } from './ChartParts';
import { type ChartLayout, layoutGraph } from './chartLayout';
import type { ChartStatus } from './chartStatus';
import type { ChartTransition, MachineGraph } from './machineGraph';

/** The text of one transition: event, guard in brackets, and (unless `short`) actions after a slash. */
export function transitionText(t: ChartTransition, short = false): string {
  return `${t.label}${t.guard ? ` [${t.guard}]` : ''}${!short && t.actions.length ? ` / ${t.actions.join(', ')}` : ''}`;
}

function faultsOn(t: ChartTransition, status: ChartStatus): string[] {
  const hits = status.faultHits.get(t.id);
  // A fault the branch's guard already names (e.g. [crashAfterCommit]) is not spelled out again:
  // the mark and its count are enough, and the label stays narrow enough for the side panel.
  const name = (fault: string) => (fault === t.guard ? '' : fault);
  const struck = hits ? [...hits].map(([fault, n]) => `${name(fault)} ×${n}`.trim()) : [];
  return [...t.faultPoints.filter((f) => !hits?.has(f)).map(name), ...struck];
}

/** How far a back edge bends out past its states, and the width of one label character (8.5px text). */
const BACK_BULGE = 36;
const CHAR_WIDTH = 5.2;

/** The step numbers shown on a state: all of them, or the latest three after an ellipsis. */
function stepMark(list: number[] | undefined): string | null {
  if (!list) return null;
  return list.length > 3 ? `…${list.slice(-3).join(',')}` : list.join(',');
}

/** Nodes and edges for React Flow, plus the size of the whole drawing. */
export function chartElements(
  graph: MachineGraph,
  status: ChartStatus,
  opts: { animate: boolean; layout?: ChartLayout },
): { nodes: StateNodeType[]; edges: TransitionEdgeType[]; width: number; height: number } {
  const { states: layout, routes } = opts.layout ?? layoutGraph(graph);
  const hasChildren = new Set(graph.states.map((s) => s.parent).filter((p): p is string => p !== null));
  const visited = new Set(status.path.map((p) => p.state));
  const takenIds = new Set<string>();
  // Where the path entered each state, numbered from 1 (a state entered often shows its latest few).
  const steps = new Map<string, number[]>();
  status.path.forEach((p, i) => {
    for (const t of p.via ?? (p.transition ? [p.transition] : [])) {
      takenIds.add(t.id);
      // Eventless steps pass through states the record does not list on their own.
      if (t.target) visited.add(t.target);
    }
    steps.set(p.state, [...(steps.get(p.state) ?? []), i + 1]);
  });
  const lastIds = new Set((status.last?.via ?? (status.last ? [status.last.transition] : [])).map((t) => t.id));
  // Parents before children, as React Flow requires for sub-flows.
  const nodes: StateNodeType[] = [...graph.states]
    .sort((a, b) => a.depth - b.depth)
    .map((s) => {
      const p = layout.get(s.id) ?? { x: 0, y: 0, width: 0, height: 0 };
      return {
        id: s.id,
        type: 'state',
        position: { x: p.x, y: p.y },
        width: p.width,
        height: p.height,
        ...(s.parent ? { parentId: s.parent, extent: 'parent' as const } : {}),
        draggable: false,
        selectable: false,
        focusable: false,
        data: {
          state: s,
          current: status.active.has(s.id),
          visited: visited.has(s.id),
          count: status.counts.size > 0 || status.path.length === 0 ? (status.counts.get(s.id) ?? null) : null,
          steps: stepMark(steps.get(s.id)),
          compound: hasChildren.has(s.id),
        },
      };
    });
  const abs = (id: string | null): { x: number; y: number } => {
    const at = { x: 0, y: 0 };
    let cur: string | null = id;
    while (cur) {
      at.x += layout.get(cur)?.x ?? 0;
      at.y += layout.get(cur)?.y ?? 0;
      cur = graph.states.find((s) => s.id === cur)?.parent ?? null;
    }
    return at;
  };
  const absY = (id: string): number => abs(id).y;
  const pairs = new Map<string, ChartTransition[]>();
  for (const t of graph.transitions) {
    if (!t.target) continue;
    const key = `${t.source}->${t.target}`;
    pairs.set(key, [...(pairs.get(key) ?? []), t]);
  }
  const edges: TransitionEdgeType[] = [...pairs].map(([key, list]) => {
    const { source, target } = list[0] as ChartTransition & { target: string };
    const back = absY(target as string) <= absY(source);
    const taken = list.some((t) => lastIds.has(t.id));
    const route = routes.get(key);
    const origin = abs(route?.parent ?? null);
    const shift = (p: { x: number; y: number }) => ({ x: p.x + origin.x, y: p.y + origin.y });
    return {
      id: key,
      source,
      target: target as string,
      type: 'transition',
      ...(back ? { sourceHandle: 'back-out', targetHandle: 'back-in' } : {}),
      animated: taken && opts.animate,
      focusable: false,
      selectable: false,
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
      data: {
        back,
        ...(route && !back ? { points: route.points.map(shift), label: shift(route.label) } : {}),
        taken,
        onPath: list.some((t) => takenIds.has(t.id)),
        lines: list.map((t) => ({ id: t.id, text: transitionText(t, true), actions: t.actions.join(', '), faults: faultsOn(t, status), taken: lastIds.has(t.id) })),
      },
    };
  });
  let width = 0;
  let height = 0;
  for (const s of graph.states) {
    if (s.parent) continue;
    const p = layout.get(s.id);
    if (!p) continue;
    width = Math.max(width, p.x + p.width);
    height = Math.max(height, p.y + p.height);
  }
  // A back edge's label runs out to the right of the states; the view is fitted to the nodes, so an
  // empty node where the widest such label ends keeps the label inside the drawing.
  let reach = width;
  for (const e of edges) {
    if (!e.data?.back) continue;
    // The curve leaves the source's right side and enters the target's: it bulges past the wider of the two.
    const right = (id: string) => abs(id).x + (layout.get(id)?.width ?? 0);
    const chars = Math.max(...e.data.lines.map((l) => l.text.length + (l.actions ? l.actions.length + 3 : 0) + (l.faults.length ? 4 + l.faults.join(', ').length : 0)));
    reach = Math.max(reach, Math.max(right(e.source), right(e.target)) + BACK_BULGE + chars * CHAR_WIDTH);
  }
  if (reach > width) {
    nodes.push({ id: '__label-room', type: 'room', position: { x: reach, y: 0 }, width: 1, height: 1, draggable: false, selectable: false, focusable: false, data: {} } as unknown as StateNodeType);
    width = reach;
  }
  return { nodes, edges, width, height };
}
