/** The presenter caption's choice of words: a step told in full, a jump summed up, quiet play filtered. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Message } from '../../src/sim/types';
import { narrateStep } from '../../src/ui/narration';
import { JUMP_EVENTS, StepNarrator } from '../../src/ui/presenter/stepCaption';

function setup() {
  const sim = new Simulation(parseScenario({ seed: 3, faults: { crashBeforeAck: 0.2 } }));
  const messages = new Map<string, Message>();
  sim.subscribe((e) => {
    if (e.kind === 'publish' || e.kind === 'drop') messages.set(e.msg.id, e.msg);
  });
  return { sim, messages };
}

describe('the presenter caption', () => {
  it('tells a small step in full', () => {
    const { sim, messages } = setup();
    const n = new StepNarrator();
    expect(n.next(sim.trace, messages)).toBeNull();
    const before = sim.trace.length;
    while (sim.trace.length === before) sim.step();
    expect(n.next(sim.trace, messages)).toBe(narrateStep(sim.trace.slice(before), messages));
  });

  it('sums up a jump instead of naming one event out of hundreds', () => {
    const { sim, messages } = setup();
    const n = new StepNarrator();
    n.next(sim.trace, messages);
    sim.runUntil(2000);
    expect(sim.trace.length).toBeGreaterThan(JUMP_EVENTS);
    const text = n.next(sim.trace, messages) ?? '';
    expect(text).toMatch(new RegExp(`^Over ${sim.trace.length.toLocaleString('en-US')} events: `));
    expect(text).toMatch(/crashed|confirmed|shipped/);
  });

  it('while playing, routine traffic does not replace the sentence', () => {
    const { sim, messages } = setup();
    const n = new StepNarrator();
    n.next(sim.trace, messages);
    const before = sim.trace.length;
    while (sim.trace.length === before) sim.step();
    // The first events are a request and its publish: below the bar of 9.
    expect(n.next(sim.trace, messages, 9)).toBeNull();
  });
});
