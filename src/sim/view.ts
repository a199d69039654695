/**
 * Builds the read-only `EngineView` the UI draws from the live system. Copies, never references,
 * so the UI can't change the simulation by accident.
 */
import type { EngineView, InFlightView } from './api';
import { CONSUMERS } from './api';
import type { ServiceRuntime } from './runtime';
import type { ServiceId } from './types';
import type { Services } from './world';

/**
 * The messages in flight at `now`: what the topology's canvas draws every frame. Kept apart from
 * `buildView`, which also copies every order, charge and email, so a frame costs what is moving.
 */
export function buildInFlight(s: Services, now: number): InFlightView[] {
  const inFlight: InFlightView[] = [];
  for (const t of s.bus.transit.values()) {
    for (const to of CONSUMERS[t.msg.topic]) {
      inFlight.push({ msg: t.msg, to, partition: t.partition, sentAt: t.sentAt, dueAt: t.storedAt, duplicate: false, attempt: 1 });
    }
  }
  for (const p of s.bus.partitions()) {
    for (const d of p.queue) {
      inFlight.push({ msg: d.msg, to: p.group, partition: p.index, sentAt: d.storedAt, dueAt: Math.max(now, d.storedAt), duplicate: d.duplicate || d.attempt > 1, attempt: d.attempt });
    }
  }
  return inFlight;
}

/** Snapshot of everything drawable at `now`. */
export function buildView(s: Services, services: Record<ServiceId, ServiceRuntime>, now: number, done: boolean): EngineView {
  const inFlight = buildInFlight(s, now);
  const partitions: EngineView['partitions'] = [];
  const depth = new Map<string, number>();
  for (const p of s.bus.partitions()) {
    const key = `${p.topic}/${p.index}`;
    depth.set(key, (depth.get(key) ?? 0) + p.depth);
  }
  for (const [key, n] of depth) {
    const [topic, index] = key.split('/');
    partitions.push({ topic: topic as EngineView['partitions'][number]['topic'], index: Number(index), depth: n });
  }
  const view = {} as EngineView['services'];
  for (const [id, svc] of Object.entries(services) as [ServiceId, ServiceRuntime][]) {
    view[id] = { id, status: svc.up ? 'up' : 'down', handling: [...svc.handling], figures: svc.figures(), lamport: svc.lamport, skewMs: svc.clockOffset() };
  }
  const readModel: EngineView['readModel'] = {};
  for (const [id, r] of s.analytics.rows) readModel[id] = r.state;
  return {
    now,
    done,
    services: view,
    orders: [...s.order.orders.values()].map((o) => ({ id: o.id, requestId: o.requestId, state: o.state, placedAt: o.placedAt, history: [...o.history] })),
    inFlight,
    partitions,
    dlq: [...s.bus.dlq],
    charges: s.provider.charges.map((c) => ({ id: c.id, orderId: c.orderId, amount: c.amount, key: c.key, at: c.at, refundedAt: c.refundedAt })),
    stock: { initial: s.inventory.initial, available: s.inventory.available, history: [...s.inventory.history] },
    emails: s.notification.emails.map((e) => ({ orderId: e.orderId, template: e.template, t: e.t })),
    readModel,
  };
}
