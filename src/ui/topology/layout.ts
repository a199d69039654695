/**
 * Fixed positions of the topology, in flow coordinates. Nodes are not draggable, so the
 * message overlay can compute every path from these numbers without asking React Flow.
 */
import type { ServiceId } from '../../sim/types';

/** A node's box in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Everything the topology draws a node for. */
export type TopologyNodeId = ServiceId | 'broker' | 'dlq' | 'provider';

/** Service box: wide enough for "Notification" with its icon and status dot. */
const SW = 152;
const SH = 88;
/** The broker spans the service rows. */
const BW = 664;
const GAP_TOP = (BW - 3 * SW) / 2;
const GAP_BOTTOM = (BW - 4 * SW) / 3;
/** The small nodes right of the broker: wide enough for "Dead letters" and "1,000 charges". */
const SMALL_X = BW + 24;
const SMALL_W = 150;

/** Services above the broker publish and consume from its top edge; those below, from its bottom edge. */
export const TOP_ROW: ServiceId[] = ['customer', 'order', 'payment'];
/** Services below the broker. */
export const BOTTOM_ROW: ServiceId[] = ['inventory', 'shipping', 'notification', 'analytics'];

/** Node boxes. */
export const BOXES: Record<TopologyNodeId, Box> = {
  customer: { x: 0, y: 0, w: SW, h: SH },
  order: { x: SW + GAP_TOP, y: 0, w: SW, h: SH },
  payment: { x: 2 * (SW + GAP_TOP), y: 0, w: SW, h: SH },
  // Charges and refunds on two lines: on one, three-digit counts were cut off.
  provider: { x: SMALL_X, y: 0, w: SMALL_W, h: 90 },
  broker: { x: 0, y: 142, w: BW, h: 124 },
  dlq: { x: SMALL_X, y: 166, w: SMALL_W, h: 76 },
  inventory: { x: 0, y: 326, w: SW, h: SH },
  shipping: { x: SW + GAP_BOTTOM, y: 326, w: SW, h: SH },
  notification: { x: 2 * (SW + GAP_BOTTOM), y: 326, w: SW, h: SH },
  analytics: { x: 3 * (SW + GAP_BOTTOM), y: 326, w: SW, h: SH },
};

/** A point in flow coordinates. */
export interface Pt {
  x: number;
  y: number;
}

function isTop(id: ServiceId): boolean {
  return TOP_ROW.includes(id);
}

/** Where messages leave or enter a service: the side that faces the broker. */
export function serviceAnchor(id: ServiceId): Pt {
  const b = BOXES[id];
  return isTop(id) ? { x: b.x + b.w / 2, y: b.y + b.h } : { x: b.x + b.w / 2, y: b.y };
}

/** Where a service's traffic meets the broker's edge. */
export function brokerAnchor(id: ServiceId): Pt {
  const s = BOXES[id];
  const b = BOXES.broker;
  return { x: s.x + s.w / 2, y: isTop(id) ? b.y : b.y + b.h };
}

/** Handle offset (px from the broker's left) for a service's edge, for React Flow's handles. */
export function brokerHandleLeft(id: ServiceId): number {
  const s = BOXES[id];
  return s.x + s.w / 2 - BOXES.broker.x;
}

/** Centre of any node. */
export function centre(id: TopologyNodeId): Pt {
  const b = BOXES[id];
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

/** The three-leg path of a message: publish leg, through the broker, delivery leg. */
export function messagePath(from: ServiceId | 'dlq', to: ServiceId): [Pt, Pt, Pt, Pt] {
  const start = from === 'dlq' ? { x: BOXES.dlq.x, y: centre('dlq').y } : serviceAnchor(from);
  const b1 = from === 'dlq' ? { x: BOXES.broker.x + BOXES.broker.w, y: centre('dlq').y } : brokerAnchor(from);
  return [start, b1, brokerAnchor(to), serviceAnchor(to)];
}

/** Share of a message's flight spent on each leg (publish, inside the broker, delivery). */
export const LEG_SHARE: [number, number, number] = [0.42, 0.16, 0.42];

/** Point at progress `p` (0..1) along a message path; `inside` is true while it is stored in the broker. */
export function pointOnPath(path: [Pt, Pt, Pt, Pt], p: number): { pt: Pt; inside: boolean } {
  const q = Math.min(1, Math.max(0, p));
  const [a, b, c] = LEG_SHARE;
  if (q <= a) return { pt: lerp(path[0], path[1], q / a), inside: false };
  if (q <= a + b) return { pt: lerp(path[1], path[2], (q - a) / b), inside: true };
  return { pt: lerp(path[2], path[3], (q - a - b) / c), inside: false };
}

function lerp(p: Pt, q: Pt, f: number): Pt {
  return { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f };
}

/** Whole-graph bounds, for fitting the view. */
export const GRAPH_BOUNDS: Box = { x: -10, y: -24, w: SMALL_X + SMALL_W + 20, h: 460 };
