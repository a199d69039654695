/**
 * Which machines each inspected thing runs, and their charts. Every service runs the process
 * machine (`up` ⇄ `down`); the Order service also runs one order-saga actor per order, shown
 * with how many orders sit in each state. A selected order shows its own saga with its path.
 */
import { memo } from 'react';
import { orderMachine } from '../../sim/machines/orderMachine';
import { serviceMachine } from '../../sim/machines/serviceMachine';
import type { ServiceId } from '../../sim/types';
import { engine } from '../engineController';
import { serviceName } from '../format';
import { useEngineVersion } from '../useEngine';
import { orderCounts, orderStatus, serviceStatus } from './chartStatus';
import { machineToGraph } from './machineGraph';
import { StatechartView } from './StatechartView';

/** Graphs are read once from each machine's definition. */
const SERVICE_GRAPH = machineToGraph(serviceMachine);
const ORDER_GRAPH = machineToGraph(orderMachine);

/** The process machine of a service, and for the Order service also its order saga. */
export const ServiceMachines = memo(function ServiceMachines({ id }: { id: ServiceId }) {
  useEngineVersion();
  const view = engine.view();
  if (!view.services[id]) return null;
  const name = serviceName(id);
  return (
    <>
      <StatechartView name={name} graph={SERVICE_GRAPH} status={serviceStatus(SERVICE_GRAPH, id, view, engine.trace)} />
      {id === 'order' && <StatechartView name="Order saga" graph={ORDER_GRAPH} status={orderCounts(ORDER_GRAPH, view)} />}
    </>
  );
});

/** One order's saga, with the path it has taken so far (from its trace events). */
export const OrderMachine = memo(function OrderMachine({ id }: { id: string }) {
  useEngineVersion();
  const trace = engine.trace;
  engine.index.sync(trace);
  const events = engine.index.eventsOf(id).map((i) => trace[i]);
  const status = orderStatus(ORDER_GRAPH, events, (msgId) => engine.index.messages.get(msgId)?.type ?? null);
  return <StatechartView name={`Order ${id}`} graph={ORDER_GRAPH} status={status} />;
});
