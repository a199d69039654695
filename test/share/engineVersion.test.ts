import { describe, expect, test } from 'vitest';
import { readLink } from '../../src/share/decode';
import { buildLink } from '../../src/share/encode';
import { engineVersionNotice } from '../../src/share/engineStamp';
import { fileEngineVersion, importScenarioFile, scenarioToJson } from '../../src/share/scenarioFile';
import { toChromeTrace } from '../../src/share/traceExport';
import { Simulation } from '../../src/sim/engine';
import { ENGINE_VERSION } from '../../src/sim/engineVersion';
import { parseScenario } from '../../src/sim/scenario';

const BASE = 'https://eventually.example.org/play/';
const scenario = parseScenario({ seed: 7, workload: { orders: 3 }, faults: { duplicate: 0.2 } });
const state = { scenario, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null };

describe('engine version in links', () => {
  test('a new link records this engine version and opens without a notice', () => {
    const link = buildLink(BASE, state);
    expect(link).toContain(`&e=${ENGINE_VERSION}`);
    const r = readLink(link);
    expect(r.engineVersion).toBe(ENGINE_VERSION);
    expect(r.problems).toEqual([]);
    expect(engineVersionNotice('link', r.engineVersion!)).toBeNull();
  });

  test('a link without an engine version was made with version 1: it still opens, with the notice', () => {
    const link = buildLink(BASE, state).replace(/&e=\d+/, '');
    const r = readLink(link);
    expect(r.fellBack).toBe(false);
    expect(r.state.scenario).toEqual(scenario);
    expect(r.engineVersion).toBe(1);
    expect(engineVersionNotice('link', 1)).toBe('This link was made with engine version 1; this run may differ from the one that was shared.');
  });

  test('a newer engine version opens too, and the notice says it is newer', () => {
    const r = readLink(buildLink(BASE, state).replace(/&e=\d+/, `&e=${ENGINE_VERSION + 1}`));
    expect(r.fellBack).toBe(false);
    expect(r.engineVersion).toBe(ENGINE_VERSION + 1);
    expect(engineVersionNotice('link', ENGINE_VERSION + 1)).toContain(`newer than this one (${ENGINE_VERSION})`);
  });

  test('an unreadable engine version is named and ignored; the run still opens', () => {
    const r = readLink(buildLink(BASE, state).replace(/&e=\d+/, '&e=two'));
    expect(r.fellBack).toBe(false);
    expect(r.engineVersion).toBeNull();
    expect(r.problems.map((p) => p.message)).toEqual([`This link's engine version is "two", which is not a version number — ignored.`]);
  });
});

describe('engine version in exports', () => {
  test('a scenario file records the engine version, reads back to the same scenario, and raises no notice', () => {
    const text = scenarioToJson(scenario);
    expect(JSON.parse(text).engineVersion).toBe(ENGINE_VERSION);
    const r = importScenarioFile(text);
    expect(r).toEqual({ ok: true, scenario, engineVersion: ENGINE_VERSION, notice: null });
  });

  test('a file without the field, or with an older one, opens with the notice', () => {
    const old = JSON.stringify({ seed: 7, workload: { orders: 3 } });
    const r = importScenarioFile(old);
    expect(r.ok && r.notice).toBe('This file was made with engine version 1; this run may differ from the one that was shared.');
    expect(fileEngineVersion(scenarioToJson(scenario).replace(`"engineVersion": ${ENGINE_VERSION}`, '"engineVersion": 1'))).toBe(1);
  });

  test('a malformed engine version in a file is named like any other field', () => {
    const r = importScenarioFile(JSON.stringify({ engineVersion: 'new' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.field).toBe('engineVersion');
  });

  test('the trace export names the engine version', () => {
    const sim = new Simulation(scenario);
    sim.runUntil(300);
    expect(toChromeTrace(sim.trace, { seed: 7 }).otherData.engineVersion).toBe(ENGINE_VERSION);
  });
});
