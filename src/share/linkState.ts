/**
 * What a playground link carries, and the shape the decoder hands back. A link always
 * decodes to a usable state: when something in it is wrong, the decoder says what in plain
 * words and substitutes a safe value, so the page never has to handle a half-read link.
 */
import type { Scenario } from '../sim/types';
import type { CompareLinkState } from './compareLink';
import type { LinkEntityKind } from './linkFormat';

/** The playground state a link reproduces. */
export interface LinkState {
  /** The full scenario, including control changes made during the run. */
  scenario: Scenario;
  /** Playhead in virtual ms. */
  playhead: number;
  /**
   * Trace events at the playhead. A link made after single steps can sit between two events
   * at the same instant; this count lets the page land on exactly that event. Null = all events
   * at `playhead` have happened (what seeking there gives).
   */
  events: number | null;
  /** Selected order id (e.g. "o3"), or null. */
  selectedOrder: string | null;
  /** Selected message id (e.g. "m42"), or null. */
  selectedMessage: string | null;
  /** The chart opened under the selected order (e.g. its second payment), or the reconciliation round; absent when none is. */
  entity?: { kind: LinkEntityKind; key: string };
  /** Control paths an embed lets the reader change; null = the link does not say. */
  allow: string[] | null;
  /** Side B of an open comparison (link version 4); absent when no comparison is open. */
  compare?: CompareLinkState;
}

/** One thing wrong with a link. */
export interface LinkProblem {
  /** The part of the link concerned, e.g. "seed", "faults.drop", "playhead", "link". */
  field: string;
  /** What is wrong, without framing, e.g. 'must be a number …' (what the runner prints). */
  problem: string;
  /** A whole sentence for the page: what was wrong and what is shown instead. */
  message: string;
}

/** The outcome of reading a link. `state` is always safe to load. */
export interface LinkReadResult {
  state: LinkState;
  /** Every problem found, in link order; empty when the link was fine. */
  problems: LinkProblem[];
  /** The link's scenario could not be used, so `state.scenario` is the default scenario. */
  fellBack: boolean;
  /** The link's format version if it was migrated from an older one, else null. */
  migratedFrom: number | null;
  /** The address held no playground link at all (a fresh visit, or an in-page anchor). */
  empty: boolean;
  /**
   * The engine version the link was made with (1 when it does not say); null when its `e` part
   * could not be read. Compare with ENGINE_VERSION to warn that the run may differ.
   */
  engineVersion: number | null;
}
