/**
 * Fixed positions of the topology, in flow coordinates, in two arrangements of the same nodes:
 * `WIDE` (services in rows above and below a long broker) and `NARROW` for phones (services in
 * columns either side of a tall broker, so labels stay readable in a 390 px column). Nodes are
 * not draggable, so the message overlay computes every path from these numbers.
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

/** The side of a node that faces the broker (or, for the provider, the payment service). */
export type Side = 'top' | 'bottom' | 'left' | 'right';

/** One arrangement of the topology. */
export interface Layout {
  kind: 'wide' | 'narrow';
  boxes: Record<TopologyNodeId, Box>;
  /** Which side of each service its traffic leaves and enters by. */
  facing: Record<ServiceId, Side>;
  /** Which side of the payment service the provider hangs off. */
  providerSide: Side;
  /** Share of a message's flight spent on each leg (publish, inside the broker, delivery). */
  legShare: [number, number, number];
  /** Whether dots are drawn while inside the broker (the wide broker's topic names must not be covered). */
  drawInside: boolean;
}

/** Services above the wide broker (left of the narrow one). */
export const TOP_ROW: ServiceId[] = ['customer', 'order', 'payment'];
/** Services below the wide broker (right of the narrow one). */
export const BOTTOM_ROW: ServiceId[] = ['inventory', 'shipping', 'notification', 'analytics'];

function facingEach(first: Side, second: Side): Record<ServiceId, Side> {
  const out = {} as Record<ServiceId, Side>;
  for (const s of TOP_ROW) out[s] = first;
  for (const s of BOTTOM_ROW) out[s] = second;
  return out;
}

/** Wide service box: wide enough for "Notification" with its icon and status dot. */
const SW = 152;
const SH = 88;
/** The wide broker spans the service rows. */
const BW = 664;
const GAP_TOP = (BW - 3 * SW) / 2;
const GAP_BOTTOM = (BW - 4 * SW) / 3;
/** The small nodes right of the broker: wide enough for "Dead letters" and "1,000 charges". */
const SMALL_X = BW + 24;
const SMALL_W = 150;

/** Desktop: three services above the broker, four below, the provider and dead letters to its right. */
export const WIDE: Layout = {
  kind: 'wide',
  boxes: {
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
  },
  facing: facingEach('bottom', 'top'),
  providerSide: 'right',
  legShare: [0.42, 0.16, 0.42],
  drawInside: false,
};

/** Narrow column: 116 + 18 + 72 + 18 + 116 = 340 flow px, about the width of a phone at zoom 1. */
const NW = 116;
const NH = 90;
const NGAP = 18;
const NBW = 72;
const NPITCH = NH + 10;
const NBX = NW + NGAP;
const NRX = NBX + NBW + NGAP;

/** Phones: the senders left of a tall broker, the rest right of it, provider and dead letters at the foot of each column. */
export const NARROW: Layout = {
  kind: 'narrow',
  boxes: {
    customer: { x: 0, y: 0, w: NW, h: NH },
    order: { x: 0, y: NPITCH, w: NW, h: NH },
    payment: { x: 0, y: 2 * NPITCH, w: NW, h: NH },
    provider: { x: 0, y: 3 * NPITCH, w: NW, h: NH },
    broker: { x: NBX, y: 0, w: NBW, h: 4 * NPITCH + NH },
    inventory: { x: NRX, y: 0, w: NW, h: NH },
    shipping: { x: NRX, y: NPITCH, w: NW, h: NH },
    notification: { x: NRX, y: 2 * NPITCH, w: NW, h: NH },
    analytics: { x: NRX, y: 3 * NPITCH, w: NW, h: NH },
    dlq: { x: NRX, y: 4 * NPITCH, w: NW, h: NH },
  },
  facing: facingEach('right', 'left'),
  providerSide: 'bottom',
  // The legs between a column and the broker are short; most of the flight shows inside the broker.
  legShare: [0.2, 0.6, 0.2],
  drawInside: true,
};

/** A point in flow coordinates. */
export interface Pt {
  x: number;
  y: number;
}

/** Where messages leave or enter a service: the side that faces the broker. */
export function serviceAnchor(layout: Layout, id: ServiceId): Pt {
  const b = layout.boxes[id];
  switch (layout.facing[id]) {
    case 'bottom':
      return { x: b.x + b.w / 2, y: b.y + b.h };
    case 'top':
      return { x: b.x + b.w / 2, y: b.y };
    case 'right':
      return { x: b.x + b.w, y: b.y + b.h / 2 };
    case 'left':
      return { x: b.x, y: b.y + b.h / 2 };
  }
}

/** Where a service's traffic meets the broker's edge. */
export function brokerAnchor(layout: Layout, id: ServiceId): Pt {
  const s = layout.boxes[id];
  const b = layout.boxes.broker;
  switch (layout.facing[id]) {
    case 'bottom':
      return { x: s.x + s.w / 2, y: b.y };
    case 'top':
      return { x: s.x + s.w / 2, y: b.y + b.h };
    case 'right':
      return { x: b.x, y: s.y + s.h / 2 };
    case 'left':
      return { x: b.x + b.w, y: s.y + s.h / 2 };
  }
}

/** The broker's handle for a service's edge: which side, and its offset from that side's start. */
export function brokerHandle(layout: Layout, id: ServiceId): { side: Side; offset: number } {
  const a = brokerAnchor(layout, id);
  const b = layout.boxes.broker;
  const f = layout.facing[id];
  const side: Side = f === 'bottom' ? 'top' : f === 'top' ? 'bottom' : f === 'right' ? 'left' : 'right';
  return { side, offset: side === 'top' || side === 'bottom' ? a.x - b.x : a.y - b.y };
}

/** Centre of any node. */
export function centre(layout: Layout, id: TopologyNodeId): Pt {
  const b = layout.boxes[id];
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

/** The three-leg path of a message: publish leg, through the broker, delivery leg. */
export function messagePath(layout: Layout, from: ServiceId | 'dlq', to: ServiceId): [Pt, Pt, Pt, Pt] {
  const { dlq, broker } = layout.boxes;
  const start = from === 'dlq' ? { x: dlq.x, y: centre(layout, 'dlq').y } : serviceAnchor(layout, from);
  const b1 = from === 'dlq' ? { x: broker.x + broker.w, y: centre(layout, 'dlq').y } : brokerAnchor(layout, from);
  return [start, b1, brokerAnchor(layout, to), serviceAnchor(layout, to)];
}

/** Point at progress `p` (0..1) along a message path; `inside` is true while it is stored in the broker. */
export function pointOnPath(layout: Layout, path: [Pt, Pt, Pt, Pt], p: number): { pt: Pt; inside: boolean } {
  const q = Math.min(1, Math.max(0, p));
  const [a, b, c] = layout.legShare;
  if (q <= a) return { pt: lerp(path[0], path[1], q / a), inside: false };
  if (q <= a + b) return { pt: lerp(path[1], path[2], (q - a) / b), inside: true };
  return { pt: lerp(path[2], path[3], (q - a - b) / c), inside: false };
}

function lerp(p: Pt, q: Pt, f: number): Pt {
  return { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f };
}

/** The arrangement for a pane of this many CSS px: the narrow one at phone widths (the stylesheet's breakpoint). */
export function layoutFor(narrow: boolean): Layout {
  return narrow ? NARROW : WIDE;
}

/** The media query that picks the narrow arrangement; matches responsive.css. */
export const NARROW_QUERY = '(max-width: 720px)';
