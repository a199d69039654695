/**
 * Which machines each inspected thing runs, and their charts, all read from the registry of
 * machines (src/sim/machines/index.ts). A service shows its consumer loop and, for its outbox
 * rows and each kind of entity it runs, that machine with how many entities sit in each state. A selected
 * order shows its saga with its path, then the machines of its request, payment, reservation,
 * shipment and emails in their current states.
 */
import { memo } from 'react';
import { MACHINES, type MachineEntry, machinesOf } from '../../sim/machines';
import type { ServiceId } from '../../sim/types';
import type { Services } from '../../sim/world';
import { engine } from '../engineController';
import { useEngineVersion } from '../useEngine';
import { orderStatus, serviceStatus, snapshotCounts, snapshotStatus } from './chartStatus';
import { paymentsOf, snapshotForOrder, snapshotsOf } from './entitySnapshots';
import { type MachineGraph, machineToGraph } from './machineGraph';
import { StatechartView } from './StatechartView';

/** Graphs are read once from each machine's definition. */
const GRAPHS = new Map<string, MachineGraph>(MACHINES.map((m) => [m.id, machineToGraph(m.machine)]));
const graphOf = (m: MachineEntry): MachineGraph => GRAPHS.get(m.id)!;
const ORDER_ENTRY = MACHINES.find((m) => m.entity === 'order')!;

/** The simulation at the playhead. */
function services(): Services {
  return engine.player.run.sim.s;
}

/** A service's consumer loop, and each entity machine it runs with its counts. */
export const ServiceMachines = memo(function ServiceMachines({ id }: { id: ServiceId }) {
  useEngineVersion();
  const view = engine.view();
  if (!view.services[id]) return null;
  const s = services();
  return (
    <>
      {machinesOf(id).map((m) =>
        m.entity === 'process' ? (
          <StatechartView key={m.id} name={m.label} graph={graphOf(m)} status={serviceStatus(graphOf(m), id, s[id].process, engine.trace)} />
        ) : (
          <StatechartView key={m.id} name={m.label} graph={graphOf(m)} status={snapshotCounts(graphOf(m), snapshotsOf(s, m.entity, id))} />
        ),
      )}
    </>
  );
});

/** One order's saga with the path it has taken so far (from its trace events), then its other entities' machines. */
export const OrderMachine = memo(function OrderMachine({ id }: { id: string }) {
  useEngineVersion();
  const trace = engine.trace;
  engine.index.sync(trace);
  const events = engine.index.eventsOf(id).map((i) => trace[i]);
  const orderGraph = graphOf(ORDER_ENTRY);
  const status = orderStatus(orderGraph, events, (msgId) => engine.index.messages.get(msgId)?.type ?? null);
  const s = services();
  // The consumer loop, the outbox rows and the job belong to a service or to nobody, not to one order.
  const others = MACHINES.filter((m) => m.entity !== 'order' && m.entity !== 'process' && m.entity !== 'outboxRow' && m.entity !== 'job');
  return (
    <>
      <StatechartView name={`Order ${id}`} graph={orderGraph} status={status} />
      {others.map((m) => {
        const snap = snapshotForOrder(s, m.entity, id);
        if (!snap) return null;
        const several = m.entity === 'payment' && paymentsOf(s, id) > 1 ? ` (latest of ${paymentsOf(s, id)})` : '';
        return <StatechartView key={m.id} name={`${id} ${m.label.toLowerCase()}${several}`} graph={graphOf(m)} status={snapshotStatus(graphOf(m), snap)} />;
      })}
    </>
  );
});
