/**
 * Which machines each inspected thing runs, and their charts, all read from the registry of
 * machines (src/sim/machines/index.ts). A service shows its consumer loop and, for its outbox
 * rows and each kind of entity it runs, that machine with how many entities sit in each state,
 * then buttons that open one entity's chart with its path (the Order service also opens the
 * reconciliation round). A selected order shows its saga with its path, then buttons that open
 * its request, each payment, its reservation, shipment and emails, each with its path.
 */
import { memo, useState } from 'react';
import type { Simulation } from '../../sim/engine';
import { MACHINES, type MachineEntry, machinesOf } from '../../sim/machines';
import type { ServiceId } from '../../sim/types';
import { isLinkEntity } from '../../share/linkFormat';
import { engine } from '../engineController';
import { useUi } from '../store';
import { useEngineVersion } from '../useEngine';
import { orderStatus, pathStatus, serviceStatus, snapshotCounts } from './chartStatus';
import { snapshotsOf } from './entitySnapshots';
import { type EntityRef, entitiesOfOrder, entityRecord, JOB_REF, latestEntities, sameRef } from './entityRefs';
import { EntityPicker } from './EntityPicker';
import { type MachineGraph, machineToGraph } from './machineGraph';
import { StatechartView } from './StatechartView';

/** Graphs are read once from each machine's definition. */
const GRAPHS = new Map<string, MachineGraph>(MACHINES.map((m) => [m.id, machineToGraph(m.machine)]));
const graphOf = (m: MachineEntry): MachineGraph => GRAPHS.get(m.id)!;
const ENTRY = new Map(MACHINES.map((m) => [m.entity, m]));
const ORDER_ENTRY = ENTRY.get('order')!;
/** What one button in a service's list opens, in words. */
const NOUN: Partial<Record<string, string>> = { request: 'request', order: 'order', payment: 'payment', reservation: 'reservation', shipment: 'shipment', email: "order's emails" };

/** The simulation at the playhead. */
function current(): Simulation {
  return engine.player.run.sim;
}

/** One order's saga with the path it has taken so far (from its trace events). */
function OrderSaga({ id }: { id: string }) {
  const trace = engine.trace;
  engine.index.sync(trace);
  const events = engine.index.eventsOf(id).map((i) => trace[i]);
  const graph = graphOf(ORDER_ENTRY);
  const status = orderStatus(graph, events, (msgId) => engine.index.messages.get(msgId)?.type ?? null);
  return <StatechartView name={`Order ${id}`} graph={graph} status={status} />;
}

/** One entity's chart with its recorded path; `name` titles the region. */
function EntityChart({ entity, name }: { entity: EntityRef; name: string }) {
  const m = ENTRY.get(entity.kind);
  const record = entityRecord(current(), entity);
  if (!m || !record) return <p className="empty">{name} does not exist at this point in time.</p>;
  return <StatechartView name={name} graph={graphOf(m)} status={pathStatus(graphOf(m), record.path, record.snapshot)} />;
}

/** A service's consumer loop, each entity machine it runs with its counts, and single entities to open. */
export const ServiceMachines = memo(function ServiceMachines({ id }: { id: ServiceId }) {
  useEngineVersion();
  const [openHere, setOpen] = useState<EntityRef | null>(null);
  // The round lives in the store, not here: a link reopens it. One chart is open at a time.
  const roundOpen = useUi((u) => u.roundOpen) && id === 'order';
  const open = roundOpen ? JOB_REF : openHere;
  const view = engine.view();
  if (!view.services[id]) return null;
  const sim = current();
  const s = sim.s;
  const toggle = (ref: EntityRef) => {
    const next = sameRef(open, ref) ? null : ref;
    setOpen(next?.kind === 'job' ? null : next);
    if (id === 'order') useUi.setState({ roundOpen: next?.kind === 'job' });
  };
  return (
    <>
      {machinesOf(id).map((m) => {
        if (m.entity === 'process') return <StatechartView key={m.id} name={m.label} graph={graphOf(m)} status={serviceStatus(graphOf(m), id, s[id].process, engine.trace)} />;
        const chart = <StatechartView key={m.id} name={m.label} graph={graphOf(m)} status={snapshotCounts(graphOf(m), snapshotsOf(s, m.entity, id))} />;
        if (m.entity === 'outboxRow') return chart;
        const list = m.entity === 'order' ? latestOrders(sim) : latestEntities(sim, m.entity);
        const picked = open?.kind === m.entity ? open : null;
        return (
          <div key={m.id}>
            {chart}
            <EntityPicker title={`Open one ${NOUN[m.entity] ?? m.label.toLowerCase()}`} refs={list.refs} total={list.total} selected={picked} onPick={toggle} />
            {picked && (picked.kind === 'order' ? <OrderSaga id={picked.key} /> : <EntityChart entity={picked} name={`${m.label} ${picked.label}`} />)}
          </div>
        );
      })}
      {id === 'order' && (
        <div>
          <EntityPicker title="The reconciliation job" refs={[JOB_REF]} total={1} selected={open?.kind === 'job' ? open : null} onPick={toggle} />
          {open?.kind === 'job' && <JobChart />}
        </div>
      )}
    </>
  );
});

/** The latest orders, newest first, for the Order service's list. */
function latestOrders(sim: Simulation): { refs: EntityRef[]; total: number } {
  const ids = [...sim.s.order.orders.keys()];
  return { refs: ids.slice(-12).reverse().map((key) => ({ kind: 'order' as const, key, label: key })), total: ids.length };
}

/** The reconciliation job's round: its chart with the path of its rounds so far (none while reconciliation is off). */
function JobChart() {
  const sim = current();
  const on = sim.controls().remedies.reconciliation;
  return (
    <>
      {sim.reconciler.path.length === 0 && (
        <p className="empty" data-testid="sc-job-note">
          {on ? 'No round has started yet: the job ticks once a second.' : 'Reconciliation is off: the job has not run. Switch the remedy on to watch its rounds.'}
        </p>
      )}
      <EntityChart entity={JOB_REF} name="Reconciliation round" />
    </>
  );
}

/** One order's saga with its path, then buttons that open its other entities' charts with their paths. */
export const OrderMachine = memo(function OrderMachine({ id }: { id: string }) {
  useEngineVersion();
  // In the store, not local state: a link reopens it, and it survives a detour through a message.
  const open = useUi((u) => (u.openEntity?.order === id ? u.openEntity : null));
  const refs = entitiesOfOrder(current(), id);
  const picked = refs.find((r) => open !== null && r.kind === open.kind && r.key === open.key) ?? null;
  const pick = (r: EntityRef) => {
    const kind = r.kind;
    if (sameRef(picked, r) || !isLinkEntity(kind, r.key)) useUi.setState({ openEntity: null });
    else useUi.setState({ openEntity: { order: id, kind, key: r.key } });
  };
  return (
    <>
      <OrderSaga id={id} />
      <EntityPicker title={`Machines of ${id}`} refs={refs} total={refs.length} selected={picked} onPick={pick} />
      {picked && <EntityChart entity={picked} name={`${id} ${picked.label.toLowerCase()}`} />}
    </>
  );
});
