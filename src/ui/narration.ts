/**
 * Trace events told as plain sentences, for the presenter's caption and the screen-reader live
 * region. Pure: everything comes from the events and a message lookup, so it is unit-tested in
 * Node and the caption can never say something the trace does not hold.
 */
import type { Alert } from '../sim/alerts';
import { FAULTS, REMEDIES } from '../sim/catalog';
import type { Message, OrderState, TraceEvent, WhatIfAction } from '../sim/types';
import { fmtMoney, serviceName } from './format';
import { stateLabel } from './outcomes';

/** Finds a message by id (the trace index's map fits). */
export interface MessageLookup {
  get(id: string): Message | undefined;
}

/** "o3", or "request r3" before an order exists, or "a message" when nothing is known. */
function subject(msg: Message | undefined | null): string {
  if (!msg) return 'an order';
  return msg.orderId ?? `request ${msg.requestId}`;
}

function msgName(msg: Message | undefined): string {
  return msg ? msg.type : 'a message';
}

const ABSORB_REASON: Record<string, string> = {
  dedup: 'it had already processed that message id',
  version: 'it already holds a newer version',
  state: 'the order has moved on, so it no longer applies',
  idempotencyKey: 'it carries the idempotency key of an earlier request',
};

function who(msg: Message): string {
  if (msg.from === 'dlq') return 'The dead-letter queue';
  if (msg.from === 'reconciler') return 'The reconciler';
  if (msg.from === 'relay') return 'The outbox relay';
  return serviceName(msg.from);
}

function controlName(path: string): string {
  const [sec, key] = path.split('.');
  if (sec === 'faults' && key in FAULTS) return FAULTS[key as keyof typeof FAULTS].label;
  if (sec === 'remedies' && key in REMEDIES) return REMEDIES[key as keyof typeof REMEDIES].label;
  return path;
}

function controlValue(value: number | boolean | string): string {
  if (value === true) return 'on';
  if (value === false) return 'off';
  return String(value);
}

function stateWords(s: OrderState): string {
  return stateLabel(s).toLowerCase();
}

/** What a hand-made what-if did, as the start of a sentence. */
const WHAT_IF_WORDS: Record<WhatIfAction, (ms: number | null) => string> = {
  deliverNow: () => 'delivered at once',
  duplicate: () => 'duplicated',
  drop: () => 'dropped',
  delay: (ms) => `delayed by ${ms ?? 0} ms`,
  crashAfterCommit: () => 'set the receiver to crash after committing',
  crashBeforeAck: () => 'set the receiver to crash before acknowledging',
};

/** One trace event as one sentence. Every kind has its own wording. */
export function narrateEvent(e: TraceEvent, messages: MessageLookup): string {
  switch (e.kind) {
    case 'publish': {
      const via = e.via === 'outbox' ? ' through its outbox' : '';
      return `${who(e.msg)} published ${e.msg.type} for ${subject(e.msg)}${via}.`;
    }
    case 'drop':
      // With `to`, a copy already stored for one consumer was dropped (a what-if), not the publish.
      return e.to
        ? `${e.msg.type} for ${subject(e.msg)} was dropped before ${serviceName(e.to)} got its copy.`
        : `${e.msg.type} for ${subject(e.msg)} was lost before the broker stored it.`;
    case 'deliver': {
      const msg = messages.get(e.msgId);
      const extra = e.duplicate ? ' — a duplicate copy' : e.attempt > 1 ? ` — attempt ${e.attempt}` : '';
      return `${serviceName(e.to)} received ${msgName(msg)} for ${subject(msg)}${extra}.`;
    }
    case 'ack': {
      const msg = messages.get(e.msgId);
      return `${serviceName(e.to)} finished ${msgName(msg)} for ${subject(msg)} and acknowledged it.`;
    }
    case 'absorbed': {
      const msg = messages.get(e.msgId);
      return `${serviceName(e.to)} ignored ${msgName(msg)} for ${subject(msg)}: ${ABSORB_REASON[e.why] ?? e.why}.`;
    }
    case 'buffered': {
      const msg = messages.get(e.msgId);
      return `${serviceName(e.to)} held ${msgName(msg)} for ${subject(msg)} back until the messages before it arrive.`;
    }
    case 'handlerFailed': {
      const msg = messages.get(e.msgId);
      const next = e.retryAt === null ? 'gave up on it' : `will try again at ${Math.round(e.retryAt)} ms`;
      return `${serviceName(e.to)} failed to handle ${msgName(msg)} for ${subject(msg)} (attempt ${e.attempt}) and ${next}.`;
    }
    case 'deadLettered': {
      const msg = messages.get(e.msgId);
      const order = e.orderId ?? subject(msg);
      return `${msgName(msg)} for ${order} was moved to the dead-letter queue: it now waits for a human.`;
    }
    case 'crash': {
      const when = e.why === 'crashAfterCommit' ? 'after saving its work but before publishing' : 'after its work but before acknowledging';
      const lost = e.lostPublishes.length > 0 ? `, and ${e.lostPublishes.length === 1 ? 'one event was' : `${e.lostPublishes.length} events were`} never sent` : '';
      return `${serviceName(e.service)} crashed ${when}${lost}.`;
    }
    case 'restart':
      return `${serviceName(e.service)} restarted.`;
    case 'state':
      return e.from === null ? `Order ${e.orderId} was created (${stateWords(e.to)}).` : `Order ${e.orderId} moved from ${stateWords(e.from)} to ${stateWords(e.to)}.`;
    case 'charge':
      if (e.replayed) return `The provider recognised the idempotency key for ${e.orderId} and returned the first charge instead of charging again.`;
      return `Payment charged ${e.orderId} ${fmtMoney(e.amount)}${e.replyLost ? ' — the reply was lost' : ''}.`;
    case 'refund':
      return `The provider refunded ${fmtMoney(e.amount)} to ${e.orderId}.`;
    case 'stock': {
      const change = e.delta === 0 ? 'left stock unchanged' : e.delta < 0 ? `took ${-e.delta} from stock` : `put ${e.delta} back into stock`;
      return `Inventory ${e.instance + 1} ${change} for ${e.orderId} (${e.why}); ${e.available} left.`;
    }
    case 'email':
      return `The customer of ${e.orderId} was emailed: order ${e.template}.`;
    case 'shipment':
      return e.ok ? `The warehouse shipped ${e.orderId}.` : `The warehouse could not ship ${e.orderId}.`;
    case 'reconcile':
      // The reconciler's actions are written as verb phrases ("re-sent ShipOrder for o4").
      return `The reconciler ${e.action}.`;
    case 'control':
      return `${controlName(e.path)} was set to ${controlValue(e.value)}.`;
    case 'request':
      return e.attempt > 1 ? `The customer sent request ${e.requestId} again (attempt ${e.attempt}).` : `The customer sent order request ${e.requestId}.`;
    case 'whatIf': {
      const msg = messages.get(e.msgId);
      const to = e.to ? ` (${serviceName(e.to)}'s copy)` : '';
      return `By hand: ${WHAT_IF_WORDS[e.action](e.ms)} ${msgName(msg)} for ${subject(msg)}${to}.`;
    }
  }
}

/**
 * How much an event matters to someone watching, so one sentence can stand for a step that
 * emitted several events: harm first, then healing, then the ordinary flow.
 */
export function newsworthiness(e: TraceEvent): number {
  switch (e.kind) {
    case 'crash':
    case 'drop':
    case 'deadLettered':
    case 'whatIf':
      return 9;
    case 'charge':
      return e.replyLost ? 9 : 6;
    case 'handlerFailed':
      return 8;
    case 'absorbed':
    case 'buffered':
    case 'reconcile':
    case 'refund':
      return 7;
    case 'control':
    case 'restart':
      return 6;
    case 'state':
      return e.to === 'RequiresManualReview' ? 8 : 5;
    case 'deliver':
      return e.duplicate || e.attempt > 1 ? 6 : 3;
    case 'request':
      return e.attempt > 1 ? 6 : 4;
    case 'email':
    case 'shipment':
    case 'stock':
      return 4;
    case 'publish':
      return 2;
    case 'ack':
      return 1;
  }
}

/**
 * One sentence for a batch of events (what a step did): the most newsworthy event, the first
 * of equals, and how many more happened with it. Null for an empty batch.
 */
export function narrateStep(events: readonly TraceEvent[], messages: MessageLookup): string | null {
  if (events.length === 0) return null;
  let best = events[0];
  for (const e of events) if (newsworthiness(e) > newsworthiness(best)) best = e;
  const main = narrateEvent(best, messages);
  const more = events.length - 1;
  return more === 0 ? main : `${main} (+${more} more ${more === 1 ? 'event' : 'events'})`;
}

/** Orders that reached one of these states are worth announcing. */
const OUTCOMES: OrderState[] = ['Confirmed', 'Shipped', 'Cancelled', 'Refunded', 'RequiresManualReview'];

/**
 * A short digest of a stretch of play for the screen-reader live region: crashes, lost
 * messages, dead letters, alerts fired and orders that reached an outcome. Null when nothing
 * of note happened (so a quiet stretch stays quiet).
 */
export function summariseStretch(events: readonly TraceEvent[], alerts: readonly Pick<Alert, 'title'>[] = []): string | null {
  const crashes = new Map<string, number>();
  let dropped = 0;
  let dead = 0;
  const outcomes = new Map<OrderState, string[]>();
  for (const e of events) {
    if (e.kind === 'crash') crashes.set(e.service, (crashes.get(e.service) ?? 0) + 1);
    else if (e.kind === 'drop') dropped++;
    else if (e.kind === 'deadLettered') dead++;
    else if (e.kind === 'state' && OUTCOMES.includes(e.to)) {
      const list = outcomes.get(e.to) ?? [];
      list.push(e.orderId);
      outcomes.set(e.to, list);
    }
  }
  const parts: string[] = [];
  for (const [svc, n] of crashes) parts.push(`${serviceName(svc)} crashed${n > 1 ? ` ${n} times` : ''}`);
  if (dropped > 0) parts.push(`${dropped} ${dropped === 1 ? 'message was' : 'messages were'} lost`);
  if (dead > 0) parts.push(`${dead} dead-lettered`);
  for (const a of alerts) parts.push(`alert: ${a.title}`);
  for (const s of OUTCOMES) {
    const ids = outcomes.get(s);
    if (!ids) continue;
    const named = ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
    parts.push(`${stateWords(s)}: ${named}`);
  }
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
