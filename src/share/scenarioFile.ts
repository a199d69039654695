/**
 * Scenario files: what "Export scenario" writes and "Import scenario" reads. Imports go through
 * `parseScenarioJson`, the runner's own reader, so a file that works here works with
 * `npm run sim` and gets the same messages when it does not.
 */
import { parseScenarioJson, ScenarioError } from '../sim/scenario';
import type { Scenario } from '../sim/types';
import { ENGINE_VERSION } from '../sim/engineVersion';
import { engineVersionNotice, UNSTATED_ENGINE_VERSION } from './engineStamp';
import { problemSentence } from './sentences';

/** Biggest scenario file we read; real ones are a few kilobytes. */
export const MAX_SCENARIO_FILE_BYTES = 1_000_000;

/**
 * The file text: every setting written out, not just the ones that differ from defaults, so
 * the file keeps meaning the same run if defaults ever change, and shows every knob to edit.
 */
export function scenarioToJson(s: Scenario): string {
  const { version, name, ...rest } = s;
  // Versions and name first: that is what a reader looks for when opening the file. The engine
  // version says which rules made the run, so a later engine can warn that its replay may differ.
  return `${JSON.stringify({ version, engineVersion: ENGINE_VERSION, ...(name === undefined ? {} : { name }), ...rest }, null, 2)}\n`;
}

/**
 * The engine version a scenario file was made with: its `engineVersion`, or 1 for files that do not
 * say (written before engine version 2). Call it on text that `scenarioFromFileText` accepted.
 */
export function fileEngineVersion(text: string): number {
  try {
    const v = (JSON.parse(text.replace(/^\uFEFF/, '')) as { engineVersion?: unknown }).engineVersion;
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : UNSTATED_ENGINE_VERSION;
  } catch {
    return UNSTATED_ENGINE_VERSION;
  }
}

/** A file name for a scenario, from its name and seed, e.g. "duplicate-delivery-seed-7.json". */
export function scenarioFileName(s: Scenario, suffix = '.json'): string {
  const slug = (s.name ?? 'scenario')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'scenario'}-seed-${s.seed}${suffix}`;
}

/** Reads an imported file's text. Throws `ScenarioError` naming the field, like the runner. */
export function scenarioFromFileText(text: string, sizeBytes = text.length): Scenario {
  if (sizeBytes > MAX_SCENARIO_FILE_BYTES) {
    throw new ScenarioError('file', `is ${Math.round(sizeBytes / 1000)} kB; a scenario file is at most ${MAX_SCENARIO_FILE_BYTES / 1000} kB`);
  }
  return parseScenarioJson(text);
}

/** The outcome of reading an imported file, with a sentence for the page when it failed. */
export type ScenarioImport =
  | { ok: true; scenario: Scenario; engineVersion: number; notice: string | null }
  | { ok: false; field: string; message: string };

/** Like `scenarioFromFileText`, but never throws: a bad file gives a sentence naming the field. */
export function importScenarioFile(text: string, sizeBytes = text.length): ScenarioImport {
  try {
    const scenario = scenarioFromFileText(text, sizeBytes);
    const engineVersion = fileEngineVersion(text);
    return { ok: true, scenario, engineVersion, notice: engineVersionNotice('file', engineVersion) };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, field: e.field, message: problemSentence('This file', e.field, e.problem, 'nothing was loaded') };
    return { ok: false, field: 'file', message: problemSentence('This file', 'file', 'could not be read', 'nothing was loaded') };
  }
}
