/** The topology's edges: plain lines whose style says what kind of link they are. */
import { BaseEdge, type Edge, type EdgeProps, getStraightPath } from '@xyflow/react';
import { memo } from 'react';

/** Edge data: the link's kind. */
export type BusEdgeType = Edge<{ kind: 'bus' | 'external' | 'dlq' }, 'bus'>;

/** See the module comment. */
export const BusEdge = memo(function BusEdge({ id, sourceX, sourceY, targetX, targetY, data }: EdgeProps<BusEdgeType>) {
  const [path] = getStraightPath({ sourceX, sourceY, targetX, targetY });
  return <BaseEdge id={id} path={path} className={`bus-edge bus-edge-${data?.kind ?? 'bus'}`} interactionWidth={0} />;
});
