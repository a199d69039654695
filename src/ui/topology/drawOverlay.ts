/**
 * Draws messages in flight and the short-lived fault/remedy marks onto a canvas laid over
 * the React Flow pane. Pure drawing: everything it needs comes in `OverlayInput`.
 */
import type { InFlightView } from '../../sim/api';
import { messageColor } from '../messageColors';
import { MARK_LABEL, MARK_TONE, type Mark, senderNode, type TraceIndex } from '../traceIndex';
import type { ServiceId } from '../../sim/types';
import { dotSprite, pillSprite, type Sprite, stamp } from './sprites';
import { brokerAnchor, type Layout, messagePath, pointOnPath, type Pt, serviceAnchor, type TopologyNodeId } from './layout';

/** Colours read from the page's CSS variables. */
export interface OverlayTheme {
  text: string;
  halo: string;
  bad: string;
  good: string;
  info: string;
  dup: string;
  /** The selected message's path, drawn like a laser pointer. */
  laser: string;
}

/** What one frame of the overlay needs. */
export interface OverlayInput {
  /** The messages in flight at `now`. */
  inFlight: InFlightView[];
  /** The playhead. */
  now: number;
  index: TraceIndex;
  transform: [number, number, number];
  width: number;
  height: number;
  dpr: number;
  selectedOrder: string | null;
  selectedMessage: string | null;
  reducedMotion: boolean;
  /** Virtual ms a mark stays visible. */
  markWindow: number;
  /** Size of dots, labels and pills relative to normal (presenter mode draws them larger). */
  scale: number;
  theme: OverlayTheme;
  /** The arrangement of the nodes the dots travel between. */
  layout: Layout;
}

/** A message as drawn, in CSS pixels relative to the canvas, for hit testing. */
export interface DrawnMessage {
  x: number;
  y: number;
  m: InFlightView;
}

/** What a frame drew: the moving dots (for hit testing) and, with reduced motion, the static count markers instead. */
export interface OverlayResult {
  drawn: DrawnMessage[];
  staticMarkers: number;
  /** Laser-pointer routes drawn for the selected message (one per copy in flight). */
  laserPaths: number;
}

/** Above this many messages, only the selected order's messages carry a label. */
const LABEL_LIMIT = 40;
const DOT = 5;

function toneColor(theme: OverlayTheme, kind: Mark['kind']): string {
  const tone = MARK_TONE[kind];
  return tone === 'bad' ? theme.bad : tone === 'good' ? theme.good : theme.info;
}

/**
 * Makers of the pill of every kind of mark at this theme, size and device scale, for the overlay
 * to run in idle moments ahead of need: making a pill costs several ms (the first text drawn on
 * an offscreen canvas sets up fonts, ~30 ms), and the first marks show in the first frames after
 * Play, which it stretched into a long task. Made ahead, those frames only stamp the bitmaps.
 */
export function markPillMakers(theme: OverlayTheme, scale: number, s: number): (() => void)[] {
  return (Object.keys(MARK_LABEL) as Mark['kind'][]).map((kind) => () => void pillSprite(MARK_LABEL[kind], toneColor(theme, kind), scale, s));
}

/**
 * Where the n-th pill of a mark goes: wide, outside the node on its broker-facing side, stacked
 * away from it; narrow (no room between the rows), inside the node's foot, stacked upwards.
 */
function markAnchor(layout: Layout, m: Mark, n: number, scale: number): Pt {
  if (m.onPublishLeg && m.node !== 'broker' && m.node !== 'dlq' && m.node !== 'provider') {
    const a = serviceAnchor(layout, m.node);
    const b = brokerAnchor(layout, m.node);
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
  const box = layout.boxes[m.node];
  const right = box.x + box.w - 4;
  const step = 17 * scale;
  const first = 11 * scale;
  if (layout.kind === 'narrow') return { x: right, y: box.y + box.h - first - n * step };
  const below = m.node === 'provider' || layout.facing[m.node as ServiceId] === 'bottom';
  return below ? { x: right, y: box.y + box.h + first + n * step } : { x: right, y: box.y - first - n * step };
}

/** Text widths by font and label: pills show a dozen fixed labels, and measuring text every frame was a visible cost. */
const widths = new Map<string, number>();

function textWidth(ctx: CanvasRenderingContext2D, font: string, text: string): number {
  const key = `${font}|${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    w = ctx.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

/** Device pixels per layout unit and the device offset: where a layout point lands on the canvas's pixels. */
interface Device {
  s: number;
  ox: number;
  oy: number;
}

function deviceOf(input: OverlayInput): Device {
  const [tx, ty, k] = input.transform;
  return { s: input.dpr * k, ox: input.dpr * tx, oy: input.dpr * ty };
}

/** A pill anchored by the middle of its right end at (x, y) in layout units, stamped from a sprite. */
function pill(ctx: CanvasRenderingContext2D, dev: Device, x: number, y: number, text: string, color: string, alpha: number, scale = 1): void {
  const sprite = pillSprite(text, color, scale, dev.s);
  ctx.globalAlpha = alpha;
  if (sprite) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    stamp(ctx, sprite, x * dev.s + dev.ox, y * dev.s + dev.oy);
    ctx.setTransform(dev.s, 0, 0, dev.s, dev.ox, dev.oy);
  } else {
    // No offscreen surface (a lost context): draw it in place.
    const font = `600 ${10 * scale}px system-ui, sans-serif`;
    ctx.font = font;
    const w = textWidth(ctx, font, text) + 10 * scale;
    const h = 15 * scale;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.roundRect(x - w, y - h / 2, w, h, h / 2);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(text, x - w + 5 * scale, y + 0.5);
  }
  ctx.globalAlpha = 1;
}

function isOfOrder(index: TraceIndex, m: InFlightView, orderId: string): boolean {
  if (m.msg.orderId === orderId) return true;
  return m.msg.orderId === null && index.ordersOf(m.msg).includes(orderId);
}

/** Draws one frame and returns where each message was drawn. */
export function drawOverlay(ctx: CanvasRenderingContext2D, input: OverlayInput): OverlayResult {
  const { inFlight, index, transform, dpr, theme } = input;
  const [tx, ty, k] = transform;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, input.width * dpr, input.height * dpr);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * tx, dpr * ty);
  const now = input.now;
  const drawn: DrawnMessage[] = [];

  drawMarks(ctx, input, now);
  const laserPaths = drawLaser(ctx, input);

  if (input.reducedMotion) {
    return { drawn, staticMarkers: drawStaticCounts(ctx, deviceOf(input), input.layout, inFlight, theme), laserPaths };
  }

  const labelAll = inFlight.length <= LABEL_LIMIT;
  const sel = input.selectedOrder;
  const waiting = new Map<string, number>();
  const scale = input.scale;
  // Dots are drawn in batches, one path per colour and opacity, because a canvas without a GPU
  // pays per fill and stroke call; the few selected or labelled dots get their extras afterwards.
  const batches = new Map<string, number[]>();
  const radius: number[] = [];
  const dimmed: boolean[] = [];
  const mineOrPicked: boolean[] = [];
  for (const m of inFlight) {
    const span = m.dueAt - m.sentAt;
    const p = span > 0 ? (now - m.sentAt) / span : 1;
    const path = messagePath(input.layout, senderNode(m.msg), m.to);
    const onPath = pointOnPath(input.layout, path, p);
    let pt = onPath.pt;
    const inside = onPath.inside && p < 1;
    if (p >= 1) {
      // Stored and waiting for its consumer: queue up along the delivery leg, head at the door.
      const k = waiting.get(m.to) ?? 0;
      waiting.set(m.to, k + 1);
      const door = path[3];
      const gate = path[2];
      const len = Math.hypot(gate.x - door.x, gate.y - door.y) || 1;
      const f = Math.min(0.9, (k * 9 * scale) / len);
      pt = { x: door.x + (gate.x - door.x) * f, y: door.y + (gate.y - door.y) * f };
    }
    // Stored inside the wide broker: the partition counters show it; a dot would only cover the topic names.
    if (inside && !input.layout.drawInside) continue;
    const mine = sel !== null && isOfOrder(index, m, sel);
    const picked = input.selectedMessage === m.msg.id;
    const dim = sel !== null && !mine;
    const key = `${dim ? 'd' : 'f'}${messageColor(m.msg.type)}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = [];
      batches.set(key, batch);
    }
    batch.push(drawn.length);
    radius.push((mine || picked ? DOT + 1.5 : DOT) * scale);
    dimmed.push(dim);
    mineOrPicked.push(mine || picked);
    drawn.push({ x: pt.x, y: pt.y, m });
  }
  // `drawn` holds layout coordinates until the end, where they become CSS pixels for hit testing.
  // Dots and duplicate rings are stamped from sprites in device pixels (see sprites.ts).
  const dev = deviceOf(input);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  for (const [key, batch] of batches) {
    ctx.globalAlpha = key[0] === 'd' ? 0.18 : 1;
    const fill = key.slice(1);
    // A batch holds at most two sizes (plain, and mine or picked): look each sprite up once.
    let sr = -1;
    let sprite: Sprite | null = null;
    for (const i of batch) {
      const d = drawn[i];
      if (radius[i] !== sr) {
        sr = radius[i];
        sprite = dotSprite(fill, theme.halo, sr, dev.s, false);
      }
      stampDot(ctx, sprite, dev, d.x, d.y, sr, fill, theme.halo, false);
    }
  }
  // A second, dashed ring marks a copy the consumer has (or may have) seen before.
  const rings = new Map<number, Sprite | null>();
  for (const alpha of [1, 0.18]) {
    ctx.globalAlpha = alpha;
    for (let i = 0; i < drawn.length; i++) {
      const d = drawn[i];
      if (!(d.m.duplicate || d.m.attempt > 1) || dimmed[i] !== (alpha !== 1)) continue;
      const r = radius[i] + 3.5 * scale;
      let ring = rings.get(r);
      if (ring === undefined) {
        ring = dotSprite(theme.dup, theme.dup, r, dev.s, true);
        rings.set(r, ring);
      }
      stampDot(ctx, ring, dev, d.x, d.y, r, theme.dup, theme.dup, true);
    }
  }
  ctx.setTransform(dev.s, 0, 0, dev.s, dev.ox, dev.oy);
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.font = `600 ${9 * scale}px ui-monospace, SFMono-Regular, Menlo, monospace`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (let i = 0; i < drawn.length; i++) {
    const d = drawn[i];
    const m = d.m;
    const picked = input.selectedMessage === m.msg.id;
    const r = radius[i];
    if (picked) {
      ctx.strokeStyle = theme.text;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(d.x, d.y, r + 6 * scale, 0, Math.PI * 2);
      ctx.stroke();
    }
    if ((labelAll && !dimmed[i]) || mineOrPicked[i]) {
      const label = m.msg.orderId ?? m.msg.requestId;
      ctx.fillStyle = theme.text;
      ctx.fillText(m.duplicate ? `${label} ×2` : label, d.x + r + 3 * scale, d.y);
    }
    d.x = d.x * k + tx;
    d.y = d.y * k + ty;
  }
  return { drawn, staticMarkers: 0, laserPaths };
}

/** Stamps a dot (or dashed ring) at (x, y) in layout units; draws it as a path when there is no sprite. */
function stampDot(ctx: CanvasRenderingContext2D, sprite: Sprite | null, dev: Device, x: number, y: number, r: number, fill: string, halo: string, dashed: boolean): void {
  if (sprite) {
    stamp(ctx, sprite, x * dev.s + dev.ox, y * dev.s + dev.oy);
    return;
  }
  ctx.setTransform(dev.s, 0, 0, dev.s, dev.ox, dev.oy);
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.lineWidth = dashed ? 2 : 1.5;
  ctx.setLineDash(dashed ? [2, 2] : []);
  if (!dashed) {
    ctx.fillStyle = fill;
    ctx.fill();
  }
  ctx.strokeStyle = halo;
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

function drawMarks(ctx: CanvasRenderingContext2D, input: OverlayInput, now: number): void {
  const marks = input.index.marksBetween(now - input.markWindow, now);
  if (marks.length === 0) return;
  const stack = new Map<TopologyNodeId, number>();
  const flashed = new Set<TopologyNodeId>();
  // Newest first: the newest mark sits closest to the node.
  for (const m of marks) {
    const n = stack.get(m.node) ?? 0;
    if (n >= 3) continue;
    stack.set(m.node, n + 1);
    const age = Math.min(1, Math.max(0, (now - m.t) / input.markWindow));
    const color = toneColor(input.theme, m.kind);
    const a = markAnchor(input.layout, m, n, input.scale);
    if (!m.onPublishLeg && !flashed.has(m.node)) {
      flashed.add(m.node);
      const box = input.layout.boxes[m.node];
      const grow = input.reducedMotion ? 3 : 3 + age * 8;
      ctx.globalAlpha = input.reducedMotion ? 0.8 : 1 - age;
      ctx.strokeStyle = color;
      // Dashed, so a flash never reads as the (solid) selection ring.
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.roundRect(box.x - grow, box.y - grow, box.w + 2 * grow, box.h + 2 * grow, 12);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
    }
    if (m.onPublishLeg) {
      // A cross where the publish was lost.
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.5;
      ctx.globalAlpha = input.reducedMotion ? 1 : 1 - age * 0.6;
      ctx.beginPath();
      ctx.moveTo(a.x - 5, a.y - 5);
      ctx.lineTo(a.x + 5, a.y + 5);
      ctx.moveTo(a.x + 5, a.y - 5);
      ctx.lineTo(a.x - 5, a.y + 5);
      ctx.stroke();
      ctx.globalAlpha = 1;
      pill(ctx, deviceOf(input), a.x - 9 * input.scale, a.y, MARK_LABEL[m.kind], color, input.reducedMotion ? 1 : 1 - age * 0.6, input.scale);
      continue;
    }
    pill(ctx, deviceOf(input), a.x, a.y, MARK_LABEL[m.kind], color, input.reducedMotion ? 1 : 1 - age * 0.6, input.scale);
  }
}

/**
 * The selected message's whole route, sender → broker → recipient, as a glowing line with an
 * arrowhead: what a presenter would trace with a laser pointer. One line per copy in flight.
 */
function drawLaser(ctx: CanvasRenderingContext2D, input: OverlayInput): number {
  const id = input.selectedMessage;
  if (!id) return 0;
  const scale = input.scale;
  let n = 0;
  for (const m of input.inFlight) {
    if (m.msg.id !== id) continue;
    const path = messagePath(input.layout, senderNode(m.msg), m.to);
    ctx.save();
    ctx.strokeStyle = input.theme.laser;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.shadowColor = input.theme.laser;
    ctx.shadowBlur = 10 * scale;
    ctx.globalAlpha = 0.85;
    ctx.lineWidth = 3.5 * scale;
    ctx.beginPath();
    ctx.moveTo(path[0].x, path[0].y);
    for (const p of path.slice(1)) ctx.lineTo(p.x, p.y);
    ctx.stroke();
    const [from, to] = [path[2], path[3]];
    const angle = Math.atan2(to.y - from.y, to.x - from.x);
    const head = 9 * scale;
    ctx.fillStyle = input.theme.laser;
    ctx.beginPath();
    ctx.moveTo(to.x, to.y);
    ctx.lineTo(to.x - head * Math.cos(angle - 0.45), to.y - head * Math.sin(angle - 0.45));
    ctx.lineTo(to.x - head * Math.cos(angle + 0.45), to.y - head * Math.sin(angle + 0.45));
    ctx.closePath();
    ctx.fill();
    ctx.restore();
    n++;
  }
  return n;
}

/** Reduced motion: one static count per delivery leg instead of moving dots. Returns how many it drew. */
function drawStaticCounts(ctx: CanvasRenderingContext2D, dev: Device, layout: Layout, inFlight: InFlightView[], theme: OverlayTheme): number {
  const counts = new Map<ServiceId, number>();
  for (const m of inFlight) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  for (const [to, n] of counts) {
    const a = serviceAnchor(layout, to);
    const b = brokerAnchor(layout, to);
    // Narrow, the legs are short and sideways: the count goes inside the service, at its door.
    const at = layout.kind === 'narrow' ? { x: layout.boxes[to].x + layout.boxes[to].w - 4, y: layout.boxes[to].y + layout.boxes[to].h - 11 } : { x: (a.x + b.x) / 2 + 34, y: (a.y + b.y) / 2 };
    pill(ctx, dev, at.x, at.y, `${n} in flight`, theme.info, 1);
  }
  return counts.size;
}
