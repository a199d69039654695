/**
 * The first snapshot of an entity machine, built once per machine and shared by every entity:
 * snapshots are immutable, and an entity's first event moves it on from there. Entity machines
 * therefore take their data from that first event rather than from `input` — which also keeps
 * XState from building a context-assigning action on every start.
 */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { start } from './pure';

const cache = new WeakMap<AnyStateMachine, unknown>();

/** The shared first snapshot of `machine` (whose initial state must ask for no effects). */
export function initialSnapshot<M extends AnyStateMachine>(machine: M): SnapshotFrom<M> {
  const known = cache.get(machine) as SnapshotFrom<M> | undefined;
  if (known) return known;
  const first = start(machine, undefined as never);
  if (first.commands.length > 0) throw new Error(`machine ${machine.id} asks for effects on start; it cannot share a first snapshot`);
  cache.set(machine, first.snapshot);
  return first.snapshot;
}
