/**
 * The three ways a recorded run leaves the page — a link, a scenario file, the CLI runner — each
 * replayed from scratch and compared with the live run. Shared by the steered and what-if tests.
 */
import { expect } from 'vitest';
import { runCli } from '../../../src/cli/run';
import { readLink, scenarioFromLink } from '../../../src/share/decode';
import { buildLink } from '../../../src/share/encode';
import { scenarioFromFileText, scenarioToJson } from '../../../src/share/scenarioFile';
import { Simulation } from '../../../src/sim/engine';

/** The share link of a live run's recorded scenario, from the playhead at 0. */
export function linkOf(live: Simulation): string {
  return buildLink('https://example.test/', { scenario: live.scenario, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
}

/** Replays `link`, the scenario file and the runner, and checks each against `live` with `same`. */
export function expectReplaysEverywhere(live: Simulation, link: string, same: (live: Simulation, replay: Simulation) => void): void {
  const read = readLink(link);
  expect(read.problems).toEqual([]);
  const viaLink = new Simulation(read.state.scenario);
  viaLink.runToEnd();
  same(live, viaLink);
  const viaFile = new Simulation(scenarioFromFileText(scenarioToJson(live.scenario)));
  viaFile.runToEnd();
  same(live, viaFile);
  const cli = runCli(['--link', link, '--json'], () => '', scenarioFromLink);
  expect(cli.code).toBe(0);
  expect(JSON.parse(cli.stdout).traceHash).toBe(live.traceHash());
}
