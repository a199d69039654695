/**
 * The broker: every topic with its partitions and how many messages each holds.
 * Invisible handles line up with the services above and below it.
 */
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { PARTITIONS } from '../../sim/api';
import type { Topic } from '../../sim/types';
import { useUi } from '../store';
import { useEngine } from '../useEngine';
import { NodeIcon } from './icons';
import { BOTTOM_ROW, brokerHandle, centre, layoutFor, TOP_ROW } from './layout';
import { POSITION } from './ServiceNode';

/** The broker node type. */
export type BrokerNodeType = Node<{ layout: 'wide' | 'narrow' }, 'broker'>;

const TOPICS = Object.keys(PARTITIONS) as Topic[];

/**
 * The broker's invisible handles. Their own memoised component: they depend only on the
 * arrangement, and re-rendering React Flow's handles with the depths on every tick cost more
 * than the depths themselves (each one reads React Flow's store).
 */
const BrokerHandles = memo(function BrokerHandles({ narrow }: { narrow: boolean }) {
  const layout = layoutFor(narrow);
  const box = layout.boxes.broker;
  return (
    <>
      {[...TOP_ROW, ...BOTTOM_ROW].map((s) => {
        const h = brokerHandle(layout, s);
        const along = h.side === 'top' || h.side === 'bottom' ? { left: h.offset } : { top: h.offset };
        return <Handle key={s} id={s} type="target" position={POSITION[h.side]} className="hidden-handle" style={along} isConnectable={false} />;
      })}
      <Handle
        id="dlq"
        type="source"
        position={Position.Right}
        className="hidden-handle"
        style={layout.kind === 'narrow' ? { top: centre(layout, 'dlq').y - box.y } : undefined}
        isConnectable={false}
      />
    </>
  );
});

/** See the module comment. */
export const BrokerNode = memo(function BrokerNode({ data }: NodeProps<BrokerNodeType>) {
  const layout = layoutFor(data.layout === 'narrow');
  const box = layout.boxes.broker;
  // One string per tick keeps re-renders to real changes in depth.
  const depths = useEngine((e) => {
    const parts = e.view().partitions;
    const out: string[] = [];
    for (const t of TOPICS) {
      const d = new Array<number>(PARTITIONS[t]).fill(0);
      for (const p of parts) if (p.topic === t && p.index < d.length) d[p.index] = p.depth;
      out.push(d.join(','));
    }
    return out.join('|');
  }, Object.is);
  const rows = depths.split('|');
  const selected = useUi((u) => u.inspect?.kind === 'service' && u.inspect.id === 'broker');
  const total = rows.reduce((n, r) => n + r.split(',').reduce((m, d) => m + (Number(d) || 0), 0), 0);
  return (
    <button
      type="button"
      className="topo-node broker-node nodrag"
      data-testid="node-broker"
      data-selected={selected || undefined}
      aria-label={`Broker, ${total} messages stored. Inspect`}
      onClick={() => useUi.setState({ inspect: { kind: 'service', id: 'broker' } })}
      style={{ width: box.w, height: box.h }}
    >
      <BrokerHandles narrow={data.layout === 'narrow'} />
      <span className="node-head">
        <NodeIcon id="broker" />
        <span className="node-name">Broker</span>
        <span className="broker-total">{total} stored</span>
      </span>
      <span className="topic-grid">
        {TOPICS.map((t, i) => (
          <span className="topic-row" key={t}>
            <span className="topic-name">{t}</span>
            <span className="partitions">
              {(rows[i] ?? '').split(',').map((d, p) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a partition is identified by its index
                <span key={`${t}-${p}`} className="partition" data-busy={Number(d) > 0 || undefined} title={`${t} partition ${p}: ${d} stored`}>
                  {d}
                </span>
              ))}
            </span>
          </span>
        ))}
      </span>
    </button>
  );
});
