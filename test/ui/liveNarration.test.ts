/**
 * The live region's pacing, on real runs: a paused step is told at once and in full, playing is
 * summed up at most every few seconds and only when something notable happened, the end of a
 * run is announced once with its outcome, and a rewind tells what is at the new playhead.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Message, ScenarioInput } from '../../src/sim/types';
import { LiveNarrator, outcomeSentence, PLAYING_INTERVAL_MS } from '../../src/ui/a11y/liveNarration';
import { narrateStep } from '../../src/ui/narration';

function start(input: ScenarioInput) {
  const sim = new Simulation(parseScenario(input), { metrics: true });
  const messages = new Map<string, Message>();
  sim.subscribe((e) => {
    if (e.kind === 'publish' || e.kind === 'drop') messages.set(e.msg.id, e.msg);
  });
  const feed = (n: LiveNarrator, playing: boolean, wallMs: number) =>
    n.tick({ trace: sim.trace, messages, alerts: sim.recorder?.alerts ?? [], playing, done: sim.done, report: () => sim.report(), wallMs });
  return { sim, messages, feed };
}

describe('the live region', () => {
  it('a paused step is told at once, as the step narration', () => {
    const { sim, messages, feed } = start({ seed: 1 });
    const n = new LiveNarrator();
    expect(feed(n, false, 0)).toBeNull();
    for (let k = 0; k < 5; k++) {
      const before = sim.trace.length;
      while (sim.trace.length === before) sim.step();
      expect(feed(n, false, k)).toBe(narrateStep(sim.trace.slice(before), messages));
    }
    // Nothing new, nothing said.
    expect(feed(n, false, 10)).toBeNull();
  });

  it('while playing: at most one announcement per interval, only when something notable happened, and the end once', () => {
    const { sim, feed } = start({ seed: 2, faults: { crashBeforeAck: 0.2, drop: 0.1 } });
    const n = new LiveNarrator();
    feed(n, true, 0);
    const said: { at: number; text: string }[] = [];
    let wall = 0;
    while (!sim.done) {
      sim.runUntil(sim.now + 6);
      wall += 120;
      const text = feed(n, true, wall);
      if (text) said.push({ at: wall, text });
    }
    expect(said.length).toBeGreaterThan(1);
    const last = said[said.length - 1];
    expect(last.text).toBe(outcomeSentence(sim.report()));
    const during = said.slice(0, -1);
    for (let i = 1; i < during.length; i++) expect(during[i].at - during[i - 1].at).toBeGreaterThanOrEqual(PLAYING_INTERVAL_MS);
    expect(during.some((s) => /crashed|lost/.test(s.text))).toBe(true);
    // The end is not announced twice.
    expect(feed(n, false, wall + 10_000)).toBeNull();
  });

  it('what playing left untold is told with the next paused step, once, from where the last telling stopped', () => {
    const { sim, messages, feed } = start({ seed: 2, faults: { crashBeforeAck: 0.2, drop: 0.1 } });
    const n = new LiveNarrator();
    feed(n, true, 0);
    // A telling while playing: the events up to here are said.
    sim.runUntil(sim.now + 200);
    expect(feed(n, true, PLAYING_INTERVAL_MS)).not.toBeNull();
    const told = sim.trace.length;
    // Two ticks too soon to tell anything: their events wait.
    sim.runUntil(sim.now + 6);
    expect(feed(n, true, PLAYING_INTERVAL_MS + 100)).toBeNull();
    sim.runUntil(sim.now + 6);
    expect(feed(n, true, PLAYING_INTERVAL_MS + 200)).toBeNull();
    // Paused, one step: the waiting events and the step, together.
    const before = sim.trace.length;
    while (sim.trace.length === before) sim.step();
    const events = sim.trace.slice(told);
    expect(events.length).toBeGreaterThan(before - told);
    // Few enough to be told event by event (a longer stretch is summed up).
    expect(events.length).toBeLessThanOrEqual(20);
    expect(feed(n, false, PLAYING_INTERVAL_MS + 300)).toBe(narrateStep(events, messages));
    // Told once: nothing new, nothing said.
    expect(feed(n, false, PLAYING_INTERVAL_MS + 400)).toBeNull();
  });

  it('a quiet run says nothing while playing until it ends', () => {
    const { sim, feed } = start({ seed: 3, workload: { orders: 2 } });
    const n = new LiveNarrator();
    feed(n, true, 0);
    const said: string[] = [];
    let wall = 0;
    // Before any order finishes there is nothing notable to say.
    while (sim.now < 30) {
      sim.runUntil(sim.now + 5);
      wall += 5000;
      const t = feed(n, true, wall);
      if (t) said.push(t);
    }
    expect(said).toEqual([]);
  });

  it('a rewind tells what is at the new playhead', () => {
    const s = parseScenario({ seed: 1 });
    const a = new Simulation(s);
    a.runUntil(400);
    const n = new LiveNarrator();
    const messages = new Map<string, Message>();
    for (const e of a.trace) if (e.kind === 'publish') messages.set(e.msg.id, e.msg);
    n.tick({ trace: a.trace, messages, alerts: [], playing: false, done: false, report: () => a.report(), wallMs: 0 });
    const b = new Simulation(s);
    b.runUntil(200);
    const lastT = b.trace[b.trace.length - 1].t;
    const atPlayhead = b.trace.filter((e) => e.t === lastT);
    expect(n.tick({ trace: b.trace, messages, alerts: [], playing: false, done: false, report: () => b.report(), wallMs: 1 })).toBe(narrateStep(atPlayhead, messages));
  });

  it('the outcome sentence names the buckets and the anomalies, and says when people must act', () => {
    const sim = new Simulation(parseScenario({ seed: 1, faults: { poison: 0.1 }, remedies: { retries: true, deadLetterQueue: true }, durationMs: 20_000 }));
    sim.runToEnd();
    expect(outcomeSentence(sim.report())).toMatch(/^The run ended with 20 orders: \d+ confirmed \/ shipped, 3 manual review; 3 visible, not healed: orders in manual review need a person\.$/);
  });
});
