/**
 * "What the remedies did": for every remedy that was on during a run, what it absorbed, read
 * from the report's healed counters and the trace, with the messages it acted on so the UI can
 * jump to them. Where a remedy only makes a problem visible (a dead letter waits for a human,
 * a compensation cannot unsend an email) it says so instead of claiming a cure. Pure.
 */
import { REMEDIES } from '../sim/catalog';
import type { Remedies, Report, Scenario, TraceEvent } from '../sim/types';

/** How a remedy's line should look. */
export type RemedyTone =
  /** It absorbed or repaired something. */
  | 'healed'
  /** It was on but had nothing to do. */
  | 'idle'
  /** It works by prevention, so there is nothing to count. */
  | 'prevent'
  /** It made a problem visible without healing it: a human still has to act. */
  | 'visible';

/** One thing a remedy acted on: where to seek to, and what to select. */
export interface RemedyItem {
  t: number;
  msgId: string | null;
  orderId: string | null;
  /** A few words for the link, e.g. "o3 · ChargePayment absorbed". */
  label: string;
}

/** One remedy's line in the summary. */
export interface RemedyLine {
  remedy: keyof Remedies;
  label: string;
  tone: RemedyTone;
  /** What it did, in one sentence. */
  sentence: string;
  /** A second sentence when part of the problem is still there. */
  caveat: string | null;
  /** The count the sentence is about (0 when idle or preventive). */
  count: number;
  items: RemedyItem[];
  /** Things it acted on beyond the first `MAX_ITEMS` shown. */
  more: number;
  /** Switched on during the run rather than at the start: the time it came on. */
  onFrom: number;
}

/** At most this many links per remedy; the count says how many there were in all. */
export const MAX_ITEMS = 8;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** When a remedy was first on during the run (0 = from the start), or null if never. */
export function remedyOnFrom(s: Scenario, remedy: keyof Remedies): number | null {
  const on = (v: unknown) => v !== false && v !== 'none';
  if (on(s.remedies[remedy])) return 0;
  const c = s.changes.find((x) => x.path === `remedies.${remedy}` && on(x.value));
  return c ? c.atMs : null;
}

interface Acc {
  trace: readonly TraceEvent[];
  report: Report;
  msgType: Map<string, string>;
  msgOrder: Map<string, string | null>;
}

function itemFor(acc: Acc, t: number, msgId: string | null, orderId: string | null, what: string): RemedyItem {
  const order = orderId ?? (msgId ? (acc.msgOrder.get(msgId) ?? null) : null);
  const type = msgId ? acc.msgType.get(msgId) : undefined;
  const label = [order, type ? `${type} ${what}` : what].filter(Boolean).join(' · ');
  return { t, msgId, orderId: order, label };
}

type LineBody = Pick<RemedyLine, 'tone' | 'sentence' | 'caveat' | 'count' | 'items'>;

function idle(sentence: string): LineBody {
  return { tone: 'idle', sentence, caveat: null, count: 0, items: [] };
}

function describe(remedy: keyof Remedies, acc: Acc, s: Scenario): LineBody {
  const { trace, report } = acc;
  const healed = report.healed;
  const items: RemedyItem[] = [];
  const add = (i: RemedyItem) => {
    items.push(i);
  };
  switch (remedy) {
    case 'outbox': {
      // A dropped publish that the relay later got through: the outbox saved it.
      const dropped = new Map<string, number>();
      const saved = new Set<string>();
      let keptThroughCrash = 0;
      for (const e of trace) {
        if (e.kind === 'drop') dropped.set(e.msg.id, e.t);
        else if (e.kind === 'publish' && e.via === 'outbox' && dropped.has(e.msg.id) && !saved.has(e.msg.id)) {
          saved.add(e.msg.id);
          add(itemFor(acc, e.t, e.msg.id, e.msg.orderId, 'resent'));
        } else if (e.kind === 'crash' && e.why === 'crashAfterCommit' && e.lostPublishes.length === 0) keptThroughCrash++;
      }
      if (healed.republished === 0 && keptThroughCrash === 0) return idle('On, with nothing to do: no publish was lost and no service crashed between commit and publish.');
      const parts: string[] = [];
      if (healed.republished > 0) parts.push(`re-sent ${plural(healed.republished, 'publish', 'publishes')} the broker never stored (${plural(saved.size, 'message', 'messages')} got through)`);
      if (keptThroughCrash > 0) parts.push(`kept every event through ${plural(keptThroughCrash, 'crash', 'crashes')} between commit and publish`);
      return { tone: 'healed', sentence: `The relay ${parts.join(', and ')}.`, caveat: null, count: healed.republished + keptThroughCrash, items };
    }
    case 'idempotentConsumer':
    case 'idempotencyKey': {
      const why = remedy === 'idempotentConsumer' ? 'dedup' : 'idempotencyKey';
      let absorbed = 0;
      let replayed = 0;
      for (const e of trace) {
        if (e.kind === 'absorbed' && e.why === why) {
          absorbed++;
          add(itemFor(acc, e.t, e.msgId, null, 'ignored'));
        } else if (remedy === 'idempotencyKey' && e.kind === 'charge' && e.replayed) {
          replayed++;
          add(itemFor(acc, e.t, null, e.orderId, 'charge not repeated'));
        }
      }
      if (absorbed + replayed === 0) {
        return idle(remedy === 'idempotentConsumer' ? 'On, with nothing to do: no message arrived twice.' : 'On, with nothing to do: no request or charge was repeated.');
      }
      if (remedy === 'idempotentConsumer') return { tone: 'healed', sentence: `Consumers skipped ${plural(absorbed, 'repeated message', 'repeated messages')} they had already processed.`, caveat: null, count: absorbed, items };
      const parts: string[] = [];
      if (absorbed > 0) parts.push(`recognised ${plural(absorbed, 'repeated request', 'repeated requests')}`);
      if (replayed > 0) parts.push(`stopped ${plural(replayed, 'second charge', 'second charges')} at the provider`);
      return { tone: 'healed', sentence: `Keys ${parts.join(' and ')}.`, caveat: null, count: absorbed + replayed, items };
    }
    case 'ordering': {
      const modes = new Set([s.remedies.ordering, ...s.changes.filter((c) => c.path === 'remedies.ordering').map((c) => String(c.value))]);
      if (!modes.has('versioned')) {
        return { tone: 'prevent', sentence: "Each order's messages shared one partition, so none could overtake another. It prevents rather than repairs, so there is nothing to count.", caveat: null, count: 0, items: [] };
      }
      let held = 0;
      let stale = 0;
      for (const e of trace) {
        if (e.kind === 'buffered') {
          held++;
          add(itemFor(acc, e.t, e.msgId, null, 'held back'));
        } else if (e.kind === 'absorbed' && e.why === 'version') {
          stale++;
          add(itemFor(acc, e.t, e.msgId, null, 'older version ignored'));
        }
      }
      if (held + stale === 0) return idle('On, with nothing to do: every message arrived in sequence.');
      const parts: string[] = [];
      if (held > 0) parts.push(`held ${plural(held, 'early message', 'early messages')} back until the ones before arrived`);
      if (stale > 0) parts.push(`ignored ${plural(stale, 'stale copy', 'stale copies')}`);
      return { tone: 'healed', sentence: `Version numbers ${parts.join(' and ')}.`, caveat: null, count: held + stale, items };
    }
    case 'retries': {
      // Follow each failed message to its end: a later ack means a retry got it through.
      let backedOff = 0;
      const failed = new Map<string, { t: number; end: 'open' | 'through' | 'parked' | 'gone' }>();
      for (const e of trace) {
        if (e.kind !== 'handlerFailed' && e.kind !== 'ack' && e.kind !== 'deadLettered') continue;
        let f = failed.get(e.msgId);
        if (e.kind === 'handlerFailed') {
          if (!f) {
            f = { t: e.t, end: 'open' };
            failed.set(e.msgId, f);
          }
          if (e.retryAt === null) f.end = 'gone';
          else backedOff++;
        } else if (f && e.kind === 'ack' && f.end === 'open') f.end = 'through';
        else if (f && e.kind === 'deadLettered') f.end = 'parked';
      }
      const ends = { open: 0, through: 0, parked: 0, gone: 0 };
      for (const [id, f] of failed) {
        ends[f.end]++;
        add(itemFor(acc, f.t, id, null, f.end === 'through' ? 'got through' : f.end === 'parked' ? 'never got through' : f.end === 'gone' ? 'given up' : 'still failing'));
      }
      // The run's retry counter also holds provider calls repeated after a timeout.
      const providerRetries = Math.max(0, report.metrics.retries - backedOff);
      if (failed.size + providerRetries === 0) return idle('On, with nothing to do: no handler failed and no provider call timed out.');
      const parts: string[] = [];
      if (backedOff > 0) parts.push(`waited longer before each of ${plural(backedOff, 'redelivery', 'redeliveries')}`);
      if (providerRetries > 0) parts.push(`called the provider again ${plural(providerRetries, 'time', 'times')} after a timeout`);
      let sentence = `Retries ${parts.join(' and ')}.`;
      if (failed.size > 0) sentence += ` ${ends.through} of ${plural(failed.size, 'failing message', 'failing messages')} went through on a later attempt.`;
      const stuck = ends.parked + ends.gone + ends.open;
      if (stuck === 0) return { tone: 'healed', sentence, caveat: null, count: backedOff + providerRetries, items };
      const caveats: string[] = ['Retrying cannot fix a message that fails every time.'];
      if (ends.parked > 0) caveats.push(`${plural(ends.parked, 'message went', 'messages went')} to the dead-letter queue.`);
      if (ends.gone > 0) caveats.push(`${plural(ends.gone, 'message was', 'messages were')} given up after the last attempt; with no dead-letter queue ${ends.gone === 1 ? 'it is' : 'they are'} simply gone.`);
      if (ends.open > 0) caveats.push(`${plural(ends.open, 'message was', 'messages were')} still failing when the run ended.`);
      return { tone: ends.through + providerRetries > 0 ? 'healed' : 'visible', sentence, caveat: caveats.join(' '), count: backedOff + providerRetries, items };
    }
    case 'deadLetterQueue': {
      let dead = 0;
      for (const e of trace) {
        if (e.kind !== 'deadLettered') continue;
        dead++;
        add(itemFor(acc, e.t, e.msgId, e.orderId, 'dead-lettered'));
      }
      if (dead === 0) return idle('On, with nothing to do: no message failed for good.');
      const review = report.orders.filter((o) => o.state === 'RequiresManualReview').length;
      return {
        tone: 'visible',
        sentence: `Parked ${plural(dead, 'message', 'messages')} that kept failing, so ${dead === 1 ? 'its' : 'their'} partition${dead === 1 ? '' : 's'} could flow again.`,
        caveat:
          review > 0
            ? `Visible, not healed: ${plural(review, 'order waits', 'orders wait')} for manual review. A person has to fix ${review === 1 ? 'it' : 'them'}.`
            : 'Visible, not healed: the parked messages still need a person to look at them.',
        count: dead,
        items,
      };
    }
    case 'saga': {
      for (const e of trace) {
        if (e.kind === 'publish' && e.msg.from === 'order' && (e.msg.type === 'RefundPayment' || e.msg.type === 'ReleaseStock')) {
          if (!items.some((i) => i.msgId === e.msg.id)) add(itemFor(acc, e.t, e.msg.id, e.msg.orderId, 'sent'));
        }
      }
      if (healed.compensated === 0) return idle('On, with nothing to do: no step failed after an earlier one succeeded.');
      const contradictory = report.anomalies.contradictoryEmails?.count ?? 0;
      const sentence = `Sent ${plural(healed.compensated, 'compensation', 'compensations')} (refund the payment, release the stock) when a later step failed.`;
      if (contradictory > 0) {
        return {
          tone: 'visible',
          sentence,
          caveat: `Compensation is not reversal: ${plural(contradictory, 'customer', 'customers')} still got a confirmation and then a cancellation email.`,
          count: healed.compensated,
          items,
        };
      }
      return { tone: 'healed', sentence, caveat: null, count: healed.compensated, items };
    }
    case 'reconciliation': {
      for (const e of trace) if (e.kind === 'reconcile') add({ t: e.t, msgId: null, orderId: e.orderId, label: [e.orderId, 'repaired'].filter(Boolean).join(' · ') });
      if (healed.reconciled === 0) return idle('On, with nothing to do: the services and the ledger always agreed.');
      return { tone: 'healed', sentence: `The reconciler made ${plural(healed.reconciled, 'repair', 'repairs')} where services and the ledger disagreed.`, caveat: null, count: healed.reconciled, items };
    }
    case 'conditionalUpdate': {
      let rereads = 0;
      for (const e of trace) {
        if (e.kind === 'stock' && e.why.startsWith('compare-and-set')) {
          rereads++;
          add(itemFor(acc, e.t, null, e.orderId, 'stock re-read'));
        }
      }
      if (rereads === 0) return idle('On, with nothing to do: no two reservations raced for the same stock.');
      return { tone: 'healed', sentence: `Compare-and-set caught ${plural(rereads, 'race', 'races')} for the stock and decided again on fresh numbers.`, caveat: null, count: rereads, items };
    }
    case 'lastWriteWins':
      if (s.remedies.logicalClocks || s.faults.clockSkewMs === 0) {
        return { tone: 'prevent', sentence: 'The dashboard kept the newest update instead of the last to arrive. It prevents rather than repairs, so there is nothing to count.', caveat: null, count: 0, items: [] };
      }
      return {
        tone: 'visible',
        sentence: 'The dashboard kept the update with the newest sender timestamp instead of the last to arrive.',
        caveat: 'Clocks disagreed in this run, so a timestamp could make an older update look newer.',
        count: 0,
        items: [],
      };
    case 'logicalClocks':
      return { tone: 'prevent', sentence: 'The dashboard ordered updates by cause and effect instead of by clock readings. It prevents rather than repairs, so there is nothing to count.', caveat: null, count: 0, items: [] };
  }
}

/** Every remedy that was on at some point of the run, in catalogue order, with what it did. */
export function summariseRemedies(report: Report, trace: readonly TraceEvent[]): RemedyLine[] {
  const s = report.scenario;
  const acc: Acc = { trace, report, msgType: new Map(), msgOrder: new Map() };
  for (const e of trace) {
    if (e.kind === 'publish' || e.kind === 'drop') {
      acc.msgType.set(e.msg.id, e.msg.type);
      acc.msgOrder.set(e.msg.id, e.msg.orderId);
    }
  }
  const lines: RemedyLine[] = [];
  for (const remedy of Object.keys(REMEDIES) as (keyof Remedies)[]) {
    const onFrom = remedyOnFrom(s, remedy);
    if (onFrom === null) continue;
    const body = describe(remedy, acc, s);
    lines.push({ remedy, label: REMEDIES[remedy].label, onFrom, ...body, items: body.items.slice(0, MAX_ITEMS), more: Math.max(0, body.items.length - MAX_ITEMS) });
  }
  return lines;
}
