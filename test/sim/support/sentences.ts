/**
 * Checks what an anomaly's sentence states as fact against the simulation's ground truth: every
 * claim the detectors know how to make (a message lost, an order's state, money held, a stock
 * count, a request's attempts…) is read back from the ledger, the trace and the tables. Returns
 * the claims that are false, in words, so a failing property says which sentence lied.
 */
import type { Simulation } from '../../../src/sim/engine';
import type { Anomaly } from '../../../src/sim/types';

type Claim = { re: RegExp; check: (m: RegExpMatchArray, a: Anomaly, sim: Simulation) => string | null };

const lostBeforeBroker = (sim: Simulation, id: string): boolean => sim.trace.some((e) => e.kind === 'drop' && e.msg.id === id) && !sim.facts.delivered.has(id);

const CLAIMS: Claim[] = [
  {
    re: /(\w+) (m\d+) was lost before the broker stored it/g,
    check: (m, _a, sim) => (lostBeforeBroker(sim, m[2]) ? null : `${m[2]} was not lost before the broker stored it`),
  },
  {
    re: /before publishing (\w+) (m\d+)/g,
    check: (m, _a, sim) => (sim.trace.some((e) => e.kind === 'crash' && e.lostPublishes.includes(m[2])) ? null : `no crash lost ${m[2]}`),
  },
  {
    re: /Order (o\d+) (?:is still|ended) (\w+)/g,
    check: (m, _a, sim) => {
      const state = sim.s.order.orders.get(m[1])?.state;
      return state === m[2] ? null : `${m[1]} is ${state}, not ${m[2]}`;
    },
  },
  {
    re: /the provider (?:still )?holds (\d+)/g,
    check: (m, a, sim) => {
      const held = a.orderIds.map((o) => sim.s.provider.held(o));
      return held.includes(Number(m[1])) ? null : `the provider holds ${held.join('/')} for ${a.orderIds.join(', ')}, not ${m[1]}`;
    },
  },
  {
    re: /Inventory counts (\d+) units available/g,
    check: (m, _a, sim) => (sim.s.inventory.available === Number(m[1]) ? null : `Inventory counts ${sim.s.inventory.available}, not ${m[1]}`),
  },
  {
    re: /The Payment service never heard of it/g,
    check: (_m, a, sim) => (a.orderIds.every((o) => (sim.s.payment.byOrder.get(o)?.length ?? 0) === 0 && !sim.s.provider.byOrder.has(o)) ? null : 'Payment did hear of it'),
  },
  {
    re: /the dashboard lists it as (\w+)/g,
    check: (m, a, sim) => (sim.s.analytics.rows.get(a.orderIds[0])?.state === m[1] ? null : `the dashboard does not list ${a.orderIds[0]} as ${m[1]}`),
  },
  {
    re: /The dashboard shows (o\d+) as (\w+), but the Order service says (\w+)/g,
    check: (m, _a, sim) => {
      const shown = sim.s.analytics.rows.get(m[1])?.state ?? 'missing';
      const truth = sim.s.order.orders.get(m[1])?.state;
      return shown === m[2] && truth === m[3] ? null : `dashboard ${shown} / order ${truth}, not ${m[2]} / ${m[3]}`;
    },
  },
  {
    re: /Request (r\d+) was sent (\d+) time/g,
    check: (m, _a, sim) => {
      const n = sim.s.customer.requests.get(m[1])?.msgIds.length;
      return n === Number(m[2]) && (sim.s.order.byRequest.get(m[1])?.length ?? 0) === 0 ? null : `request ${m[1]} was sent ${n} times or has an order`;
    },
  },
  {
    re: /Request (r\d+) became (\d+) orders/g,
    check: (m, _a, sim) => (sim.s.order.byRequest.get(m[1])?.length === Number(m[2]) ? null : `request ${m[1]} did not become ${m[2]} orders`),
  },
  {
    re: /Order (o\d+) was charged (\d+) times \((\d+) held/g,
    check: (m, _a, sim) => {
      const live = (sim.s.provider.byOrder.get(m[1]) ?? []).filter((c) => c.refundedAt === null);
      return live.length === Number(m[2]) && sim.s.provider.held(m[1]) === Number(m[3]) ? null : `${m[1]} holds ${live.length} live charges`;
    },
  },
  {
    re: /got the "(\w+)" email for (o\d+) (\d+) times/g,
    check: (m, _a, sim) => {
      const n = sim.s.notification.emails.filter((e) => e.orderId === m[2] && e.template === m[1]).length;
      return n === Number(m[3]) ? null : `${m[2]} got ${n} "${m[1]}" emails`;
    },
  },
  {
    re: /never got the "(\w+)" email/g,
    check: (m, a, sim) => (sim.s.notification.emails.some((e) => e.orderId === a.orderIds[0] && e.template === m[1]) ? `${a.orderIds[0]} did get "${m[1]}"` : null),
  },
  {
    re: /(\w+) (m\d+) is parked in a version buffer/g,
    check: (m, _a, sim) => (sim.facts.buffered.has(m[2]) ? null : `${m[2]} was never buffered`),
  },
];

/** The false claims in an anomaly's sentence (empty when every checked claim holds), plus a missing name. */
export function falseClaims(a: Anomaly, sim: Simulation): string[] {
  const out: string[] = [];
  for (const id of a.orderIds) if (!new RegExp(`\\b${id}\\b`).test(a.explanation)) out.push(`the sentence does not name ${id}`);
  for (const c of CLAIMS) {
    for (const m of a.explanation.matchAll(c.re)) {
      const wrong = c.check(m, a, sim);
      if (wrong) out.push(wrong);
    }
  }
  return out;
}
