/**
 * Bridges the runtime's per-type handler table to a service's single `handle` method, so every
 * service's behaviour lives in methods (plain data in, commands out) rather than in closures
 * built per instance. The runtime can call `handle` directly once it no longer needs the table.
 */
import type { Delivery } from '../bus';
import type { Handler, HandlerResult, Tx } from '../runtime';
import type { Message, MessageType } from '../types';

/** A service whose deliveries all go through one method. */
export interface Handles {
  handle(msg: Message, tx: Tx, d: Delivery): HandlerResult;
}

/** A handler table that sends each listed message type to `svc.handle`. */
export function forwardTo(svc: Handles, types: readonly MessageType[]): Partial<Record<MessageType, Handler>> {
  const table: Partial<Record<MessageType, Handler>> = {};
  for (const t of types) table[t] = (msg, tx, d) => svc.handle(msg, tx, d);
  return table;
}
