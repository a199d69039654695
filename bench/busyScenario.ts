/** The scenario the UI bench plays and bench/frameWhy.ts profiles: enough orders arriving fast enough, on a slow enough bus, to keep ~200 messages in flight. */
export const BUSY = {
  version: 1,
  name: 'UI bench: a busy bus',
  seed: 7,
  workload: { orders: 400, intervalMs: 22, quantity: 1, price: 40, cancelRatio: 0.1, cancelAfterMs: 60 },
  inventory: { stock: 100000 },
  faults: { latencyMs: 150, jitterMs: 40, duplicate: 0.05, crashBeforeAck: 0.01 },
  remedies: { idempotentConsumer: true },
};
