/** The two small nodes beside the broker: the dead-letter queue and the payment provider. */
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { fmtMoney, plural } from '../format';
import { useUi } from '../store';
import { useEngine } from '../useEngine';
import { NodeIcon } from './icons';

/** The dead-letter queue node type. */
export type DlqNodeType = Node<{ layout: 'wide' | 'narrow' }, 'dlq'>;
/** The payment provider node type. */
export type ProviderNodeType = Node<{ layout: 'wide' | 'narrow' }, 'provider'>;

/** Messages parked for a human. */
export const DlqNode = memo(function DlqNode(_: NodeProps<DlqNodeType>) {
  const { count, last } = useEngine((e) => {
    const dlq = e.view().dlq;
    return { count: dlq.length, last: dlq.length ? dlq[dlq.length - 1].type : '' };
  });
  const selected = useUi((u) => u.inspect?.kind === 'service' && u.inspect.id === 'dlq');
  return (
    <button
      type="button"
      className="topo-node small-node dlq-node nodrag"
      data-testid="node-dlq"
      data-state={count > 0 ? 'alert' : 'up'}
      data-selected={selected || undefined}
      aria-label={`Dead-letter queue, ${count} parked. Inspect`}
      onClick={() => useUi.setState({ inspect: { kind: 'service', id: 'dlq' } })}
    >
      <Handle type="target" position={Position.Left} className="hidden-handle" isConnectable={false} />
      <span className="node-head">
        <NodeIcon id="dlq" />
        <span className="node-name">Dead letters</span>
      </span>
      <span className="small-figure">
        <strong>{count}</strong> parked
      </span>
      <span className="small-sub">{last || 'empty'}</span>
    </button>
  );
});

/** The external payment provider: the real money. */
export const ProviderNode = memo(function ProviderNode({ data }: NodeProps<ProviderNodeType>) {
  const { charges, refunds, net } = useEngine((e) => {
    const cs = e.view().charges;
    let net = 0;
    let refunds = 0;
    for (const c of cs) {
      if (c.refundedAt === null) net += c.amount;
      else refunds++;
    }
    return { charges: cs.length, refunds, net };
  });
  const selected = useUi((u) => u.inspect?.kind === 'service' && u.inspect.id === 'provider');
  return (
    <button
      type="button"
      className="topo-node small-node provider-node nodrag"
      data-testid="node-provider"
      data-selected={selected || undefined}
      aria-label={`Payment provider, ${plural(charges, 'charge')}, ${plural(refunds, 'refund')}. Inspect`}
      onClick={() => useUi.setState({ inspect: { kind: 'service', id: 'provider' } })}
    >
      {/* Narrow, the provider hangs below the payment service rather than beside it. */}
      <Handle type="target" position={data.layout === 'narrow' ? Position.Top : Position.Left} className="hidden-handle" isConnectable={false} />
      <span className="node-head">
        <NodeIcon id="provider" />
        <span className="node-name">Provider</span>
      </span>
      <span className="small-figure">
        <strong>{fmtMoney(net)}</strong> held
      </span>
      {/* Two lines: on one, three-digit counts cut the refunds off ("15 refu…"). */}
      <span className="small-sub" data-testid="provider-charges">
        {plural(charges, 'charge')}
      </span>
      <span className="small-sub" data-testid="provider-refunds">
        {plural(refunds, 'refund')}
      </span>
    </button>
  );
});
