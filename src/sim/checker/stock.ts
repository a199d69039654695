/**
 * Rules about the stock: never promise customers more units than the warehouse ever had, never
 * count below zero, and at rest the count equals what came in minus what left and what is held.
 */
import type { GroundTruth } from './groundTruth';
import { CALLED_OFF, ms, type Violation } from './types';

/** Checks promises and the stock count against the warehouse. */
export function checkStock(t: GroundTruth): Violation[] {
  return [...promises(t), ...negative(t), ...(t.atRest ? addsUp(t) : [])];
}

/**
 * A unit is promised to a customer from the moment the order is confirmed until it ships (then
 * it is delivered, and still counts against the stock) or the order is called off.
 */
function promises(t: GroundTruth): Violation[] {
  const moves: { t: number; orderId: string; units: number }[] = [];
  for (const o of t.orders) {
    for (let i = 0; i < o.history.length; i++) {
      const h = o.history[i];
      const prev = i > 0 ? o.history[i - 1].state : null;
      if (h.state === 'Confirmed' && prev !== 'Confirmed') moves.push({ t: h.t, orderId: o.id, units: o.quantity });
      else if (prev === 'Confirmed' && h.state !== 'Shipped' && h.state !== 'Confirmed') moves.push({ t: h.t, orderId: o.id, units: -o.quantity });
    }
  }
  // At the same instant, a withdrawn promise counts as gone before a new one is made.
  moves.sort((a, b) => a.t - b.t || a.units - b.units);
  const promised = new Map<string, number>();
  let total = 0;
  let worst: { t: number; total: number; orders: string[] } | null = null;
  for (const m of moves) {
    total += m.units;
    promised.set(m.orderId, (promised.get(m.orderId) ?? 0) + m.units);
    if (total > t.initialStock && (!worst || total > worst.total)) {
      worst = { t: m.t, total, orders: [...promised].filter(([, u]) => u > 0).map(([id]) => id) };
    }
  }
  if (!worst) return [];
  return [
    {
      invariant: 'promisesWithinStock',
      orderIds: worst.orders,
      sentence: `At ${ms(worst.t)}, ${worst.total} units were promised to customers (orders ${worst.orders.join(', ')}), but the warehouse only ever had ${t.initialStock}.`,
    },
  ];
}

function negative(t: GroundTruth): Violation[] {
  const out: Violation[] = [];
  const low = t.stockMoves.find((m) => m.available < 0);
  if (low || t.stockAvailable < 0) {
    out.push({ invariant: 'stockNeverNegative', orderIds: low?.orderId ? [low.orderId] : [], sentence: `The stock count went below zero (${low?.available ?? t.stockAvailable}).` });
  }
  if (t.warehouse < 0) out.push({ invariant: 'stockNeverNegative', orderIds: [], sentence: `The warehouse holds ${t.warehouse} units, fewer than none.` });
  return out;
}

/**
 * At rest: count = initial − shipped − units held for open orders. An open order holds what its
 * own stock moves took, unless a recount (a write naming no order) handed it back, so the count
 * must fall in that range. Each order's net stock
 * moves say which orders took too much (or gave back too little); a write whose result is not
 * the count before it plus its change overwrote someone else's write (a lost update).
 */
function addsUp(t: GroundTruth): Violation[] {
  const net = new Map<string, number>();
  const overwrote = new Set<string>();
  let before = t.initialStock;
  for (const m of t.stockMoves) {
    if (m.orderId) net.set(m.orderId, (net.get(m.orderId) ?? 0) + m.delta);
    if (m.orderId && m.available !== before + m.delta) overwrote.add(m.orderId);
    before = m.available;
  }
  const shipped = new Set(t.shipments.map((s) => s.orderId));
  let shippedUnits = 0;
  for (const s of t.shipments) shippedUnits += s.quantity;
  let openUnits = 0;
  const culprits = new Set(overwrote);
  for (const o of t.orders) {
    const n = net.get(o.id) ?? 0;
    const expected = shipped.has(o.id) ? -o.quantity : CALLED_OFF.has(o.state) ? 0 : null;
    if (expected === null) {
      // Still open (or waiting for a human): it may hold what its own moves took, or have had
      // it handed back by a recount (which names no order), so both ends of that are fine.
      openUnits += Math.min(o.quantity, Math.max(0, -n));
      if (n !== 0 && n !== -o.quantity) culprits.add(o.id);
    } else if (n !== expected) culprits.add(o.id);
  }
  const most = t.initialStock - shippedUnits;
  const least = most - openUnits;
  if (t.stockAvailable >= least && t.stockAvailable <= most) return [];
  const should = least === most ? `${most}` : `between ${least} and ${most} (${openUnits} unit(s) may be held for open orders)`;
  return [
    {
      invariant: 'stockAddsUp',
      orderIds: [...culprits],
      sentence: `At rest the stock count reads ${t.stockAvailable}, but with ${t.initialStock} in stock and ${shippedUnits} shipped it should be ${should}${culprits.size ? `; orders whose stock moves do not add up: ${[...culprits].join(', ')}` : ''}.`,
    },
  ];
}
