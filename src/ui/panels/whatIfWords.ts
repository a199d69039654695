/**
 * The words of the per-message what-if buttons: a label and a one-line explanation per action,
 * worded for where the message is (on its way to the broker, or stored for one consumer), and
 * the check of the delay field. Pure, so the wording can be tested without a page.
 */
import type { ServiceId, WhatIfAction } from '../../sim/types';
import type { WhatIfOption } from '../../sim/whatIf';
import { serviceName } from '../format';

/** Button label per action. */
export const WHAT_IF_LABELS: Record<WhatIfAction, string> = {
  deliverNow: 'Deliver now',
  duplicate: 'Duplicate',
  drop: 'Drop',
  delay: 'Delay',
  crashAfterCommit: 'Crash after commit',
  crashBeforeAck: 'Crash before ack',
};

/** Longest delay the engine accepts (a day). */
export const MAX_DELAY_MS = 86_400_000;

/** What the group of buttons is about, e.g. "Payment's copy, waiting in its partition". */
export function groupTitle(o: WhatIfOption): string {
  const to = o.target.to;
  if (to === undefined) return 'On its way to the broker';
  if (o.where === 'transit') return `When ${serviceName(to)} handles it`;
  if (o.where === 'handling') return `${serviceName(to)}'s copy, being handled now`;
  return `${serviceName(to)}'s copy, waiting in its partition`;
}

/** One line saying what an action does here. */
export function explain(action: WhatIfAction, o: WhatIfOption): string {
  const to = o.target.to as ServiceId | undefined;
  const who = to ? serviceName(to) : 'every subscriber';
  switch (action) {
    case 'deliverNow':
      return to
        ? `Jumps the queue: ${who} gets it as the very next event.`
        : 'Skips the network wait: the broker stores it as the very next event.';
    case 'duplicate':
      return to ? `${who} gets this copy twice, one right after the other.` : 'When stored, each subscriber gets one extra copy.';
    case 'drop':
      return to ? `The broker loses ${who}'s copy; other subscribers keep theirs.` : 'Lost before the broker stores it; only an outbox relay would send it again.';
    case 'delay':
      return to ? `Leaves the queue and comes back at its tail later, so messages behind it overtake it.` : 'Reaches the broker later, so messages sent after it can overtake it.';
    case 'crashAfterCommit':
      return `${who} commits its work for this message, then crashes before publishing what follows.`;
    case 'crashBeforeAck':
      return `${who} finishes and publishes, then crashes before acknowledging, so the message comes back.`;
  }
}

/** The delay field's value in ms, or a sentence saying what is wrong with it. */
export function readDelay(text: string): { ok: true; ms: number } | { ok: false; problem: string } {
  const t = text.trim();
  const ms = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(ms)) return { ok: false, problem: `The delay must be a number of milliseconds, not ${t === '' ? 'empty' : `"${t.slice(0, 20)}"`}.` };
  if (ms < 1 || ms > MAX_DELAY_MS) return { ok: false, problem: `The delay must be between 1 and ${MAX_DELAY_MS.toLocaleString('en-US')} ms, not ${ms}.` };
  return { ok: true, ms };
}

/** The sentence announced once a what-if is recorded. */
export function doneSentence(action: WhatIfAction, o: WhatIfOption, ms: number | null, atMs: number): string {
  const what = action === 'delay' ? `Delay by ${ms} ms` : WHAT_IF_LABELS[action];
  const where = o.target.to ? ` (${serviceName(o.target.to)}'s copy)` : '';
  return `${what} recorded for ${o.msgType} ${o.target.msg}${where} at ${Math.round(atMs * 100) / 100} ms. It is part of the run now: links and replays make it again.`;
}
