/**
 * A small layered layout for a `MachineGraph`, computed here rather than with a layout library:
 * machines have a dozen states, and a longest-path layering with one barycentre pass reads well
 * at that size without adding a dependency. Each compound state is laid out on its own and then
 * placed as one box in its parent's layers, so nested states stay inside their parent.
 *
 * Layers run top to bottom (the side panel is narrow and scrolls vertically). Positions of
 * children are relative to their parent, as React Flow's sub-flows expect.
 */
import type { ChartState, MachineGraph } from './machineGraph';

/** Where one state sits; x and y are relative to its parent's box (or the chart). */
export interface Placed {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The layer within its parent, 0 at the top. */
  layer: number;
}

/**
 * The bends of an edge that spans several layers: it passes through a slot reserved in each
 * layer in between (so it goes round the states there), with its label in the first slot.
 */
export interface Route {
  /** Points relative to the parent's box, top to bottom. */
  points: { x: number; y: number }[];
  label: { x: number; y: number };
  parent: string | null;
}

/** A finished layout: the box of every state and the route of every long edge (keyed `source->target`). */
export interface ChartLayout {
  states: Map<string, Placed>;
  routes: Map<string, Route>;
}

/** Sizes the layout works with, in CSS pixels at zoom 1. */
export const SIZES = {
  nodeWidth: 148,
  nodeHeight: 34,
  internalLine: 15,
  layerGap: 52,
  nodeGap: 36,
  padding: 12,
  header: 24,
  /** One line of an edge's label (8.5px text, line-height 1.25). */
  labelLine: 11,
  /** Widest a state grows to fit its internal lines. */
  maxNodeWidth: 230,
} as const;

/** A state wide enough for its longest internal line (9.5px text), within bounds. */
function leafWidth(s: ChartState): number {
  const longest = Math.max(0, ...s.internal.map((t) => t.label.length + (t.guard ? t.guard.length + 3 : 0)));
  return Math.min(SIZES.maxNodeWidth, Math.max(SIZES.nodeWidth, Math.ceil(longest * 5.6 + 24)));
}

/** Rough width of a label line in the chart's small font. */
function labelWidth(graph: MachineGraph, source: string, target: string): number {
  const lines = graph.transitions.filter((t) => t.source === source && t.target === target).map((t) => t.label.length + (t.guard ? t.guard.length + 3 : 0));
  return Math.max(10, ...lines) * 4.7 + 8;
}

/** Lays out every state of `graph` (see `ChartLayout`). */
export function layoutGraph(graph: MachineGraph): ChartLayout {
  const children = new Map<string | null, ChartState[]>();
  for (const s of graph.states) {
    const list = children.get(s.parent) ?? [];
    list.push(s);
    children.set(s.parent, list);
  }
  const parentOf = new Map(graph.states.map((s) => [s.id, s.parent]));
  const placed = new Map<string, Placed>();
  const routes = new Map<string, Route>();

  // The sibling under `parent` that contains `id` (or null when `id` is not inside `parent`).
  const siblingUnder = (id: string, parent: string | null): string | null => {
    let cur: string | null = id;
    while (cur !== null) {
      const p: string | null = parentOf.get(cur) ?? null;
      if (p === parent) return cur;
      cur = p;
    }
    return null;
  };

  const layoutLevel = (parent: string | null): { width: number; height: number } => {
    const kids = children.get(parent) ?? [];
    const size = new Map<string, { width: number; height: number }>();
    for (const k of kids) {
      if (children.has(k.id)) {
        const inner = layoutLevel(k.id);
        size.set(k.id, { width: inner.width + 2 * SIZES.padding, height: inner.height + SIZES.header + SIZES.padding });
      } else {
        size.set(k.id, { width: leafWidth(k), height: SIZES.nodeHeight + k.internal.length * SIZES.internalLine });
      }
    }
    // Edges between siblings, lifted from any descendants.
    const succ = new Map<string, string[]>(kids.map((k) => [k.id, []]));
    for (const t of graph.transitions) {
      if (t.target === null) continue;
      const a = siblingUnder(t.source, parent);
      const b = siblingUnder(t.target, parent);
      if (a && b && a !== b && !succ.get(a)?.includes(b)) succ.get(a)?.push(b);
    }
    const layer = rankLayers(kids, succ);
    const depthCount = Math.max(0, ...kids.map((k) => (layer.get(k.id) ?? 0) + 1));
    const layers: string[][] = Array.from({ length: depthCount }, () => []);
    for (const k of kids) layers[layer.get(k.id) ?? 0].push(k.id);
    // Edges between direct siblings that skip layers get a slot in each layer they cross.
    const slots = new Map<string, string[]>();
    const long = [...succ].flatMap(([a, tos]) =>
      tos.filter((b) => (layer.get(b) ?? 0) - (layer.get(a) ?? 0) >= 2 && parentOf.get(a) === parent && parentOf.get(b) === parent).map((b) => [a, b] as const),
    );
    for (const [a, b] of long) {
      const la = layer.get(a) ?? 0;
      const chain: string[] = [];
      for (let l = la + 1; l < (layer.get(b) ?? 0); l++) {
        const d = `~${a}->${b}~${l}`;
        chain.push(d);
        layers[l].push(d);
        size.set(d, { width: l === la + 1 ? labelWidth(graph, a, b) : 12, height: 0 });
      }
      // The ordering pass sees the chain instead of the direct edge.
      const hops = [a, ...chain, b];
      succ.set(a, [...(succ.get(a) ?? []).filter((x) => x !== b), chain[0]]);
      for (let i = 1; i + 1 < hops.length; i++) succ.set(hops[i], [hops[i + 1]]);
      slots.set(`${a}->${b}`, chain);
    }
    orderByBarycentre(layers, succ);

    const widths = layers.map((ids) => ids.reduce((w, id) => w + (size.get(id)?.width ?? 0), 0) + SIZES.nodeGap * Math.max(0, ids.length - 1));
    const width = Math.max(SIZES.nodeWidth, ...widths);
    // The gap below a layer leaves room for the tallest label on an edge to the next layer (one
    // line per branch, e.g. the consumer loop's five crash branches into down), with arrow room.
    const lines = new Map<string, number>();
    for (const t of graph.transitions) {
      if (t.target === null || parentOf.get(t.source) !== parent || parentOf.get(t.target) !== parent) continue;
      if ((layer.get(t.target) ?? 0) !== (layer.get(t.source) ?? 0) + 1) continue;
      const key = `${t.source}->${t.target}`;
      lines.set(key, (lines.get(key) ?? 0) + 1);
    }
    const gapBelow = (li: number): number => {
      let most = 0;
      for (const [key, n] of lines) if ((layer.get(key.split('->')[0]) ?? -1) === li) most = Math.max(most, n);
      return Math.max(SIZES.layerGap, most * SIZES.labelLine + 32);
    };
    let y = parent === null ? 0 : SIZES.header;
    const layerBox: { y: number; h: number }[] = [];
    let lastGap: number = SIZES.layerGap;
    const x0 = parent === null ? 0 : SIZES.padding;
    layers.forEach((ids, li) => {
      let x = x0 + (width - widths[li]) / 2;
      const h = Math.max(...ids.map((id) => size.get(id)?.height ?? 0));
      for (const id of ids) {
        const s = size.get(id) ?? { width: 0, height: 0 };
        placed.set(id, { id, x, y, width: s.width, height: s.height, layer: li });
        x += s.width + SIZES.nodeGap;
      }
      const gap = gapBelow(li);
      y += h + gap;
      layerBox.push({ y: y - h - gap, h });
      lastGap = gap;
    });
    for (const [key, chain] of slots) {
      const points = chain.flatMap((d) => {
        const p = placed.get(d);
        const box = layerBox[p?.layer ?? 0];
        const x = (p?.x ?? 0) + (p?.width ?? 0) / 2;
        placed.delete(d);
        return [
          { x, y: box.y },
          { x, y: box.y + box.h },
        ];
      });
      routes.set(key, { points, label: { x: points[0].x, y: (points[0].y + points[1].y) / 2 }, parent });
    }
    return { width, height: Math.max(0, y - lastGap - (parent === null ? 0 : SIZES.header)) };
  };
  layoutLevel(null);
  return { states: placed, routes };
}

/**
 * Longest-path layers after breaking cycles: a depth-first walk from the initial state marks
 * the edges that point back to a state still on the walk, and those are left out.
 */
function rankLayers(kids: ChartState[], succ: Map<string, string[]>): Map<string, number> {
  const order = [...kids].sort((a, b) => Number(b.initial) - Number(a.initial));
  const state = new Map<string, 'open' | 'done'>();
  const forward = new Map<string, string[]>(kids.map((k) => [k.id, []]));
  const walk = (id: string): void => {
    state.set(id, 'open');
    for (const n of succ.get(id) ?? []) {
      if (state.get(n) === 'open') continue;
      forward.get(id)?.push(n);
      if (!state.has(n)) walk(n);
    }
    state.set(id, 'done');
  };
  for (const k of order) if (!state.has(k.id)) walk(k.id);
  const layer = new Map<string, number>();
  const depth = (id: string, seen: Set<string>): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    let best = 0;
    for (const [from, tos] of forward) {
      if (tos.includes(id) && !seen.has(from)) best = Math.max(best, depth(from, new Set([...seen, id])) + 1);
    }
    layer.set(id, best);
    return best;
  };
  for (const k of kids) depth(k.id, new Set());
  return layer;
}

/** One top-down pass ordering each layer by the mean position of its predecessors, to cut crossings. */
function orderByBarycentre(layers: string[][], succ: Map<string, string[]>): void {
  for (let i = 1; i < layers.length; i++) {
    const pos = new Map(layers[i - 1].map((id, j) => [id, j]));
    const bary = (id: string): number => {
      const from = [...succ].filter(([a, tos]) => pos.has(a) && tos.includes(id)).map(([a]) => pos.get(a) ?? 0);
      return from.length ? from.reduce((s, v) => s + v, 0) / from.length : Number.POSITIVE_INFINITY;
    };
    const keyed = layers[i].map((id, j) => ({ id, b: bary(id), j }));
    keyed.sort((a, b) => a.b - b.b || a.j - b.j);
    layers[i] = keyed.map((k) => k.id);
  }
}
