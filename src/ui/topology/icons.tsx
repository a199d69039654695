/** Small line icons for the topology nodes, drawn inline so no icon font or emoji is needed. */
import { memo } from 'react';
import type { TopologyNodeId } from './layout';

const PATHS: Record<TopologyNodeId, string> = {
  customer: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0',
  order: 'M8 4h8v3H8zM6 6H5v14h14V6h-1M8 11h8M8 15h5',
  payment: 'M3 6h18v12H3zM3 10h18M7 15h4',
  inventory: 'M4 8l8-4 8 4-8 4zM4 8v8l8 4 8-4V8M12 12v8',
  shipping: 'M2 7h11v9H2zM13 10h4l3 3v3h-7M6 19a2 2 0 1 0 0-.01M17 19a2 2 0 1 0 0-.01',
  notification: 'M3 6h18v12H3zM3 6l9 7 9-7',
  analytics: 'M5 20V11M10 20V5M15 20v-7M20 20V8M3 20h19',
  broker: 'M3 6h18M3 12h18M3 18h18M7 4v4M12 10v4M17 16v4',
  dlq: 'M12 3l9 16H3zM12 9v5M12 17v.01',
  provider: 'M3 9l9-5 9 5M5 9v9M10 9v9M14 9v9M19 9v9M3 20h18',
};

/** The icon of a topology node. */
export const NodeIcon = memo(function NodeIcon({ id }: { id: TopologyNodeId }) {
  return (
    <svg className="node-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d={PATHS[id]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
});
