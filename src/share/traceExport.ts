/**
 * A run's trace in the Chrome trace-event format (`{ traceEvents: [...] }`), so it opens in
 * Perfetto (ui.perfetto.dev) or chrome://tracing: one process for the run, one thread per
 * service, one complete slice (`ph: 'X'`) per message handled, from delivery to ack (or to
 * the failure, dead-lettering or crash that ended it). Timestamps are virtual time in µs.
 *
 * A slice track must hold properly nested slices. A service can handle messages from several
 * partitions at once (a payment waits on the provider while the next one arrives), so
 * overlapping handlings go to extra lanes named "<service> (overlap 2)", right under the
 * service's own track.
 */
import { SERVICES } from '../sim/api';
import { ENGINE_VERSION } from '../sim/engineVersion';
import type { Message, ServiceId, TraceEvent } from '../sim/types';

/** One entry of `traceEvents`. Only the fields this exporter writes. */
export interface ChromeTraceEvent {
  name: string;
  /** X = complete slice, i = instant, M = metadata (names and sort order). */
  ph: 'X' | 'i' | 'M';
  pid: number;
  tid: number;
  /** Start, µs. Absent on metadata. */
  ts?: number;
  /** Duration, µs (complete slices only). */
  dur?: number;
  cat?: string;
  /** Instant scope: thread. */
  s?: 't';
  args?: Record<string, string | number | boolean | null>;
}

/** The JSON object form of the format. */
export interface ChromeTrace {
  traceEvents: ChromeTraceEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, string | number>;
}

/** What the export says about the run it came from. */
export interface TraceExportInfo {
  name?: string;
  seed: number;
  traceHash?: string;
  /** A link that reproduces the run, so a trace file can lead back to the playground. */
  link?: string;
}

/** The one process id used: the whole system is one run. */
export const TRACE_PID = 1;

/** Virtual ms → trace µs, rounded to the nanosecond to keep float noise out of the file. */
export function toMicros(ms: number): number {
  return Math.round(ms * 1_000_000) / 1000;
}

/** Thread id of a service lane: services keep their catalogue order, lanes follow their service. */
export function threadId(service: ServiceId, lane: number): number {
  return (SERVICES.indexOf(service) + 1) * 1000 + lane;
}

interface OpenSlice {
  service: ServiceId;
  msgId: string;
  start: number;
  args: Record<string, string | number | boolean | null>;
  name: string;
  cat: string;
}

/** Converts a trace (as recorded by the engine) to the Chrome trace-event format. */
export function toChromeTrace(trace: readonly TraceEvent[], info: TraceExportInfo): ChromeTrace {
  const messages = new Map<string, Message>();
  const open = new Map<string, OpenSlice>();
  // Per service, the end time of the last slice on each lane.
  const lanes = new Map<ServiceId, number[]>();
  const slices: ChromeTraceEvent[] = [];
  const instants: ChromeTraceEvent[] = [];
  const endT = trace.length > 0 ? trace[trace.length - 1].t : 0;

  const close = (key: string, end: number, outcome: string) => {
    const sl = open.get(key);
    if (!sl) return;
    open.delete(key);
    const ends = lanes.get(sl.service) ?? [];
    lanes.set(sl.service, ends);
    let lane = ends.findIndex((e) => e <= sl.start);
    if (lane < 0) lane = ends.push(end) - 1;
    else ends[lane] = end;
    slices.push({
      name: sl.name,
      cat: sl.cat,
      ph: 'X',
      pid: TRACE_PID,
      tid: threadId(sl.service, lane),
      ts: toMicros(sl.start),
      dur: Math.max(0, toMicros(end) - toMicros(sl.start)),
      args: { ...sl.args, outcome },
    });
  };
  const instant = (service: ServiceId, t: number, name: string, args: ChromeTraceEvent['args']) => {
    instants.push({ name, cat: 'process', ph: 'i', s: 't', pid: TRACE_PID, tid: threadId(service, 0), ts: toMicros(t), args });
  };

  for (const e of trace) {
    switch (e.kind) {
      case 'publish':
      case 'drop':
        messages.set(e.msg.id, e.msg);
        break;
      case 'deliver': {
        const key = `${e.msgId}>${e.to}`;
        close(key, e.t, 'superseded');
        const msg = messages.get(e.msgId);
        open.set(key, {
          service: e.to,
          msgId: e.msgId,
          start: e.t,
          name: msg?.type ?? e.msgId,
          cat: e.topic,
          args: { msgId: e.msgId, orderId: msg?.orderId ?? null, from: msg?.from ?? null, attempt: e.attempt, duplicate: e.duplicate, partition: e.partition },
        });
        break;
      }
      case 'absorbed':
      case 'buffered': {
        const sl = open.get(`${e.msgId}>${e.to}`);
        if (sl) sl.args[e.kind] = e.kind === 'absorbed' ? e.why : true;
        break;
      }
      case 'ack':
        close(`${e.msgId}>${e.to}`, e.t, 'ack');
        break;
      case 'handlerFailed':
        close(`${e.msgId}>${e.to}`, e.t, e.retryAt === null ? 'failed, skipped' : 'failed, will retry');
        break;
      case 'deadLettered':
        close(`${e.msgId}>${e.to}`, e.t, 'dead-lettered');
        break;
      case 'crash':
        for (const [key, sl] of [...open]) if (sl.service === e.service) close(key, e.t, 'crash');
        instant(e.service, e.t, `crash (${e.why})`, { msgId: e.msgId, lostPublishes: e.lostPublishes.join(' ') });
        break;
      case 'restart':
        instant(e.service, e.t, 'restart', {});
        break;
    }
  }
  for (const key of [...open.keys()]) close(key, endT, 'unfinished');

  const meta: ChromeTraceEvent[] = [
    { name: 'process_name', ph: 'M', pid: TRACE_PID, tid: 0, args: { name: `Eventually: ${info.name ?? 'scenario'} (seed ${info.seed})` } },
  ];
  for (const service of SERVICES) {
    const count = Math.max(1, lanes.get(service)?.length ?? 0);
    for (let lane = 0; lane < count; lane++) {
      const tid = threadId(service, lane);
      meta.push({ name: 'thread_name', ph: 'M', pid: TRACE_PID, tid, args: { name: lane === 0 ? service : `${service} (overlap ${lane + 1})` } });
      meta.push({ name: 'thread_sort_index', ph: 'M', pid: TRACE_PID, tid, args: { sort_index: tid } });
    }
  }
  // By start, longer first at equal starts, so a slice comes before any it encloses.
  const timed = [...slices, ...instants].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0) || (b.dur ?? 0) - (a.dur ?? 0));
  // The engine version tells a reader which rules made these events (the same scenario may differ under others).
  const otherData: Record<string, string | number> = { producer: 'Eventually', engineVersion: ENGINE_VERSION, seed: info.seed, virtualEndMs: endT };
  if (info.name) otherData.scenario = info.name;
  if (info.traceHash) otherData.traceHash = info.traceHash;
  if (info.link) otherData.link = info.link;
  return { traceEvents: [...meta, ...timed], displayTimeUnit: 'ms', otherData };
}
