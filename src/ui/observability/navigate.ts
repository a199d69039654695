/**
 * Jumping from a signal to the moment it describes: seek the playhead there (a deterministic
 * replay when going back) and select the order or message, the way the rest of the playground
 * selects things.
 */
import type { Alert } from '../../sim/alerts';
import { engine } from '../engineController';
import { selectMessage, selectOrder, useUi } from '../store';
import type { LogRow } from './logModel';
import { useObs } from './obsStore';

/** Seeks to when the alert fired and selects one of its orders (the first by default). */
export async function openAlert(a: Alert, orderId: string | null = a.orderIds[0] ?? null): Promise<void> {
  useObs.setState({ selectedAlert: a.id });
  useUi.setState({ playing: false });
  await engine.seek(a.firedAt);
  if (orderId) selectOrder(orderId);
}

/** Seeks to a log line's time and selects its message (and order) or its order. */
export async function openLogRow(r: LogRow): Promise<void> {
  useObs.setState({ selectedRow: r.i, follow: false });
  useUi.setState({ playing: false });
  await engine.seek(r.t);
  if (r.msgId) selectMessage(r.msgId, r.orderId);
  else if (r.orderId) selectOrder(r.orderId);
}
