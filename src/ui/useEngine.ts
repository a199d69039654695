/**
 * React access to the engine controller: re-render on its throttled tick, with a selector
 * and an equality check so a component only re-renders when its slice really changed.
 */
import { useRef, useSyncExternalStore } from 'react';
import { type EngineController, engine } from './engineController';

/** Shallow equality for plain objects and arrays. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Reads a slice of the engine on every tick; returns the previous value while equal. */
export function useEngine<T>(select: (e: EngineController) => T, isEqual: (a: T, b: T) => boolean = shallowEqual): T {
  const last = useRef<{ v: T } | null>(null);
  // React asks a re-rendered component's getSnapshot twice in one commit (render, then the check
  // after it); the engine cannot move in between, so the second answer is the first one again.
  let asked: { version: number; v: T } | null = null;
  const getSnapshot = (): T => {
    if (asked && asked.version === engine.version) return asked.v;
    let next = select(engine);
    if (last.current && isEqual(last.current.v, next)) next = last.current.v;
    else last.current = { v: next };
    asked = { version: engine.version, v: next };
    return next;
  };
  return useSyncExternalStore(engine.subscribeTick, getSnapshot);
}

/** Re-renders on every tick and returns the tick counter (for components that read a lot). */
export function useEngineVersion(): number {
  return useSyncExternalStore(engine.subscribeTick, () => engine.version);
}
