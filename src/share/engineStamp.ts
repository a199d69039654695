/**
 * The engine version a link or file was made with. The same scenario replays to the same run only
 * under the same engine rules, so a shared run made by another engine version still opens, but
 * with a sentence saying the run on screen may not be the one its author saw.
 */
import { ENGINE_VERSION } from '../sim/engineVersion';

/** What a link or file says about the engine that made it, before it is judged. */
export type EngineStamp = { ok: true; version: number } | { ok: false; text: string };

/** Links and files from before engine version 2 did not record one: they were made with version 1. */
export const UNSTATED_ENGINE_VERSION = 1;

/** Reads a link's `e` part (null when absent, which means version 1). */
export function readEngineStamp(text: string | null): EngineStamp {
  if (text === null) return { ok: true, version: UNSTATED_ENGINE_VERSION };
  if (!/^[1-9][0-9]{0,5}$/.test(text)) return { ok: false, text };
  return { ok: true, version: Number(text) };
}

/**
 * The notice for a run made with another engine version, or null when it was made with this one.
 * e.g. "This link was made with engine version 1; this run may differ from the one that was shared."
 */
export function engineVersionNotice(subject: 'link' | 'file', madeWith: number): string | null {
  if (madeWith === ENGINE_VERSION) return null;
  const newer = madeWith > ENGINE_VERSION ? `, newer than this one (${ENGINE_VERSION})` : '';
  return `This ${subject} was made with engine version ${madeWith}${newer}; this run may differ from the one that was shared.`;
}
